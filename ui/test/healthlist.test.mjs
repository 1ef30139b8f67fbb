// The Health tab's words and what a measure's row shows on the map (healthlist).
import assert from "node:assert/strict";
import test from "node:test";

import * as H from "../.test-build/panels/healthlist.js";

const m = (over) => ({ id: 3, name: "Lags", numerator: 1, denominator: 21, value: 1 / 21, threshold: { op: "<=", value: 0.05 }, pass: true, items: [], ...over });

test("a share reads as a percent against its threshold; an index with two decimals", () => {
  assert.equal(H.valueWords(m()), "4.8%");
  assert.equal(H.thresholdWords(m()), "≤ 5%");
  assert.equal(H.countWords(m()), "1 of 21");
  assert.equal(H.valueWords(m({ id: 13, numerator: 90, denominator: 100, value: 0.9, threshold: { op: ">=", value: 0.95 } })), "0.90");
  assert.equal(H.thresholdWords(m({ id: 13, threshold: { op: ">=", value: 0.95 } })), "≥ 0.95");
  assert.equal(H.thresholdWords(m({ id: 2, threshold: { op: "=", value: 0 } })), "= 0");
  assert.equal(H.valueWords(m({ id: 12, numerator: 500, denominator: 600, value: 500 / 600 })), "finish moved 500 of 600 days");
  assert.equal(H.thresholdWords(m({ id: 12 })), "exactly 600 days");
});

test("a measure not computed shows no value and no count", () => {
  const n = m({ value: null, pass: null, numerator: 0, denominator: 0, reason: "no baseline" });
  assert.equal(H.valueWords(n), "–");
  assert.equal(H.countWords(n), "");
  assert.equal(H.verdict(n), "none");
  assert.equal(H.verdict(m({ pass: false })), "fail");
});

test("items stand for initiatives: a handoff its two ends, a team its work, a risk its links, a priority its serving work", () => {
  const plan = {
    initiatives: [
      { id: "a", team: "t", serves: ["p"] },
      { id: "b", team: "u" },
      { id: "c", team: "t" },
    ],
    handoffs: [{ id: "ab", from: "a", to: "b" }],
    risks: [{ id: "r", initiatives: ["c", "a"] }],
  };
  const of = (items) => H.initiativesOf(m({ items }), plan);
  assert.deepEqual(of([{ kind: "handoff", id: "ab" }]), ["a", "b"]);
  assert.deepEqual(of([{ kind: "team", id: "t" }]), ["a", "c"]);
  assert.deepEqual(of([{ kind: "risk", id: "r" }]), ["c", "a"]);
  assert.deepEqual(of([{ kind: "priority", id: "p" }]), ["a"]);
  assert.deepEqual(of([{ kind: "initiative", id: "b" }, { kind: "handoff", id: "ab" }]), ["b", "a"], "each once");
  assert.deepEqual(of([{ kind: "handoff", id: "gone" }]), []);
});

test("the failing measures are the metrics' then the checks'", () => {
  const r = { metrics: [m({ id: 1, pass: false }), m({ id: 2 })], checks: [m({ id: "capacity", pass: false })], grade: "amber" };
  assert.deepEqual(H.failing(r).map((x) => x.id), [1, "capacity"]);
});
