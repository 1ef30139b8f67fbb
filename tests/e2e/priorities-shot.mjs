// Screenshots of the Priorities tab and of a What-to-stop proposal under Xvfb:
// `node tests/e2e/priorities-shot.mjs [dir]` writes priorities.png and what-to-stop.png
// (default dir: docs/) on the plan of priorities.test.mjs.
import { execFileSync } from "node:child_process";
import { join, resolve } from "node:path";

import { BRIDGER, client } from "./client.mjs";
import { ROOT, launch, sleep, waitFor } from "./harness.mjs";
import { prioritiesPlan } from "./priorities-plan.mjs";

const dir = resolve(ROOT, process.argv[2] ?? "docs");
const plan = prioritiesPlan();
const app = await launch({ plan });
const c = client(app);
const shot = (name) => {
  const out = join(dir, name);
  execFileSync("import", ["-display", app.display, "-window", "root", out]);
  console.log(`saved ${out}`);
};
try {
  await waitFor(async () => (await c.js("return !!(window.__bridger && window.__bridger.ready())")) || undefined, "the editor");
  await c.click("#tab-priorities");
  await c.element("[data-testid=priority-legacy]");
  await sleep(700);
  shot("priorities.png");
  const finish = JSON.parse(execFileSync(BRIDGER, ["schedule", plan, "--json"], { encoding: "utf8" })).finish_date;
  const target = new Date(Date.parse(`${finish}T00:00:00Z`) - 40 * 86_400_000).toISOString().slice(0, 10);
  await c.js(`const d = document.querySelector("[data-testid=stop-target]"); d.value = arguments[0]; d.dispatchEvent(new Event("change"));`, target);
  await c.click("[data-testid=stop-propose]");
  await waitFor(async () => ((await c.js(`return document.querySelectorAll("[data-testid=stop-item]").length`)) > 0 ? true : undefined), "the proposal", 120_000);
  await c.js(`document.querySelector("[data-testid=what-to-stop]").scrollIntoView()`);
  await sleep(500);
  shot("what-to-stop.png");
} finally {
  await app.stop();
}
