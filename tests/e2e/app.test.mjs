// One real window: the debug build of bridger-app under Xvfb, driven through tauri-driver.
// Run with `make e2e` (or `node --test tests/e2e/` after `make build`).
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import test from "node:test";

import { launch, waitFor } from "./harness.mjs";

const DATE = /^\d{4}-\d{2}-\d{2}$/;
// A finish cell may carry the deadline under the date ("due 2027-03-26").
const CELL_DATE = /^\d{4}-\d{2}-\d{2}(\s|$)/;

/** Waits for the window to show either the map or an error; returns which. */
async function rendered(app) {
  return waitFor(async () => {
    if ((await app.findAll("#error, #schedule-error")).length > 0) return "error";
    const ready = await app.wd("POST", "/execute/sync", { script: "return !!(window.__bridger && window.__bridger.ready())", args: [] });
    if (ready && (await app.findAll("[data-testid=map-canvas]")).length > 0) return "map";
    return undefined;
  }, "the editor to render");
}

test("first start creates the demo plan and shows its schedule", async (t) => {
  const app = await launch();
  t.after(() => app.stop());

  if ((await rendered(app)) === "error") {
    const [message] = await app.texts("#error, #schedule-error");
    assert.fail(`the window shows an error instead of the schedule: ${message}`);
  }
  assert.ok(existsSync(app.planPath), `the app created the plan at BRIDGER_PLAN (${app.planPath})`);

  const [name] = await app.texts("#plan-name");
  assert.ok(name && name.trim().length > 0, "the header shows the plan name");
  const [start, finish] = [(await app.texts("#plan-start"))[0], (await app.texts("#plan-finish"))[0]];
  assert.match(start ?? "", DATE, "the header shows the plan's start date");
  assert.match(finish ?? "", DATE, "the header shows the plan's finish date");

  // The schedule table is the second view, with the same selection as the map.
  const [tab] = await app.findAll("#tab-schedule");
  await app.wd("POST", `/element/${tab}/click`, {});
  const rows = await waitFor(async () => {
    const found = await app.findAll("#initiatives tbody tr");
    return found.length > 0 ? found : undefined;
  }, "the schedule table");
  assert.ok(rows.length >= 100, `at least 100 initiative rows, got ${rows.length}`);
  for (const row of rows.slice(0, 5)) {
    const cells = await app.texts("td", row);
    const [, , , status, done, startDate, finishDate] = cells;
    assert.match(status ?? "", /^(Not started|On track|At risk|Blocked|Done)$/, `status of row ${JSON.stringify(cells)}`);
    assert.match(done ?? "", /^\d+%$/, `progress of row ${JSON.stringify(cells)}`);
    assert.match(startDate ?? "", CELL_DATE, `start date of row ${JSON.stringify(cells)}`);
    assert.match(finishDate ?? "", CELL_DATE, `finish date of row ${JSON.stringify(cells)}`);
  }

  const critical = await app.findAll("#initiatives tbody tr.critical");
  assert.ok(critical.length >= 1, "at least one initiative is marked critical");
  const tags = await app.texts(".tag-critical", critical[0]);
  assert.deepEqual(tags, ["critical"], "a critical row carries the critical tag");
});

test("a file that is not a plan shows the core's error, not a blank window", async (t) => {
  const dir = mkdtempSync(join(tmpdir(), "bridger-e2e-"));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const bogus = join(dir, "notes.bridger");
  writeFileSync(bogus, "this is not a Bridger plan\n");
  const app = await launch({ plan: bogus });
  t.after(() => app.stop());

  assert.equal(await rendered(app), "error");
  const [message] = await app.texts("#error .message");
  assert.ok(message && message.includes(bogus), `the error names the file: ${message}`);
  assert.equal((await app.findAll("#initiatives tbody tr")).length, 0);
});
