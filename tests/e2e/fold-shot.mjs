// Screenshots of the map with waves and sites collapsed (issue 28, item 5), under Xvfb:
// `node tests/e2e/fold-shot.mjs [--plan FILE] [dir]` writes map-collapsed.png (the plan by
// wave, Flow, a wave card in the middle), map-collapsed-fit.png (all of it), map-collapsed-seams.png
// (Seams, fitted) and map-collapsed-seams-close.png (a wave's team card close up), map-wave-expanded.png (one
// wave double-clicked open: its sites, each one card) and map-site-expanded.png (one of its
// sites open, its work). The plan: FILE (such as the 1,000-site rollout of
// `BENCH_DIR=dir benches/rollout-scale.sh`), else 120 sites made by fold-plan.mjs. Default dir:
// docs/.
import { copyFileSync, mkdirSync, mkdtempSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

import { centre, client } from "./client.mjs";
import { ROOT, launch, sleep, waitFor } from "./harness.mjs";
import { foldPlan } from "./fold-plan.mjs";

const args = process.argv.slice(2);
const planArg = args.includes("--plan") ? resolve(args[args.indexOf("--plan") + 1]) : null;
const dir = resolve(ROOT, args.filter((a, k) => a !== "--plan" && args[k - 1] !== "--plan")[0] ?? "docs");
mkdirSync(dir, { recursive: true });
let plan = planArg;
if (plan) {
  // a copy: the window keeps its map in the file
  const copy = join(mkdtempSync(join(tmpdir(), "bridger-fold-shot-")), "plan.bridger");
  copyFileSync(plan, copy);
  plan = copy;
} else plan = foldPlan();
const only = process.env.SHOTS ? new Set(process.env.SHOTS.split(",")) : null;
const app = await launch({ plan });
const c = client(app);
const shot = async (name) => {
  if (only && !only.has(name.replace(/\.png$/, ""))) return;
  await sleep(900);
  const out = join(dir, name);
  execFileSync("import", ["-display", app.display, "-window", "root", out]);
  console.log(`saved ${out}`);
};
const groups = () => c.js("return window.__bridger.groups()");
try {
  await waitFor(async () => (await c.js("return !!(window.__bridger && window.__bridger.ready())")) || undefined, "the editor", 180_000);
  // a wave card in the middle of the map, at a zoom where cards are read
  const waves = (await groups()).filter((g) => g.kind === "wave");
  await c.js("window.__bridger.centreOn(arguments[0])", waves[Math.min(2, waves.length - 1)].id);
  await shot("map-collapsed.png");
  await c.click("#zoom-fit");
  await shot("map-collapsed-fit.png");
  await c.click("#arrangement-seams");
  // in Seams a wave is one card per team: ids wave:W:team
  const seams = await waitFor(async () => {
    const g = (await groups()).filter((x) => x.id.split(":").length === 3);
    return g.length > 0 ? g : undefined;
  }, "the Seams view", 180_000);
  await sleep(800);
  await c.click("#zoom-fit");
  await shot("map-collapsed-seams.png");
  await c.js("window.__bridger.centreOn(arguments[0])", seams[Math.floor(seams.length / 2)].id);
  await shot("map-collapsed-seams-close.png");
  await c.click("#arrangement-flow");
  await waitFor(async () => ((await groups()).some((x) => x.id.split(":").length === 2) ? true : undefined), "the Flow view", 180_000);
  await sleep(800);
  // the second wave opened by a double-click on its card
  const wave = (await groups()).filter((g) => g.kind === "wave")[1] ?? (await groups())[0];
  await c.js("window.__bridger.centreOn(arguments[0])", wave.id);
  await sleep(500);
  const r = await c.js("return window.__bridger.cardScreenRect(arguments[0])", wave.id);
  await c.dblclickAt(centre(r));
  const sites = await waitFor(async () => {
    const g = (await groups()).filter((x) => x.kind === "site");
    return g.length > 0 ? g : undefined;
  }, "the wave's sites", 120_000);
  await c.js("window.__bridger.centreOn(arguments[0])", sites[Math.floor(sites.length / 2)].id);
  await c.js("window.__bridger.selectCards([arguments[0]])", sites[Math.floor(sites.length / 2)].id);
  await shot("map-wave-expanded.png");
  await c.click("[data-testid=group-expand]");
  const site = sites[Math.floor(sites.length / 2)];
  await waitFor(async () => (!(await groups()).some((g) => g.id === site.id) ? true : undefined), "the site's work", 120_000);
  await c.js("window.__bridger.selectCards([]); window.__bridger.centreOn(arguments[0])", `${site.of}-s10`);
  await shot("map-site-expanded.png");
} finally {
  await app.stop();
}
