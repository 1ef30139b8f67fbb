// Issue 30 item 2, in the real window: the inspector pins an initiative's start. Picking
// "Pinned start" and typing a date saves one `pinned` patch; the schedule holds the work on
// that date although its handoffs would start it later, the broken handoff is a
// `pinned-handoff-violated` finding, and one undo takes the pin back. Each step is read
// back from the saved file by the `bridger` CLI. PINNED_SHOT=path saves the inspector.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import test from "node:test";

import { BRIDGER, client, KEY, saved, savedWhen } from "./client.mjs";
import { launch, sleep, waitFor } from "./harness.mjs";

const check = (file) => {
  try {
    return JSON.parse(execFileSync(BRIDGER, ["check", file, "--json"], { encoding: "utf8" }));
  } catch (e) {
    return JSON.parse(e.stdout); // check exits non-zero when the plan has blockers or warnings
  }
};
const schedule = (file) => JSON.parse(execFileSync(BRIDGER, ["schedule", file, "--json"], { encoding: "utf8" }));

test("the inspector pins a start: the work holds its date, the broken handoff is a finding, undo frees it", { timeout: 180_000 }, async (t) => {
  const app = await launch();
  t.after(() => app.stop());
  const c = client(app);
  await waitFor(async () => (await c.js("return !!(window.__bridger && window.__bridger.ready())")) || undefined, "the editor");
  const plan = saved(app.planPath);
  const rows = schedule(app.planPath).initiatives;
  // Work that waits for a handoff and does not start on the plan's first day.
  const late = plan.initiatives.find((i) => !i.actual_start && plan.handoffs.some((h) => h.to === i.id && h.kind === "FS") && rows.find((r) => r.id === i.id)?.early_start > 20);
  assert.ok(late, "the demo has work that waits for a handoff");
  const before = rows.find((r) => r.id === late.id);
  const pinOn = rows.find((r) => r.early_start === before.early_start - 10)?.start_date ?? rows.find((r) => r.early_start < before.early_start - 5).start_date;

  await c.js("window.__bridger.selectCards([arguments[0]])", late.id);
  await c.element("[data-testid=inspector-initiative]");
  await c.js(`const s = document.querySelector("[data-testid=initiative-pinned-at]"); s.value = "start"; s.dispatchEvent(new Event("change"));`);
  await sleep(300);
  assert.equal(saved(app.planPath).initiatives.find((i) => i.id === late.id).pinned, undefined, "no pin is saved before its date");
  await c.type("[data-testid=initiative-pinned-date]", pinOn);
  await c.keys(KEY.tab);
  const pinned = await savedWhen(app.planPath, (p) => p.initiatives.find((i) => i.id === late.id).pinned, "the pin saved");
  assert.deepEqual(pinned, { at: "start", date: pinOn });
  const now = schedule(app.planPath).initiatives.find((r) => r.id === late.id);
  assert.equal(now.start_date, pinOn, "the work starts on its pinned date");
  const broken = check(app.planPath).findings.filter((f) => f.code === "pinned-handoff-violated");
  assert.ok(broken.length > 0 && broken.every((f) => f.message.includes(late.name)), JSON.stringify(broken));
  await waitFor(async () => (await c.js(`return document.querySelector("[data-testid=initiative-pinned-at]")?.value`)) === "start" || undefined, "the field shows the pin");
  if (process.env.PINNED_SHOT) {
    await c.js(`document.querySelector("[data-testid=initiative-pinned-at]").scrollIntoView({ block: "center" })`);
    await sleep(700);
    execFileSync("import", ["-display", app.display, "-window", "root", process.env.PINNED_SHOT]);
  }

  await c.keys(KEY.control, "z");
  await savedWhen(app.planPath, (p) => (p.initiatives.find((i) => i.id === late.id).pinned === undefined ? true : undefined), "the pin undone");
  assert.equal(schedule(app.planPath).initiatives.find((r) => r.id === late.id).start_date, before.start_date, "back where its handoffs start it");
});
