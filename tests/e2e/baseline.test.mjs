// Issue 27, item 5, in the real window: the baseline of record measured on the map and the
// Timeline. A baseline is kept in the Update tab (the first: of record), then a critical
// estimate grows 4 days (written by the CLI; the window reads it): the map's cards show the
// moves the CLI's `schedule --json` gives ("+4 days"), "Moved since baseline" dims every other
// card, and the Timeline draws a baseline bar under each bar, the lengthened one's ending
// earlier than its bar now. A second baseline made of record takes the badges away; deleted,
// the first is of record again; a third marked of record by the CLI takes them away again.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import test from "node:test";

import { BRIDGER, client, saved } from "./client.mjs";
import { launch, waitFor } from "./harness.mjs";

const scheduled = (file) => JSON.parse(execFileSync(BRIDGER, ["schedule", file, "--json"], { encoding: "utf8" })).initiatives;
const days = (d) => `${d > 0 ? "+" : "\u2212"}${Math.abs(d)} ${Math.abs(d) === 1 ? "day" : "days"}`;

test("a baseline of record: move badges, the moved filter and the Timeline's baseline bars", { timeout: 240_000 }, async (t) => {
  const app = await launch();
  t.after(() => app.stop());
  const c = client(app);
  await waitFor(async () => (await c.js("return !!(window.__bridger && window.__bridger.ready())")) || undefined, "the editor");
  const badges = () => c.js("return window.__bridger.badges()");
  assert.deepEqual(await badges(), {}, "no baseline: no badge");
  assert.equal((await app.findAll("#map-moved")).length, 0, "and no moved filter");

  // Keep "Week 1" in the Update tab: the first baseline is the baseline of record.
  await c.click("#tab-update");
  await c.type("#baseline-name", "Week 1");
  await c.click("#baseline-keep");
  await c.element("[data-testid=baseline-is-record]");
  assert.ok(scheduled(app.planPath).every((r) => r.finish_variance === 0), "the CLI measures against it too");

  // A critical estimate 4 working days longer, written by another program.
  const plan = saved(app.planPath);
  const critical = scheduled(app.planPath).find((r) => r.critical && !r.actual_start && r.duration > 0);
  const i = plan.initiatives.find((x) => x.id === critical.id);
  const duration = { ...i.duration, likely: i.duration.likely + 4, pessimistic: i.duration.pessimistic + 4 };
  execFileSync(BRIDGER, ["edit", app.planPath, JSON.stringify({ op: "patch", value: { kind: "initiative", id: i.id, fields: { duration } } })]);
  const want = Object.fromEntries(scheduled(app.planPath).filter((r) => r.finish_variance).map((r) => [r.id, days(r.finish_variance)]));
  assert.equal(want[i.id], "+4 days", "the CLI says the lengthened one moved 4 days");
  const shown = await waitFor(async () => {
    const b = await badges();
    return Object.keys(b).length > 0 ? b : undefined;
  }, "the move badges");
  assert.deepEqual(shown, want, "each moved card shows the CLI's move, none else");

  // The map's filter: only the moved cards stay undimmed.
  await c.click("#tab-map");
  assert.equal((await app.texts("[data-testid=map-moved-count]"))[0], String(Object.keys(want).length));
  await c.click("#map-moved");
  const dimmed = await waitFor(async () => {
    const d = await c.js("return window.__bridger.dimmed()");
    return d.length > 0 ? d : undefined;
  }, "the unmoved cards dimmed");
  assert.deepEqual(dimmed.toSorted(), plan.initiatives.map((x) => x.id).filter((id) => !(id in want)).toSorted());
  await c.click("#map-moved");
  await waitFor(async () => ((await c.js("return window.__bridger.dimmed()")).length === 0 ? true : undefined), "the filter off");

  // The Timeline: a baseline bar under every bar; the lengthened one's ends 4 days earlier.
  await c.click("#tab-capacity");
  await c.element("[data-testid=timeline-baseline-bar]");
  assert.match((await app.texts("[data-testid=timeline-baseline-key]"))[0], /Week 1/);
  const ends = await c.js(`
    const bar = document.querySelector('[data-testid=timeline-baseline-bar][data-id="${i.id}"]');
    const now = bar.parentNode.querySelector('rect.bar:not(.baseline)');
    const end = (r) => Number(r.getAttribute("x")) + Number(r.getAttribute("width"));
    return { bars: document.querySelectorAll('[data-testid=timeline-baseline-bar]').length, baseline: end(bar), now: end(now) };`);
  assert.equal(ends.bars, plan.initiatives.length, "every initiative has its baseline bar");
  assert.ok(ends.baseline < ends.now - 1, `the baseline bar ends before the bar now: ${JSON.stringify(ends)}`);

  // "Week 2" kept and made the baseline of record: nothing moved against it.
  await c.click("#tab-update");
  await c.type("#baseline-name", "Week 2");
  await c.click("#baseline-keep");
  await waitFor(async () => ((await app.texts("#baseline-pick option:checked"))[0]?.startsWith("Week 2") ? true : undefined), "Week 2 picked");
  await c.click("#baseline-of-record");
  await waitFor(async () => (Object.keys(await badges()).length === 0 ? true : undefined), "no badge against Week 2");
  await c.element("[data-testid=baseline-is-record]");
  assert.ok(scheduled(app.planPath).every((r) => r.finish_variance === 0), "the file's baseline of record is Week 2");

  // Deleted: Week 1 is of record again, and the badges are back.
  await c.click("#baseline-delete");
  await c.click("[data-testid=confirm-delete-baseline-ok]");
  await waitFor(async () => (Object.keys(await badges()).length > 0 ? true : undefined), "the badges against Week 1 again");
  assert.deepEqual(await badges(), want);

  // Another program marks a new baseline of record: the window follows, without an edit.
  execFileSync(BRIDGER, ["baseline", app.planPath, "--name", "Week 3"]);
  execFileSync(BRIDGER, ["baseline", app.planPath, "--of-record", "Week 3"]);
  await waitFor(async () => (Object.keys(await badges()).length === 0 ? true : undefined), "no badge against Week 3");
});
