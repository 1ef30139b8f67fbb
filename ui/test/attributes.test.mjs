// Colouring and filtering the map by team, site, wave or status: the legend a user reads
// and the cards a filter dims.
import assert from "node:assert/strict";
import test from "node:test";

import * as A from "../.test-build/map/attributes.js";

const STATUS = { not_started: "#111111", on_track: "#222222", at_risk: "#333333", blocked: "#444444", done: "#555555" };

function initiative(id, fields = {}) {
  return { id, name: id, owner: "o", duration: { optimistic: 1, likely: 1, pessimistic: 1 }, status: "not_started", progress: 0, ...fields };
}

const plan = {
  name: "p",
  start: "2027-01-04",
  calendar: { working_days: ["Mon"], holidays: [] },
  teams: [
    { id: "it", name: "IT", fte: 1, utilization_target: 0.8 },
    { id: "ops", name: "Operations", fte: 1, utilization_target: 0.8 },
  ],
  sites: [{ id: "s1", name: "Store 1" }],
  waves: [
    { id: "w2", name: "Wave 2", order: 2 },
    { id: "w1", name: "Wave 1", order: 1 },
  ],
  initiatives: [
    initiative("a", { team: "it", status: "done", wave: "w2" }),
    initiative("b", { team: "ops", wave: "w1" }),
    initiative("c", { team: "it", site: "s1" }),
    initiative("d", { team: null }),
    initiative("e", { team: "ghost" }),
  ],
  handoffs: [],
  risks: [],
};
const byId = new Map(plan.initiatives.map((i) => [i.id, i]));

test("the team legend lists the plan's teams in order with their counts, then the initiatives without a team", () => {
  const l = A.legend(plan, "team", STATUS);
  assert.deepEqual(
    l.map((e) => [e.key, e.label, e.count]),
    [
      ["it", "IT", 2],
      ["ops", "Operations", 1],
      ["ghost", "ghost (unknown)", 1],
      ["", "No team", 1],
    ],
  );
  assert.equal(new Set(l.map((e) => e.colour)).size, 4, "every entry has its own colour");
  assert.equal(l[3].colour, A.NONE_COLOUR);
});

test("waves are listed by their order, statuses in the status colours", () => {
  assert.deepEqual(A.legend(plan, "wave", STATUS).map((e) => e.key), ["w1", "w2", ""]);
  const s = A.legend(plan, "status", STATUS);
  assert.deepEqual(s.map((e) => e.key), ["not_started", "on_track", "at_risk", "blocked", "done"]);
  assert.equal(s[4].colour, STATUS.done);
  assert.deepEqual(s.map((e) => e.count), [4, 0, 0, 0, 1]);
});

test("each card falls in the legend entry of its initiative", () => {
  const l = A.legend(plan, "team", STATUS);
  const at = A.entryOfCards(["a", "b", "d", "e", "missing"], byId, "team", l);
  assert.deepEqual([...at].map((n) => (n < 0 ? null : l[n].key)), ["it", "ops", "", "ghost", null]);
});

test("a filter dims every card whose value is not kept, including the ones without a value", () => {
  const f = { by: "site", values: new Set(["s1"]) };
  assert.deepEqual([...A.dimmedCards(["a", "b", "c", "d"], byId, f)], [1, 1, 0, 1]);
  const none = { by: "team", values: new Set([A.NONE]) };
  assert.deepEqual([...A.dimmedCards(["a", "d"], byId, none)], [1, 0]);
});

test("\"moved since baseline\" dims every card that did not move, with or without a legend filter", () => {
  const ids = ["a", "b", "c", "d"];
  assert.equal(A.dimmedBy(ids, byId, null, null), null, "no filter: nothing dimmed");
  assert.deepEqual([...A.dimmedBy(ids, byId, null, [0, 4, -2, 0])], [1, 0, 0, 1], "moved later or earlier: kept");
  const f = { by: "team", values: new Set(["it"]) };
  assert.deepEqual([...A.dimmedBy(ids, byId, f, null)], [...A.dimmedCards(ids, byId, f)], "the legend filter alone as before");
  assert.deepEqual([...A.dimmedBy(ids, byId, f, [0, 4, -2, 0])], [1, 1, 0, 1], "both: moved and of the team kept");
});

test("clicking legend entries adds and removes values; the last one removed clears the filter", () => {
  let f = A.toggle(null, "team", "it");
  f = A.toggle(f, "team", "ops");
  assert.deepEqual([...f.values].sort(), ["it", "ops"]);
  f = A.toggle(f, "team", "it");
  assert.deepEqual([...f.values], ["ops"]);
  assert.equal(A.toggle(f, "team", "ops"), null);
  const other = A.toggle(f, "wave", "w1");
  assert.equal(other.by, "wave");
  assert.deepEqual([...other.values], ["w1"], "another attribute starts afresh");
});

test("a tint mixes the colour with white", () => {
  assert.equal(A.tint("#000000", 0.25), "#bfbfbf");
  assert.equal(A.tint("#4e79a7", 1), "#4e79a7");
  assert.equal(A.tint("#4e79a7", 0), "#ffffff");
});
