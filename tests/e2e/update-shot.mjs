// Screenshots of the Update tab on a fresh demo plan under Xvfb:
// `node tests/e2e/update-shot.mjs [dir]` writes update-view.png (the work due around the
// status date, the stale "Hardware order" confirmed and another row's progress entered, not
// saved yet) and since.png (after a baseline and a longer critical estimate, "Since Week 1"
// with its moves and causes) (default dir: docs/).
import { execFileSync } from "node:child_process";
import { join, resolve } from "node:path";

import { client, KEY, saved } from "./client.mjs";
import { ROOT, launch, sleep, waitFor } from "./harness.mjs";

const dir = resolve(ROOT, process.argv[2] ?? "docs");
const app = await launch();
const c = client(app);
const shot = async (name) => {
  await sleep(700);
  const out = join(dir, name);
  execFileSync("import", ["-display", app.display, "-window", "root", out]);
  console.log(`saved ${out}`);
};
try {
  await waitFor(async () => (await c.js("return !!(window.__bridger && window.__bridger.ready())")) || undefined, "the editor");
  const plan = saved(app.planPath);
  await c.click("#tab-update");
  await c.element("[data-testid=update-row]");
  // a baseline now, then a critical estimate 4 days longer, written by the CLI (the window reads it)
  await c.type("#baseline-name", "Week 1");
  await c.click("#baseline-keep");
  await c.element("#baseline-pick");
  const critical = JSON.parse(execFileSync(join(ROOT, "target/debug/bridger"), ["schedule", app.planPath, "--json"], { encoding: "utf8" })).initiatives.filter((r) => r.critical && !r.actual_start)[0].id;
  const i = plan.initiatives.find((x) => x.id === critical);
  const duration = { ...i.duration, likely: i.duration.likely + 4, pessimistic: i.duration.pessimistic + 4 };
  execFileSync(join(ROOT, "target/debug/bridger"), ["edit", app.planPath, JSON.stringify({ op: "patch", value: { kind: "initiative", id: critical, fields: { duration } } })]);
  await waitFor(async () => ((await app.findAll("[data-testid=since-row]")).length > 0 ? true : undefined), "the moves since Week 1");
  const rows = await c.js(`return [...document.querySelectorAll("[data-testid=update-row]")].map((r) => ({ id: r.dataset.id, stale: r.dataset.stale === "true" }))`);
  const hw = rows.find((r) => r.stale);
  if (hw) await c.click(`[data-id="${hw.id}"] [data-testid=update-still-true]`);
  const other = rows.find((r) => !r.stale);
  if (other) {
    const field = `[data-id="${other.id}"] [data-testid=update-progress]`;
    await app.wd("POST", `/element/${await c.element(field)}/clear`, {});
    await c.type(field, "70");
    await c.keys(KEY.tab);
  }
  await c.js("document.activeElement?.blur()");
  await shot("update-view.png");
  await c.js("document.querySelector('[data-testid=since]').scrollIntoView()");
  await shot("since.png");
} finally {
  await app.stop();
}
