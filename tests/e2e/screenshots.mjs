// Screenshots of the editor for the docs, on a fresh demo plan under Xvfb:
// `node tests/e2e/screenshots.mjs [dir]` writes map-flow.png, map-seams.png,
// inspector-initiative.png, inspector-handoff.png, register.png (the risk register with
// the heat map) and teams.png (the plan tab) (default dir: docs/).
// analysis.png, analysis-drivers.png, exposure.png and criticality.png (the Analysis tab
// after a run, its lower half, a risk's
// downstream exposure on the map, the map coloured by criticality).
// capacity.png and timeline.png (the Capacity tab's load grid with a week picked; a
// leveling proposed with the Timeline by team, levelled bars beside the current ones).
// SHOTS=register,teams takes only those (names without .png); SHOT_MAP_KEY=1 adds
// map-team.png (cards coloured by team, one team kept).
import { execFileSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";

import { ROOT, launch, sleep, waitFor } from "./harness.mjs";

const dir = resolve(ROOT, process.argv[2] ?? "docs");
mkdirSync(dir, { recursive: true });
const app = await launch();
const js = (script, ...args) => app.wd("POST", "/execute/sync", { script, args });
const click = async (css) => {
  // the toolbar is drawn again with each new view: find the element afresh if it went stale
  for (let attempt = 0; ; attempt++) {
    const [el] = await app.findAll(css);
    if (!el) throw new Error(`nothing matches ${css}`);
    try {
      await app.wd("POST", `/element/${el}/click`, {});
      return;
    } catch (e) {
      if (attempt >= 3 || !/stale/.test(e.message)) throw e;
      await sleep(200);
    }
  }
};
const only = process.env.SHOTS ? new Set(process.env.SHOTS.split(",")) : null;
const shot = async (name) => {
  if (only && !only.has(name.replace(/\.png$/, ""))) return;
  await sleep(700);
  const out = join(dir, name);
  execFileSync("import", ["-display", app.display, "-window", "root", out]);
  console.log(`saved ${out}`);
};
try {
  await waitFor(async () => (await js("return !!(window.__bridger && window.__bridger.ready())")) || undefined, "the editor");
  await sleep(800);
  // a critical initiative near the middle of the plan, to centre the close-up shots on
  const ids = await js("return [...document.querySelectorAll('#findings li')].length");
  void ids;
  await click("#tab-schedule");
  const critical = await js("const r = [...document.querySelectorAll('#initiatives tr.critical')]; return r[Math.floor(r.length / 3)]?.dataset.id ?? null");
  await click("#tab-map");
  if (process.env.SHOT_FIT) await shot("map-fit.png");
  await js("window.__bridger.centreOn(arguments[0])", critical);
  await shot("map-flow.png");
  await js("window.__bridger.selectCards([arguments[0]])", critical);
  await shot("inspector-initiative.png");
  await js("window.__bridger.selectCards([])");
  await click("#arrangement-seams");
  await sleep(800);
  // the README's picture: framed on a seam nobody owns (dashed orange), between two lanes
  await js("window.__bridger.centreOn('uat')"); // user acceptance testing: two unowned seams lead into it
  await click("#zoom-out");
  await sleep(300);
  await shot("map-seams.png");
  await js("window.__bridger.centreOn(arguments[0])", critical);
  await click("#findings li[data-code=unconfirmed-handoff], #findings li[data-code=unowned-handoff]");
  await shot("inspector-handoff.png");
  await click("#arrangement-flow");
  if (process.env.SHOT_MAP_KEY) {
    await js("const s = document.getElementById('map-colour-by'); s.value = 'team'; s.dispatchEvent(new Event('change'))");
    await sleep(300);
    await click("[data-testid=map-key] .key-entry");
    await js("window.__bridger.centreOn(arguments[0])", critical);
    await shot("map-team.png");
    await click("#map-filter-clear");
  }
  // the register, by score; SHOT_CELL=1 also takes register-cell.png, filtered by the
  // fullest cell of the heat map
  await click("#tab-risks");
  await shot("register.png");
  if (process.env.SHOT_CELL) {
    const cell = await js("const c = [...document.querySelectorAll('.heat-cell:not(.empty)')].sort((a, b) => b.dataset.count - a.dataset.count)[0]; return c ? c.id : null");
    if (cell) await click(`#${cell}`);
    await shot("register-cell.png");
    await click("#risk-filter-clear");
  }
  await click("#tab-plan");
  await shot("teams.png");
  // The Analysis tab (issue 14): a target date set by another program (the CLI; the window's
  // poll notices it), one run of the demo, then the largest risk driver's downstream
  // exposure on the map and the map coloured by criticality.
  if (!only || ["analysis", "analysis-drivers", "exposure", "criticality"].some((n) => only.has(n))) {
    const edit = { op: "patch", value: { kind: "plan", id: "plan", fields: { target: "2028-03-15" } } };
    execFileSync(join(ROOT, "target/debug/bridger"), ["edit", app.planPath, JSON.stringify(edit)]);
    await sleep(1500);
    await click("#tab-analysis");
    await click("#sim-run");
    await waitFor(async () => (await js("return !!document.getElementById('sim-p80') && !document.querySelector('[data-testid=sim-progress]')")) || undefined, "the simulation", 180_000);
    await js("document.querySelector('.analysis').scrollTop = 0");
    await shot("analysis.png");
    await js("const a = document.querySelector('.analysis'); a.scrollTop = a.scrollHeight");
    await shot("analysis-drivers.png");
    await js("window.__bridger.selectCards([])");
    await js("document.querySelector('.tornado .bar-row').dispatchEvent(new MouseEvent('click', { bubbles: true }))");
    await sleep(1000);
    await shot("exposure.png");
    await click("#map-marked-clear");
    await click("#tab-analysis");
    await click("#sim-colour-map");
    await click("#arrangement-seams");
    await sleep(800);
    await js("window.__bridger.centreOn(arguments[0])", critical);
    await click("#zoom-out");
    await click("#zoom-out");
    await shot("criticality.png");
  }
  // The Capacity tab (issue 15): the load grid with an over-allocated week picked (the
  // initiatives loading it listed), then a leveling proposed: its summary and the Timeline
  // by team with the levelled bars beside the current ones.
  if (!only || ["capacity", "timeline"].some((n) => only.has(n))) {
    await click("#tab-capacity");
    await waitFor(async () => (await js("return !!document.querySelector('[data-testid=load-grid]')")) || undefined, "the load grid");
    await js("document.querySelector('td.cell.over')?.dispatchEvent(new MouseEvent('click', { bubbles: true }))");
    await shot("capacity.png");
    await click("#level-run");
    await waitFor(async () => (await js("return !!document.querySelector('[data-testid=level-proposal]')")) || undefined, "the leveling", 60_000);
    await click("#timeline-team");
    await js("const c = document.querySelector('.capacity'); c.scrollTop = 0");
    await shot("timeline.png");
  }
} finally {
  await app.stop();
}
