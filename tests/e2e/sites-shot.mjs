// A screenshot of the Sites tab under Xvfb: `node tests/e2e/sites-shot.mjs [dir]` writes
// sites.png (default dir: docs/) on a plan made by `bridger rollout` with one site unlike its
// wave (the plan of sites.test.mjs), after a kept forecast, so P50/P80 show.
import { execFileSync } from "node:child_process";
import { join, resolve } from "node:path";

import { BRIDGER, client } from "./client.mjs";
import { ROOT, launch, sleep, waitFor } from "./harness.mjs";
import { rolloutPlan } from "./rollout-plan.mjs";

const dir = resolve(ROOT, process.argv[2] ?? "docs");
const plan = rolloutPlan();
execFileSync(BRIDGER, ["simulate", plan, "--iterations", "500", "--seed", "1"]);
const app = await launch({ plan });
const c = client(app);
try {
  await waitFor(async () => (await c.js("return !!(window.__bridger && window.__bridger.ready())")) || undefined, "the editor");
  await c.click("#tab-sites");
  await c.element("[data-testid=sites-row]");
  await sleep(700);
  const out = join(dir, "sites.png");
  execFileSync("import", ["-display", app.display, "-window", "root", out]);
  console.log(`saved ${out}`);
} finally {
  await app.stop();
}
