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
  // the picked step at the right of the drawing's view, the steps before it to its left
  await c.js(`const box = document.querySelector(".te-drawing"); const r = document.querySelector('[data-testid=template-step][data-id="s05"]').getBoundingClientRect(); box.scrollLeft += r.right - box.getBoundingClientRect().right + 24;`);
  // the pointer off the drawing: no tooltip in the picture
  await app.wd("POST", "/actions", { actions: [{ type: "pointer", id: "mouse", parameters: { pointerType: "mouse" }, actions: [{ type: "pointerMove", origin: "viewport", x: 640, y: 660, duration: 0 }] }] });
  await sleep(700);
  const out = join(dir, "template-editor.png");
  execFileSync("import", ["-display", app.display, "-window", "root", out]);
  console.log(`saved ${out}`);
} finally {
  await app.stop();
}
