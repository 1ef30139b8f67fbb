// Sorting the register and the plan's tables by a column, and the risks of a heat-map cell.
import assert from "node:assert/strict";
import test from "node:test";

import * as T from "../.test-build/panels/sorting.js";

const rows = [
  { id: "R-10", title: "beta", score: 2.4, owner: "" },
  { id: "R-2", title: "Alpha", score: null, owner: "Ann" },
  { id: "R-1", title: "gamma", score: 4, owner: "bob" },
  { id: "R-3", title: "alpha", score: 2.4, owner: "Cid" },
];
const ids = (r) => r.map((x) => x.id);

test("numbers sort by value and texts as a person reads them", () => {
  assert.deepEqual(ids(T.sortRows(rows, (r) => r.id, "asc")), ["R-1", "R-2", "R-3", "R-10"]);
  assert.deepEqual(ids(T.sortRows(rows, (r) => r.title, "asc")), ["R-2", "R-3", "R-10", "R-1"], "case is ignored, equal rows keep their order");
});

test("descending puts the largest first and keeps equal rows in their order", () => {
  assert.deepEqual(ids(T.sortRows(rows, (r) => r.score, "desc")), ["R-1", "R-10", "R-3", "R-2"]);
});

test("empty values go last in both directions", () => {
  assert.deepEqual(ids(T.sortRows(rows, (r) => r.score, "asc")), ["R-10", "R-3", "R-1", "R-2"]);
  assert.deepEqual(ids(T.sortRows(rows, (r) => r.owner, "asc")), ["R-2", "R-1", "R-3", "R-10"]);
  assert.deepEqual(ids(T.sortRows(rows, (r) => r.owner, "desc")), ["R-3", "R-1", "R-2", "R-10"]);
});

test("sorting leaves the rows it was given as they were", () => {
  const before = ids(rows);
  T.sortRows(rows, (r) => r.title, "desc");
  assert.deepEqual(ids(rows), before);
});

test("a click on the same column flips it; another column starts ascending, or descending where the largest matters", () => {
  let s = T.nextSort(null, "title");
  assert.deepEqual(s, { key: "title", dir: "asc" });
  s = T.nextSort(s, "title");
  assert.equal(s.dir, "desc");
  s = T.nextSort(s, "score", new Set(["score"]));
  assert.deepEqual(s, { key: "score", dir: "desc" });
  assert.deepEqual(T.nextSort(s, "owner", new Set(["score"])), { key: "owner", dir: "asc" });
});

test("a heat-map cell gives the core's risks of that cell, and filters the rows to them", () => {
  const heat = [
    { probability: 5, impact: 4, band: "high", risks: ["R-1"] },
    { probability: 3, impact: 4, band: "medium", risks: ["R-10", "R-3"] },
  ];
  const cell = T.risksInCell(heat, 3, 4);
  assert.deepEqual(cell, ["R-10", "R-3"]);
  assert.deepEqual(T.risksInCell(heat, 1, 1), []);
  assert.deepEqual(ids(T.keepRows(rows, new Set(cell))), ["R-10", "R-3"]);
  assert.deepEqual(ids(T.keepRows(rows, null)), ids(rows));
});
