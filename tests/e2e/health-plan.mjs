// The plan of health.test.mjs and health-shot.mjs: the demo as a plan file, made by the CLI.
import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { BRIDGER } from "./client.mjs";

export function demoPlan() {
  const plan = join(mkdtempSync(join(tmpdir(), "bridger-health-")), "demo.bridger");
  execFileSync(BRIDGER, ["new", plan, "--demo"]);
  return plan;
}
