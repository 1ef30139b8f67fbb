// Screenshots of the editor for the docs, on a fresh demo plan under Xvfb:
// `node tests/e2e/screenshots.mjs [dir]` writes map-flow.png, map-seams.png,
// inspector-initiative.png and inspector-handoff.png (default dir: docs/).
import { execFileSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";

import { ROOT, launch, sleep, waitFor } from "./harness.mjs";

const dir = resolve(ROOT, process.argv[2] ?? "docs");
mkdirSync(dir, { recursive: true });
const app = await launch();
const js = (script, ...args) => app.wd("POST", "/execute/sync", { script, args });
const click = async (css) => {
  const [el] = await app.findAll(css);
  if (!el) throw new Error(`nothing matches ${css}`);
  await app.wd("POST", `/element/${el}/click`, {});
};
const shot = async (name) => {
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
  await js("window.__bridger.centreOn(arguments[0])", critical);
  await shot("map-seams.png");
  await click("#findings li[data-code=unconfirmed-handoff], #findings li[data-code=unowned-handoff]");
  await shot("inspector-handoff.png");
} finally {
  await app.stop();
}
