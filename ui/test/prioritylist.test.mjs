// The Priorities tab's re-rank order (sent whole to the core's rerank) and the words of a row.
import assert from "node:assert/strict";
import test from "node:test";

import * as P from "../.test-build/panels/prioritylist.js";
import * as A from "../.test-build/map/attributes.js";

const order = ["pay", "stores", "retire"];

test("Alt+Up and Alt+Down move a priority one rank, never off the ends", () => {
  assert.deepEqual(P.moved(order, "retire", -1), ["pay", "retire", "stores"]);
  assert.deepEqual(P.moved(order, "pay", 1), ["stores", "pay", "retire"]);
  assert.equal(P.moved(order, "pay", -1), null, "rank 1 cannot go higher");
  assert.equal(P.moved(order, "retire", 1), null, "the last cannot go lower");
  assert.equal(P.moved(order, "nope", 1), null);
});

test("a drop puts the dragged priority at the row it lands on; every id stays once", () => {
  assert.deepEqual(P.dropped(order, "retire", 0), ["retire", "pay", "stores"]);
  assert.deepEqual(P.dropped(order, "pay", 2), ["stores", "retire", "pay"]);
  assert.equal(P.dropped(order, "stores", 1), null, "dropped where it was: nothing to send");
  for (const to of [0, 1, 2, 9]) {
    const o = P.dropped(order, "stores", to) ?? order;
    assert.deepEqual([...o].sort(), [...order].sort());
  }
});

const row = (over) => ({ id: "pay", name: "Payments", owner: "Dana", rank: 1, target: "2027-09-30", initiatives: ["a", "b", "c"], done: 1, blocked: 0, deferred: 0, finish: "2027-04-07", p80: null, status: "on_track", ...over });

test("a row says its work, and its finish from the forecast when one is kept", () => {
  assert.equal(P.workWords(row({})), "3 initiatives: 1 done");
  assert.equal(P.workWords(row({ blocked: 1, deferred: 2 })), "3 initiatives: 1 done, 1 blocked, 2 deferred");
  assert.equal(P.workWords(row({ initiatives: [] })), "No work serves it");
  assert.equal(P.finishWords(row({})), "2027-04-07 (if nothing slips)");
  assert.equal(P.finishWords(row({ p80: "2027-05-01" })), "P80 2027-05-01");
  const loads = [{ priority: "pay", team: "it", person_days: 12.4 }, { priority: "pay", team: "ops", person_days: 30 }, { priority: "x", team: "it", person_days: 5 }];
  assert.equal(P.loadWords(loads, "pay", (t) => t.toUpperCase()), "OPS 30 person-days · IT 12 person-days");
});

test("colour by priority: by rank, a card serving several takes the best-ranked", () => {
  const plan = {
    priorities: [{ id: "b", name: "Second", owner: "x", rank: 2 }, { id: "a", name: "First", owner: "y", rank: 1 }],
    teams: [], sites: [], waves: [],
    initiatives: [{ id: "i1", serves: ["b", "a"] }, { id: "i2", serves: ["b"] }, { id: "i3" }],
  };
  const entries = A.legend(plan, "priority", {});
  assert.deepEqual(entries.map((e) => [e.key, e.label, e.count]), [["a", "1. First", 1], ["b", "2. Second", 1], ["", "No priority", 1]]);
  const byId = new Map(plan.initiatives.map((i) => [i.id, i]));
  assert.deepEqual([...A.entryOfCards(["i1", "i2", "i3"], byId, "priority", entries)], [0, 1, 2]);
});

test("what goes with a deferral: three names, then how many more", () => {
  assert.equal(P.withWords([]), "—");
  assert.equal(P.withWords(["A", "B"]), "A; B");
  assert.equal(P.withWords(["A", "B", "C", "D", "E"]), "A; B; C and 2 more");
});
