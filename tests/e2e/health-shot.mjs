// A screenshot of the Health tab under Xvfb: `node tests/e2e/health-shot.mjs [dir]` writes
// health.png (default dir: docs/) on the demo plan.
import { execFileSync } from "node:child_process";
import { join, resolve } from "node:path";

import { client } from "./client.mjs";
import { ROOT, launch, sleep, waitFor } from "./harness.mjs";
import { demoPlan } from "./health-plan.mjs";

const dir = resolve(ROOT, process.argv[2] ?? "docs");
const app = await launch({ plan: demoPlan() });
const c = client(app);
const shot = (name) => {
  const out = join(dir, name);
  execFileSync("import", ["-display", app.display, "-window", "root", out]);
  console.log(`saved ${out}`);
};
try {
  await waitFor(async () => (await c.js("return !!(window.__bridger && window.__bridger.ready())")) || undefined, "the editor");
  await c.click("#tab-health");
  await c.element("[data-testid=health-metrics]");
  await sleep(700);
  shot("health.png");
} finally {
  await app.stop();
}
