// The demo plan with its four strategic priorities (src/demo.rs) in a temporary folder: the
// plan of priorities.test.mjs and priorities-shot.mjs.
import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { BRIDGER } from "./client.mjs";

export function prioritiesPlan() {
  const plan = join(mkdtempSync(join(tmpdir(), "bridger-prio-")), "priorities.bridger");
  execFileSync(BRIDGER, ["new", plan, "--demo"]);
  return plan;
}
