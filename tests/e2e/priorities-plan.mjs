// The demo with three strategic priorities and work tied to them, made through the CLI's
// edits as a user would: the plan of priorities.test.mjs and priorities-shot.mjs.
import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { BRIDGER } from "./client.mjs";

export const SERVES = {
  pay: ["payment-gateway", "payment-cert", "security-review", "pen-test"],
  stores: ["install-crews", "cutover-plan", "rollout-schedule", "store-staffing"],
  retire: ["legacy-archive", "legacy-decommission"],
};

export function prioritiesPlan() {
  const plan = join(mkdtempSync(join(tmpdir(), "bridger-prio-")), "priorities.bridger");
  execFileSync(BRIDGER, ["new", plan, "--demo"]);
  const add = [
    { id: "pay", name: "Card payments certified", owner: "Dana Whitfield", rank: 1, target: "2027-09-30" },
    { id: "stores", name: "Every store live on the new POS", owner: "Priya Nair", rank: 2 },
    { id: "retire", name: "Retire the legacy tills", owner: "Sam Okafor", rank: 3, target: "2027-06-30" },
  ].map((value) => ({ op: "add_priority", value }));
  execFileSync(BRIDGER, ["edit", plan, JSON.stringify(add)]);
  const serve = Object.entries(SERVES).flatMap(([p, ids]) => ids.map((id) => ({ op: "patch", value: { kind: "initiative", id, fields: { serves: [p] } } })));
  execFileSync(BRIDGER, ["edit", plan, JSON.stringify(serve)]);
  return plan;
}
