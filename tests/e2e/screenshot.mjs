// Saves a screenshot of the window on a fresh demo plan: `node tests/e2e/screenshot.mjs [out.png]`
// (make screenshot). Waits until the editor has rendered, then grabs the X screen.
import { execFileSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";

import { ROOT, launch, sleep, waitFor } from "./harness.mjs";

const out = resolve(ROOT, process.argv[2] ?? "docs/screenshot.png");
const app = await launch();
try {
  await waitFor(async () => {
    if ((await app.findAll("#error")).length > 0) return true;
    return (await app.wd("POST", "/execute/sync", { script: "return !!(window.__bridger && window.__bridger.ready())", args: [] })) || undefined;
  }, "the editor");
  // The Seams arrangement: what the README shows first (the handoffs between teams).
  const [seams] = await app.findAll("#arrangement-seams");
  if (seams) await app.wd("POST", `/element/${seams}/click`, {});
  await sleep(1000); // let fonts and images settle
  mkdirSync(dirname(out), { recursive: true });
  execFileSync("import", ["-display", app.display, "-window", "root", out]);
  console.log(`saved ${out}`);
} finally {
  await app.stop();
}
