// The Update tab's unsaved entries and the one batch Save sends.
import assert from "node:assert/strict";
import test from "node:test";

import { Entries } from "../.test-build/panels/entries.js";

const still = (id) => ({ op: "patch", value: { kind: "initiative", id, fields: { updated: { at: "still true" } } } });
const rows = [{ id: "a", still_true: still("a") }, { id: "b", still_true: still("b") }, { id: "c", still_true: still("c") }];

test("Save sends the changed fields only, else the row's still-true edit, in the rows' order", () => {
  const e = new Entries();
  e.toggleStillTrue("c");
  assert.equal(e.set("a", "progress", 0.6, 0.4), true);
  assert.equal(e.set("a", "status", "on_track", "on_track"), false, "the saved value is no change");
  assert.deepEqual(e.edits(rows), [{ op: "patch", value: { kind: "initiative", id: "a", fields: { progress: 0.6 } } }, still("c")]);
});

test("an edited row needs no confirmation; a field set back is no change; toggling twice is nothing", () => {
  const e = new Entries();
  e.toggleStillTrue("a");
  e.set("a", "notes", "waiting on the vendor", "");
  assert.equal(e.confirmed("a"), false);
  assert.deepEqual(e.edits(rows).map((x) => x.value.fields), [{ notes: "waiting on the vendor" }]);
  e.set("a", "notes", "", "");
  assert.equal(e.edited("a"), false);
  assert.equal(e.confirmed("a"), true, "back to the confirmation");
  e.toggleStillTrue("a");
  e.toggleStillTrue("b");
  e.toggleStillTrue("b");
  assert.deepEqual(e.edits(rows), []);
});

test("a null clears a field; entries of rows no longer listed are left out", () => {
  const e = new Entries();
  e.set("a", "remaining", null, 3);
  e.set("gone", "progress", 1, 0);
  assert.deepEqual(e.edits(rows), [{ op: "patch", value: { kind: "initiative", id: "a", fields: { remaining: null } } }]);
  e.clear();
  assert.deepEqual(e.edits(rows), []);
});
