// Issue 31 in the real window: the demo plan (made by the CLI) graded as `bridger health
// --json` grades it. The status bar shows the grade; the Health tab lists the 14 metrics and
// the checks with the core's verdicts; "on the map" on a failing row selects the initiatives
// it counts (for metric 7, the work with negative float) and shows the map.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import test from "node:test";

import { BRIDGER, client } from "./client.mjs";
import { launch, waitFor } from "./harness.mjs";
import { demoPlan } from "./health-plan.mjs";

test("the Health tab and the status bar show the core's grade and verdicts; a row shows its work on the map", { timeout: 300_000 }, async (t) => {
  const plan = demoPlan();
  const cli = JSON.parse(execFileSync(BRIDGER, ["health", plan, "--json"], { encoding: "utf8" }));
  const app = await launch({ plan });
  t.after(() => app.stop());
  const c = client(app);
  await waitFor(async () => (await c.js("return !!(window.__bridger && window.__bridger.ready())")) || undefined, "the editor");
  const grade = await waitFor(async () => (await app.texts("[data-testid=status-grade]"))[0] || undefined, "the grade in the status bar");
  assert.equal(grade, `Health: ${cli.grade}`);

  await c.click("#tab-health");
  await c.element("[data-testid=health-metrics]");
  const rows = await c.js(`return [...document.querySelectorAll("[data-testid=health-metrics] tbody tr, [data-testid=health-checks] tbody tr")].map((r) => ({ id: r.dataset.testid.slice("health-row-".length), verdict: r.querySelector(".hl-verdict").textContent }))`);
  const want = [...cli.metrics, ...cli.checks].map((m) => ({ id: String(m.id), verdict: m.pass === null ? "n/a" : m.pass ? "pass" : "fail" }));
  assert.deepEqual(rows, want);
  assert.equal((await app.texts("[data-testid=health-grade]"))[0].toLowerCase(), cli.grade);

  const seven = cli.metrics.find((m) => m.id === 7);
  assert.equal(seven.pass, false, "the demo has work behind a missed deadline");
  await c.click("[data-testid=health-row-7] [data-testid=health-show-map]");
  await waitFor(async () => ((await c.js("return window.__bridger.selection().cards")).length > 0 ? true : undefined), "the selection");
  const selected = (await c.js("return window.__bridger.selection().cards")).sort();
  assert.deepEqual(selected, seven.items.map((x) => x.id).sort());
  const mapShown = await c.js(`return !document.querySelector("[data-testid=map-canvas]").closest(".hidden")`);
  assert.ok(mapShown, "the map shows");
});
