// Issue 27, item 5, in the real window: the Update tab lists the work due for an update
// around the demo's status date, its stale "Hardware order" marked. One row is marked still
// true, another's progress changed, both saved at once: the file holds both, the
// `not-updated` finding is gone, and one undo takes both back. Each step is read back from
// the saved file by the `bridger` CLI.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import test from "node:test";

import { client, KEY, saved, savedWhen } from "./client.mjs";
import { BRIDGER } from "./client.mjs";
import { launch, sleep, waitFor } from "./harness.mjs";

const findings = (file) => {
  let out;
  try {
    out = execFileSync(BRIDGER, ["check", file, "--json"], { encoding: "utf8" });
  } catch (e) {
    out = e.stdout; // check exits non-zero when the plan has blockers or warnings
  }
  return JSON.parse(out).findings;
};
const notUpdated = (file) => findings(file).filter((f) => f.code === "not-updated").map((f) => f.subject);

test("the Update tab: still true and a progress saved as one step, undone as one", { timeout: 180_000 }, async (t) => {
  const app = await launch();
  t.after(() => app.stop());
  const c = client(app);
  await waitFor(async () => (await c.js("return !!(window.__bridger && window.__bridger.ready())")) || undefined, "the editor");
  const plan = saved(app.planPath);
  assert.ok(plan.status_date, "the demo has a status date");
  const hardware = plan.initiatives.find((i) => i.name.includes("Hardware order"));
  assert.ok(hardware, "the demo has a Hardware order");
  assert.deepEqual(notUpdated(app.planPath), [hardware.id], "the Hardware order is the one not updated");

  await c.click("#tab-update");
  await c.element("[data-testid=update-row]");
  const rows = await c.js(`return [...document.querySelectorAll("[data-testid=update-row]")].map((r) => ({ id: r.dataset.id, stale: r.dataset.stale === "true", name: r.querySelector("[data-testid=update-name]").textContent }))`);
  const hw = rows.find((r) => r.id === hardware.id);
  assert.ok(hw, "the Hardware order is listed");
  assert.ok(hw.stale, "and marked stale");
  assert.equal(hw.name, hardware.name, "by its name");
  assert.equal(await c.js(`return document.querySelector('[data-id="${hardware.id}"]').classList.contains("u-row-stale")`), true, "the stale row is marked");
  const other = plan.initiatives.find((i) => i.id === rows.find((r) => r.id !== hardware.id && !r.stale)?.id);
  assert.ok(other, "another row to update");
  const progress = Math.round(other.progress * 100) === 60 ? 65 : 60;

  // Still true on the Hardware order; a new progress on the other row (typed, then Tab).
  await c.click(`[data-id="${hardware.id}"] [data-testid=update-still-true]`);
  const field = `[data-id="${other.id}"] [data-testid=update-progress]`;
  await app.wd("POST", `/element/${await c.element(field)}/clear`, {});
  await c.type(field, String(progress));
  await c.keys(KEY.tab);
  await waitFor(async () => ((await c.js(`return document.querySelector("#update-save").disabled`)) ? undefined : true), "Save enabled");
  assert.match((await app.texts("#update-save"))[0], /2 updates/);
  await sleep(200);
  await c.click("#update-save");

  const after = await savedWhen(app.planPath, (p) => {
    const h = p.initiatives.find((i) => i.id === hardware.id);
    const o = p.initiatives.find((i) => i.id === other.id);
    return h.updated && Math.round(o.progress * 100) === progress ? p : undefined;
  }, "both updates saved");
  assert.equal(after.initiatives.find((i) => i.id === hardware.id).updated.status_date, plan.status_date, "stamped with the status date");
  assert.deepEqual(notUpdated(app.planPath), [], "the not-updated finding is gone");
  await waitFor(async () => ((await c.js(`return document.querySelector('[data-id="${hardware.id}"]')?.dataset.stale`)) === "false" ? true : undefined), "the row no longer stale");

  // One undo takes both back.
  await c.click("#undo");
  const back = await savedWhen(app.planPath, (p) => {
    const h = p.initiatives.find((i) => i.id === hardware.id);
    return h.updated ? undefined : p;
  }, "the still true undone");
  assert.equal(back.initiatives.find((i) => i.id === other.id).progress, other.progress, "and the progress with it");
  assert.deepEqual(notUpdated(app.planPath), [hardware.id], "the finding is back");
});
