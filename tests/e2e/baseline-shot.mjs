// Screenshots of the baseline of record on a fresh demo plan under Xvfb:
// `node tests/e2e/baseline-shot.mjs [dir]` writes slip-badges.png (the map after a baseline,
// one critical estimate 4 days longer and another 2 days shorter: the moved cards with their
// badges), moved-filter.png (the same, zoomed out, "Moved since baseline" on: the rest dimmed)
// and timeline-baseline.png (the Capacity tab's Timeline by team, a thin baseline bar
// under each bar) (default dir: docs/).
import { execFileSync } from "node:child_process";
import { join, resolve } from "node:path";

import { BRIDGER, client, saved } from "./client.mjs";
import { ROOT, launch, sleep, waitFor } from "./harness.mjs";

const dir = resolve(ROOT, process.argv[2] ?? "docs");
const app = await launch();
const c = client(app);
const shot = async (name) => {
  await sleep(800);
  const out = join(dir, name);
  execFileSync("import", ["-display", app.display, "-window", "root", out]);
  console.log(`saved ${out}`);
};
const scheduled = () => JSON.parse(execFileSync(BRIDGER, ["schedule", app.planPath, "--json"], { encoding: "utf8" })).initiatives;
const patch = (id, fields) => execFileSync(BRIDGER, ["edit", app.planPath, JSON.stringify({ op: "patch", value: { kind: "initiative", id, fields } })]);
try {
  await waitFor(async () => (await c.js("return !!(window.__bridger && window.__bridger.ready())")) || undefined, "the editor");
  await c.click("#tab-update");
  await c.type("#baseline-name", "Week 1");
  await c.click("#baseline-keep");
  await c.element("[data-testid=baseline-is-record]");
  const plan = saved(app.planPath);
  const rows = scheduled();
  const open = rows.filter((r) => !r.actual_start && r.duration > 2);
  const longer = open.filter((r) => r.critical)[0];
  const shorter = open.find((r) => !r.critical && r.team !== longer.team) ?? open.find((r) => !r.critical);
  const grow = (id, d) => {
    const i = plan.initiatives.find((x) => x.id === id);
    const likely = i.duration.likely + d;
    patch(id, { duration: { optimistic: Math.min(i.duration.optimistic, likely), likely, pessimistic: Math.max(i.duration.pessimistic, likely) } });
  };
  grow(longer.id, 4);
  grow(shorter.id, -2);
  await waitFor(async () => (Object.keys(await c.js("return window.__bridger.badges()")).length > 0 ? true : undefined), "the move badges");
  await c.click("#tab-map");
  await c.js("window.__bridger.centreOn(arguments[0])", longer.id);
  await c.click("#zoom-in");
  await c.js("window.__bridger.centreOn(arguments[0])", longer.id);
  await shot("slip-badges.png");
  await c.click("#zoom-out");
  await c.click("#zoom-out");
  await c.click("#map-moved");
  await shot("moved-filter.png");
  await c.click("#map-moved");
  await c.click("#tab-capacity");
  await c.element("[data-testid=timeline-baseline-bar]");
  await c.click("#timeline-team");
  await c.js("document.querySelector('[data-testid=timeline]').scrollIntoView()");
  await shot("timeline-baseline.png");
} finally {
  await app.stop();
}
