// The template editor's changes: each makes the whole template sent as one update_template
// edit; the drawing's gate and completion links are the steps' after_gate and
// before_completion.
import assert from "node:assert/strict";
import test from "node:test";

import * as E from "../.test-build/panels/templateedits.js";

const est = (d) => ({ optimistic: d, likely: d, pessimistic: d });
const template = () => ({
  id: "store",
  name: "Store cutover",
  initiatives: [
    { id: "survey", name: "Site survey", owner: "", duration: est(2), after_gate: true },
    { id: "install", name: "Install lanes", owner: "Marcus Reed", team: "field", duration: est(3) },
    { id: "golive", name: "Go live", owner: "", duration: est(0), before_completion: true },
  ],
  handoffs: [
    { id: "survey-install", from: "survey", to: "install", kind: "FS", lag: 0, owner: "Marcus Reed", assumption: "", confirmed: true },
    { id: "network-install", from: "@network", to: "install", kind: "FS", lag: 0, owner: "", assumption: "", confirmed: false },
    { id: "install-golive", from: "install", to: "golive", kind: "FS", lag: 0, owner: "", assumption: "", confirmed: false },
  ],
  risks: [{ id: "late-kit", title: "Kit late", owner: "Dana", probability: 0.3, impact: 3, mitigation: "", initiatives: ["install", "survey"] }],
  chains: [{ step: "install", crews: 1 }],
});

test("a step's field changed is the whole template in one update_template edit", () => {
  const t = template();
  const changed = E.withStep(t, "install", { duration: { optimistic: 3, likely: 5, pessimistic: 8 } });
  const edit = E.save(changed);
  assert.equal(edit.op, "update_template");
  assert.deepEqual(edit.value.initiatives.find((s) => s.id === "install").duration, { optimistic: 3, likely: 5, pessimistic: 8 });
  assert.deepEqual(edit.value.initiatives.filter((s) => s.id !== "install"), t.initiatives.filter((s) => s.id !== "install"), "the other steps as they were");
  assert.deepEqual(t, template(), "the template shown is not changed in place");
});

test("a new step gets an id no step has, and the team given", () => {
  const t = template();
  t.initiatives.push({ id: "step-4", name: "x", owner: "", duration: est(1) });
  const { template: next, id } = E.addStep(t, "New step", "field");
  assert.equal(id, "step-5");
  const s = next.initiatives.at(-1);
  assert.deepEqual([s.id, s.name, s.team, s.duration.likely], ["step-5", "New step", "field", 1]);
  assert.equal(E.addStep(template(), "New step", null).id, "step-4");
  assert.equal(E.addStep(template(), "New step", null).template.initiatives.at(-1).team, undefined);
  assert.equal(E.freshId("a-b", ["a-b", "a-b-2"]), "a-b-3");
});

test("a step removed takes its handoffs, risk links and crew chain with it", () => {
  const next = E.removeStep(template(), "install");
  assert.deepEqual(next.initiatives.map((s) => s.id), ["survey", "golive"]);
  assert.deepEqual(next.handoffs, []);
  assert.deepEqual(next.risks[0].initiatives, ["survey"]);
  assert.deepEqual(next.chains, []);
});

test("drawing a handoff: between steps, from an anchor, from the gate, into the completion", () => {
  const t = template();
  const a = E.connect(t, "survey", "golive");
  assert.equal(a.id, "survey-golive");
  assert.deepEqual(a.template.handoffs.at(-1), { id: "survey-golive", from: "survey", to: "golive", kind: "FS", lag: 0, owner: "", assumption: "", confirmed: false });
  assert.equal(E.connect(t, "survey", "install"), null, "already there");
  assert.equal(E.connect(t, "install", "install"), null, "to itself");
  assert.equal(E.connect(t, "install", E.GATE), null, "nothing goes into the gate");
  assert.equal(E.connect(t, E.COMPLETION, "install"), null, "nothing comes out of the completion");
  const g = E.connect(t, E.GATE, "install");
  assert.equal(g.id, "@gate>install");
  assert.equal(g.template.initiatives.find((s) => s.id === "install").after_gate, true);
  assert.equal(g.template.handoffs.length, 3, "the gate is a flag of the step, not a handoff");
  assert.equal(E.connect(t, E.GATE, "survey"), null, "survey waits for the gate already");
  const c = E.connect(t, "install", E.COMPLETION);
  assert.equal(c.id, "install>@completion");
  assert.equal(c.template.initiatives.find((s) => s.id === "install").before_completion, true);
  const n = E.connect(t, "@network", "golive");
  assert.deepEqual([n.id, n.template.handoffs.at(-1).from], ["network-golive", "@network"]);
});

test("deleting a link: a handoff, a wait for the gate, a hold on the completion", () => {
  const t = template();
  assert.deepEqual(E.removeLink(t, "survey-install").handoffs.map((x) => x.id), ["network-install", "install-golive"]);
  assert.equal(E.removeLink(t, "@gate>survey").initiatives[0].after_gate, false);
  assert.equal(E.removeLink(t, "golive>@completion").initiatives[2].before_completion, false);
  assert.equal(E.removeLink(t, "@gate>survey").handoffs.length, 3);
});

test("crews: a chain made, its count changed (lag and owner kept), gone at 0", () => {
  const t = template();
  t.chains = [{ step: "install", crews: 1, lag: 2, owner: "Crew lead", confirmed: true }];
  assert.deepEqual(E.withCrews(t, "install", 3).chains, [{ step: "install", crews: 3, lag: 2, owner: "Crew lead", confirmed: true }]);
  assert.deepEqual(E.withCrews(t, "survey", 2).chains.at(-1), { step: "survey", crews: 2, lag: 0, owner: "", confirmed: false });
  assert.deepEqual(E.withCrews(t, "install", 0).chains, []);
});

test("a risk's field changed, the others as they were", () => {
  const next = E.withRisk(template(), "late-kit", { probability: 0.5 });
  assert.equal(next.risks[0].probability, 0.5);
  assert.deepEqual({ ...next.risks[0], probability: 0.3 }, template().risks[0]);
});
