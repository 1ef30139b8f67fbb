// A plan file made by `bridger rollout` as a user makes one: the rollout fixture's template
// applied to five stores of wave 2 (tests/fixtures/rollout/wave-sites.csv), Store 6's install
// then overridden to take 10 days more, so that it is unlike its wave. For sites.test.mjs and
// sites-shot.mjs. And a larger one for the template editor (template.test.mjs,
// template-shot.mjs): `bridger generate`'s 20-step template at 30 stores in 3 waves.
import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { BRIDGER } from "./client.mjs";
import { ROOT } from "./harness.mjs";

/** A plan file with a rollout and one site unlike its wave, made with the CLI as a user would. */
export function rolloutPlan() {
  const dir = mkdtempSync(join(tmpdir(), "bridger-sites-"));
  const plan = join(dir, "rollout.bridger");
  const fixtures = join(ROOT, "tests/fixtures/rollout");
  execFileSync(BRIDGER, ["import", join(fixtures, "plan.json"), "-o", plan]);
  execFileSync(BRIDGER, ["rollout", plan, "--template", "store", "--sites", join(fixtures, "wave-sites.csv")]);
  const longer = { op: "patch", value: { kind: "initiative", id: "s6-install", fields: { duration: { optimistic: 10, likely: 13, pessimistic: 16 } } } };
  execFileSync(BRIDGER, ["edit", plan, JSON.stringify(longer)]);
  return plan;
}


/** A plan with a template applied to 30 sites, made as a user makes one (`bridger generate`
 *  with a sites file, then `bridger rollout`); Store 2's Step 5 takes 9 days there (an
 *  override). */
export function templatePlan() {
  const dir = mkdtempSync(join(tmpdir(), "bridger-template-"));
  const plan = join(dir, "rollout.bridger");
  const sites = join(dir, "sites.csv");
  execFileSync(BRIDGER, ["generate", plan, "--initiatives", "200", "--sites-file", sites, "--sites", "30", "--waves", "3"]);
  execFileSync(BRIDGER, ["rollout", plan, "--template", "store", "--sites", sites]);
  const own = { op: "patch", value: { kind: "initiative", id: "S0002-s05", fields: { duration: { optimistic: 6, likely: 9, pessimistic: 12 } } } };
  execFileSync(BRIDGER, ["edit", plan, JSON.stringify(own)]);
  return plan;
}
