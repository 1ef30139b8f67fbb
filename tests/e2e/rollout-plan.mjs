// A plan file made by `bridger rollout` as a user makes one: the rollout fixture's template
// applied to five stores of wave 2 (tests/fixtures/rollout/wave-sites.csv), Store 6's install
// then overridden to take 10 days more, so that it is unlike its wave. For sites.test.mjs and
// sites-shot.mjs.
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

