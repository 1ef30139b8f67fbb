// Issue 29, item 4, in the real window: a plan with three priorities made through the CLI.
// The Priorities tab lists them by rank with owner and the work serving each; Alt+Up on the
// third re-ranks it (the file's ranks change, `bridger priorities --json`); What to stop for
// a date the plan misses proposes deferrals; Accept saves them: the deferred work is greyed
// on the map and `bridger export` still holds it, deferred; a proposal shown before an edit
// is refused.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import test from "node:test";

import { BRIDGER, client } from "./client.mjs";
import { launch, waitFor } from "./harness.mjs";
import { prioritiesPlan } from "./priorities-plan.mjs";

const ALT = "\uE00A";
const UP = "\uE013";
const listed = (plan) => JSON.parse(execFileSync(BRIDGER, ["priorities", plan, "--json"], { encoding: "utf8" }));
const ranks = (plan) => Object.fromEntries(listed(plan).map((p) => [p.id, p.rank]));
const exported = (plan) => JSON.parse(execFileSync(BRIDGER, ["export", plan, "-o", "-"], { encoding: "utf8" }));
const rows = (c) => c.js(`return [...document.querySelectorAll("[data-testid=priorities-list] li")].map((r) => ({ id: r.dataset.id, rank: r.querySelector("[data-testid=priority-rank]").textContent, work: r.querySelector("[data-testid=priority-work]").textContent, text: r.textContent }))`);

test("the Priorities tab re-ranks by keys, and What to stop defers work that stays in the plan", { timeout: 300_000 }, async (t) => {
  const plan = prioritiesPlan();
  assert.deepEqual(ranks(plan), { checkout: 1, payments: 2, legacy: 3, loyalty: 4 });
  const cli = listed(plan);
  const app = await launch({ plan });
  t.after(() => app.stop());
  const c = client(app);
  await waitFor(async () => (await c.js("return !!(window.__bridger && window.__bridger.ready())")) || undefined, "the editor");
  await c.click("#tab-priorities");
  await c.element("[data-testid=priority-legacy]");
  const r = await rows(c);
  assert.deepEqual(r.map((x) => x.id), ["checkout", "payments", "legacy", "loyalty"], "by rank");
  for (const [k, p] of cli.entries()) {
    assert.ok(r[k].text.includes(p.name) && r[k].text.includes(`Owner: ${p.owner}`), `name and owner of ${p.id}`);
    assert.ok(r[k].work.startsWith(`${p.initiatives.length} initiatives: ${p.done} done`), `the work serving ${p.id}, as the core counts it: ${r[k].work}`);
    assert.equal(r[k].rank, String(p.rank));
  }

  // Alt+Up on the third: it takes rank 2, in the file, one undo step.
  await c.click("[data-testid=priority-legacy]");
  await c.keys(ALT, UP);
  await waitFor(async () => (ranks(plan).legacy === 2 ? true : undefined), "the file's ranks change");
  assert.deepEqual(ranks(plan), { checkout: 1, legacy: 2, payments: 3, loyalty: 4 });
  await waitFor(async () => ((await rows(c)).map((x) => x.id).join() === "checkout,legacy,payments,loyalty" ? true : undefined), "the list follows");

  // What to stop for a date 40 days before the finish.
  const finish = JSON.parse(execFileSync(BRIDGER, ["schedule", plan, "--json"], { encoding: "utf8" })).finish_date;
  const target = new Date(Date.parse(`${finish}T00:00:00Z`) - 40 * 86_400_000).toISOString().slice(0, 10);
  await c.js(`const d = document.querySelector("[data-testid=stop-target]"); d.value = arguments[0]; d.dispatchEvent(new Event("change"));`, target);
  await c.click("[data-testid=stop-propose]");
  await waitFor(async () => ((await c.js(`return document.querySelectorAll("[data-testid=stop-item]").length`)) > 0 ? true : undefined), "the proposal", 120_000);
  const summary = (await app.texts("[data-testid=stop-summary]"))[0];
  assert.match(summary, /working days? gained/);
  const items = await c.js(`return document.querySelectorAll("[data-testid=stop-item]").length`);
  assert.ok(items > 0);

  // A proposal shown before an edit is refused: the plan changed since.
  await c.click("[data-testid=priority-legacy]");
  await c.keys(ALT, "\uE015"); // Alt+Down: back to rank 3
  await waitFor(async () => (ranks(plan).legacy === 3 ? true : undefined), "ranked back");
  await c.js(`const b = document.querySelector("[data-testid=stop-accept]"); b.scrollIntoView(); b.click();`);
  await waitFor(async () => (/changed since/.test((await app.texts("[data-testid=error-banner]")).join(" ")) ? true : undefined), "the refusal", 20_000);
  assert.ok(!exported(plan).initiatives.some((i) => i.deferred), "nothing deferred");

  // Proposed again and accepted: deferred in the file, greyed on the map, still exported.
  await c.click("[data-testid=stop-propose]");
  await waitFor(async () => ((await c.js(`return document.querySelectorAll("[data-testid=stop-item]").length`)) > 0 ? true : undefined), "the proposal", 120_000);
  await c.js(`const b = document.querySelector("[data-testid=stop-accept]"); b.scrollIntoView(); b.click();`);
  await waitFor(async () => (exported(plan).initiatives.some((i) => i.deferred) ? true : undefined), "the deferrals saved");
  const deferred = exported(plan).initiatives.filter((i) => i.deferred).map((i) => i.id);
  assert.ok(deferred.length >= items, "each proposed initiative and what goes with it, still in the export");
  await c.click("#tab-map");
  await waitFor(async () => {
    const dim = new Set(await c.js("return window.__bridger.dimmed()"));
    return deferred.every((id) => dim.has(id)) ? true : undefined;
  }, "the deferred work greyed on the map");
});
