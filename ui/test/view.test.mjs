// The window merges the core's deltas into the view it holds: on views and deltas from the
// core itself (ui/test/fixtures/deltas.json, kept fresh by tests/api_delta.rs), the merged
// view is the whole view the core computed, value for value.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import test from "node:test";

import { mergeList, mergeView } from "../.test-build/view.js";

const fixture = JSON.parse(readFileSync(new URL("./fixtures/deltas.json", import.meta.url), "utf8"));

test("each delta merged into the view held gives the core's view after the edit", () => {
  let held = fixture.start;
  assert.ok(fixture.steps.length >= 4);
  for (const [k, step] of fixture.steps.entries()) {
    const merged = mergeView(held, step.delta);
    assert.deepStrictEqual(merged, step.view, `step ${k}`);
    held = merged;
  }
});

test("a delta is much smaller than the view it updates", () => {
  const rename = fixture.steps[0];
  assert.equal(rename.delta.initiatives.set.length, 1);
  assert.ok(JSON.stringify(rename.delta).length * 5 < JSON.stringify(rename.view).length);
});

test("a delta for another view than the one held is refused, not merged", () => {
  const step = fixture.steps[1];
  assert.throws(() => mergeView(fixture.start, step.delta), /the update is for view/);
});

test("lists shrink, grow and keep what did not change", () => {
  const old = ["a", "b", "c", "d"];
  assert.deepStrictEqual(mergeList(old, { len: 2, set: [[1, "B"]] }), ["a", "B"]);
  assert.deepStrictEqual(mergeList(old, { len: 5, set: [[4, "e"], [0, "A"]] }), ["A", "b", "c", "d", "e"]);
  assert.equal(mergeList(old, undefined), old, "no delta: the same list");
});

test("a delta of the folded map's part keeps saying so, with the whole plan's counts; a whole one does not", () => {
  const step = fixture.steps[0];
  const counts = { initiatives: 20520, handoffs: 36000, risks: 3000, errors: 0, critical: 1, warnings: 2, infos: 3 };
  const part = mergeView(fixture.start, { ...step.delta, partial: counts });
  assert.deepStrictEqual(part.partial, counts);
  assert.equal(mergeView(fixture.start, step.delta).partial, undefined, "a whole view has no partial");
});
