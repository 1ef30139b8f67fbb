// A rollout plan of many sites made with the CLI as a user makes one: `bridger generate` writes
// program work, waves with gates and a 20-step template plus a sites file, and `bridger rollout`
// applies the template to every site. 120 sites in 3 waves: past the 100 sites from which the
// map opens by wave (layout::fold::FOLD_FROM_SITES). For fold.test.mjs and fold-shot.mjs.
import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { BRIDGER } from "./client.mjs";

/** A plan file of `sites` sites in `waves` waves with `program` initiatives of program work. */
export function foldPlan({ sites = 120, waves = 3, program = 40, bin = BRIDGER } = {}) {
  const dir = mkdtempSync(join(tmpdir(), "bridger-fold-"));
  const plan = join(dir, "rollout.bridger");
  const csv = join(dir, "sites.csv");
  execFileSync(bin, ["generate", plan, "--initiatives", String(program), "--sites-file", csv, "--sites", String(sites), "--waves", String(waves)]);
  execFileSync(bin, ["rollout", plan, "--template", "store", "--sites", csv], { stdio: "ignore" });
  return plan;
}
