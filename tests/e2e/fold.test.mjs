// Issue 28, item 5, in the real window: a rollout of 120 sites in 3 waves (made by `bridger
// generate` and `bridger rollout`) opens by wave, one card per wave beside the program work;
// a double-click on a wave card expands it into its sites, each one card (the CLI's `sites`
// says which sites are the wave's); a site expanded shows its work card by card, and the side
// panel's button collapses the wave again.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import test from "node:test";

import { BRIDGER, centre, client } from "./client.mjs";
import { launch, waitFor } from "./harness.mjs";
import { foldPlan } from "./fold-plan.mjs";

const groups = (c) => c.js("return window.__bridger.groups()");

test("a plan of many sites opens by wave; a wave expands into its sites, a site into its work", { timeout: 300_000 }, async (t) => {
  const planPath = foldPlan();
  const sites = JSON.parse(execFileSync(BRIDGER, ["sites", planPath, "--json"], { encoding: "utf8", maxBuffer: 64 << 20 }));
  assert.equal(sites.length, 120);

  const app = await launch({ plan: planPath });
  t.after(() => app.stop());
  const c = client(app);
  await waitFor(async () => (await c.js("return !!(window.__bridger && window.__bridger.ready())")) || undefined, "the editor", 120_000);

  // By wave: three wave cards, no site card, and the toolbar says so.
  const first = await groups(c);
  assert.deepEqual(first.map((g) => g.kind), ["wave", "wave", "wave"], JSON.stringify(first));
  assert.equal(await c.js("return document.getElementById('fold-all').getAttribute('aria-pressed')"), "true");
  const wave = first[0];
  const ofWave = sites.filter((s) => s.wave === wave.of);
  assert.ok(ofWave.length > 10, "the wave has its sites");

  // A double-click on the wave card: its sites, each one card.
  await c.js("window.__bridger.centreOn(arguments[0])", wave.id);
  await new Promise((r) => setTimeout(r, 400));
  const rect = await c.js("return window.__bridger.cardScreenRect(arguments[0])", wave.id);
  assert.ok(rect, "the wave card is on the map");
  await c.dblclickAt(centre(rect));
  const opened = await waitFor(async () => {
    const g = await groups(c);
    return g.some((x) => x.kind === "site") ? g : undefined;
  }, "the wave's sites", 60_000);
  const siteCards = opened.filter((g) => g.kind === "site");
  assert.deepEqual(siteCards.map((g) => g.of).sort(), ofWave.map((s) => s.id).sort(), "each site of the wave is one card");
  assert.deepEqual(siteCards.map((g) => g.name).sort(), ofWave.map((s) => s.name).sort(), "by name");
  assert.ok(!opened.some((g) => g.id === wave.id), "the wave card is gone");
  assert.equal(opened.filter((g) => g.kind === "wave").length, 2, "the other waves stay collapsed");
  assert.ok(siteCards.every((g) => g.initiatives === 20), "each site card holds its 20 steps");

  // A site card selected: its figures in the side panel; Expand shows its work.
  const site = siteCards[0];
  await c.js("window.__bridger.selectCards([arguments[0]])", site.id);
  const head = await c.element(`[data-testid=inspector-group][data-id="${site.id}"] .insp-kind`);
  assert.match(await app.wd("GET", `/element/${head}/text`), new RegExp(`Site ${site.name}`));
  await c.click("[data-testid=group-expand]");
  await waitFor(async () => (!(await groups(c)).some((g) => g.id === site.id) ? true : undefined), "the site's work", 60_000);
  const work = await c.js("return window.__bridger.cardScreenRect(arguments[0]) !== null", `${site.of}-s01`);
  assert.ok(work, "the site's first step is a card");

  // One of its steps selected: the side panel collapses the wave again.
  await c.js("window.__bridger.selectCards([arguments[0]])", `${site.of}-s01`);
  await c.click("[data-testid=collapse-wave]");
  await waitFor(async () => ((await groups(c)).some((g) => g.id === wave.id) ? true : undefined), "the wave collapsed again", 60_000);
  assert.equal((await groups(c)).filter((g) => g.kind === "site").length, 0);
});
