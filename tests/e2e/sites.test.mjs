// Issue 28, item 5, in the real window: a plan made by `bridger rollout` (the rollout
// fixture's template applied to five stores of wave 2), Store 6's install overridden to take
// 10 days more. The Sites tab lists every site by name, Store 6 flagged with the reason in
// words; "Only sites unlike their wave" keeps it alone; the wave filter and a sort work; the
// CLI's `sites --json` agrees with what the window shows.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import test from "node:test";

import { BRIDGER, client } from "./client.mjs";
import { launch, waitFor } from "./harness.mjs";
import { rolloutPlan } from "./rollout-plan.mjs";

const rows = (c) => c.js(`return [...document.querySelectorAll("[data-testid=sites-row]")].map((r) => ({ id: r.dataset.id, flagged: r.dataset.flagged === "true", name: r.querySelector("[data-testid=sites-name]").textContent, flags: [...r.querySelectorAll("[data-testid=sites-flag]")].map((f) => f.textContent) }))`);

test("the Sites tab lists the site unlike its wave, by name, with its reason", { timeout: 180_000 }, async (t) => {
  const planPath = rolloutPlan();
  const cli = JSON.parse(execFileSync(BRIDGER, ["sites", planPath, "--json"], { encoding: "utf8" }));
  assert.deepEqual(cli.filter((s) => s.flags.length > 0).map((s) => s.id), ["s6"], "the CLI flags Store 6 alone");

  const app = await launch({ plan: planPath });
  t.after(() => app.stop());
  const c = client(app);
  await waitFor(async () => (await c.js("return !!(window.__bridger && window.__bridger.ready())")) || undefined, "the editor");
  // The flag is a finding beside the map; a click on it opens the Sites tab.
  const finding = await c.element('#findings li[data-code="site-long-span"]');
  assert.match(await app.wd("GET", `/element/${finding}/text`), /Store 6 Toledo takes 15 working days of work/);
  await c.click('#findings li[data-code="site-long-span"]');
  await c.element("[data-testid=sites-row]");
  const all = await rows(c);
  assert.equal(all.length, 8, "every site");
  assert.deepEqual(all.map((r) => r.name).sort(), cli.map((s) => s.name).sort(), "by name, as the core names them");
  const flagged = all.filter((r) => r.flagged);
  assert.deepEqual(flagged.map((r) => r.id), ["s6"], "Store 6 is flagged, no other");
  assert.equal(flagged[0].name, "Store 6 Toledo");
  assert.deepEqual(flagged[0].flags, cli.find((s) => s.id === "s6").flags.map((f) => f.reason), "with the core's reason");
  assert.match(flagged[0].flags[0], /Store 6 Toledo takes 15 working days of work, its wave's sites take 5 \(median\)/);
  assert.equal(all[0].id, "s6", "flagged sites first");
  assert.match((await app.texts("[data-testid=sites-flagged-count]"))[0], /1 unlike their wave/);

  // Only the flagged ones.
  await c.click("[data-testid=sites-flagged-only]");
  await waitFor(async () => ((await rows(c)).length === 1 ? true : undefined), "the filter keeps Store 6 alone");
  await c.click("[data-testid=sites-flagged-only]");
  await waitFor(async () => ((await rows(c)).length === 8 ? true : undefined), "all again");

  // The wave filter: the pilot's two stores.
  await c.js(`const s = document.querySelector("[data-testid=sites-wave]"); s.value = "w1"; s.dispatchEvent(new Event("change"));`);
  await waitFor(async () => ((await rows(c)).length === 2 ? true : undefined), "the pilot's sites");
  assert.deepEqual((await rows(c)).map((r) => r.name).sort(), ["Store 1", "Store 2"]);
  await c.js(`const s = document.querySelector("[data-testid=sites-wave]"); s.value = ""; s.dispatchEvent(new Event("change"));`);

  // Sorted by work days, the longest first, then the shortest first.
  await c.click("[data-testid=sites-sort-span]");
  await waitFor(async () => ((await rows(c))[0]?.id === "s6" ? true : undefined), "the most work days first");
  await c.click("[data-testid=sites-sort-span]");
  await waitFor(async () => ((await rows(c))[0]?.id === "s4" ? true : undefined), "the fewest first");

  // The wave timeline draws both waves.
  assert.equal(await c.js(`return document.querySelectorAll("[data-testid=sites-timeline] g[data-wave]").length`), 2);
});
