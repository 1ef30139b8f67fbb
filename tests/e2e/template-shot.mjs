// A screenshot of the Sites tab's template editor under Xvfb: `node tests/e2e/template-shot.mjs
// [dir]` writes template-editor.png (default dir: docs/) on the plan of template.test.mjs (a
// 20-step template at 30 stores, Store 2 doing Step 5 its own way), Step 5 picked.
import { execFileSync } from "node:child_process";
import { join, resolve } from "node:path";

import { client } from "./client.mjs";
import { ROOT, launch, sleep, waitFor } from "./harness.mjs";
import { templatePlan } from "./rollout-plan.mjs";

const dir = resolve(ROOT, process.argv[2] ?? "docs");
const plan = templatePlan();
const app = await launch({ plan });
const c = client(app);
try {
  await waitFor(async () => (await c.js("return !!(window.__bridger && window.__bridger.ready())")) || undefined, "the editor");
  await c.click("#tab-sites");
  await c.click("[data-testid=sites-part-template]");
  await c.click('[data-testid=template-step][data-id="s05"] rect');
  await c.element('[data-testid=template-step-form][data-id="s05"]');
  await sleep(700);
  const out = join(dir, "template-editor.png");
  execFileSync("import", ["-display", app.display, "-window", "root", out]);
  console.log(`saved ${out}`);
} finally {
  await app.stop();
}
