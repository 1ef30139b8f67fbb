// Saves a screenshot of the window on a fresh demo plan: `node tests/e2e/screenshot.mjs [out.png]`
// (make screenshot). Waits until the overview has rendered, then grabs the X screen.
import { execFileSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";

import { ROOT, launch, sleep, waitFor } from "./harness.mjs";

const out = resolve(ROOT, process.argv[2] ?? "docs/screenshot.png");
const app = await launch();
try {
  await waitFor(async () => ((await app.findAll("#initiatives tbody tr, #error, #schedule-error")).length > 0 ? true : undefined), "the overview");
  await sleep(1000); // let fonts and images settle
  mkdirSync(dirname(out), { recursive: true });
  execFileSync("import", ["-display", app.display, "-window", "root", out]);
  console.log(`saved ${out}`);
} finally {
  await app.stop();
}
