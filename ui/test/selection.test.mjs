// Selection as a user drives it with the mouse on the map and the schedule table.
import assert from "node:assert/strict";
import test from "node:test";

import * as S from "../.test-build/map/selection.js";

const ids = (sel) => [...sel.cards].sort();

test("a click selects one card and drops the rest, and a handoff", () => {
  let sel = S.band(S.EMPTY, ["a", "b"], false);
  sel = S.pressCard(sel, "c", false);
  assert.deepEqual(ids(sel), ["c"]);
  sel = S.handoff("h1");
  sel = S.pressCard(sel, "a", false);
  assert.deepEqual(ids(sel), ["a"]);
  assert.equal(sel.handoff, null);
});

test("shift-click adds and removes", () => {
  let sel = S.only("a");
  sel = S.pressCard(sel, "b", true);
  assert.deepEqual(ids(sel), ["a", "b"]);
  sel = S.releaseCard(sel, "b", true, false);
  assert.deepEqual(ids(sel), ["a", "b"], "releasing a shift-click keeps both");
  sel = S.pressCard(sel, "a", true);
  assert.deepEqual(ids(sel), ["b"]);
});

test("pressing a selected card keeps the group to drag; a click without drag leaves it alone", () => {
  const group = S.band(S.EMPTY, ["a", "b", "c"], false);
  const pressed = S.pressCard(group, "b", false);
  assert.deepEqual(ids(pressed), ["a", "b", "c"]);
  assert.deepEqual(ids(S.releaseCard(pressed, "b", false, true)), ["a", "b", "c"], "after a drag the group stays");
  assert.deepEqual(ids(S.releaseCard(pressed, "b", false, false)), ["b"], "a plain click selects only it");
});

test("empty canvas clears unless shift; a band adds with shift", () => {
  const sel = S.only("a");
  assert.ok(S.isEmpty(S.pressEmpty(sel, false)));
  assert.equal(S.pressEmpty(sel, true), sel);
  assert.deepEqual(ids(S.band(sel, ["x", "y"], true)), ["a", "x", "y"]);
  assert.deepEqual(ids(S.band(sel, ["x"], false)), ["x"]);
});

test("after a change, what no longer exists leaves the selection; otherwise it is the same object", () => {
  const sel = S.band(S.EMPTY, ["a", "gone"], false);
  const kept = S.retain(sel, (id) => id !== "gone", () => true);
  assert.deepEqual(ids(kept), ["a"]);
  const h = S.handoff("h");
  assert.equal(S.retain(h, () => true, () => false).handoff, null);
  assert.equal(S.retain(kept, () => true, () => true), kept, "nothing to drop: unchanged");
  assert.ok(S.sameSelection(S.only("a"), kept));
  assert.ok(!S.sameSelection(S.only("b"), kept));
});
