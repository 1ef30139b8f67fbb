// The Sites tab's filter and sort over the core's rows.
import assert from "node:assert/strict";
import test from "node:test";

import * as T from "../.test-build/panels/sitelist.js";

const counts = (blocked) => ({ not_started: 3, in_progress: 0, on_track: 0, at_risk: 0, blocked, done: 0 });
const row = (id, name, wave, region, span, flags = [], late = 0, blocked = 0) => ({
  id, name, wave, region, start: "2027-01-04", finish: "2027-01-20", span_days: span, work_days: span,
  p50: null, p80: null, late_days: late, status_counts: counts(blocked), open_risks: 1, findings: 0, overrides: [], flags,
});
const flag = { code: "site-long-span", reason: "Store 6 takes 15 working days of work, its wave's sites take 5 (median)" };
const rows = [
  row("s1", "Store 1", "w1", "North", 5),
  row("s6", "Store 6 Toledo", "w2", "North", 25, [flag], 0),
  row("s4", "Store 4 Dayton", "w2", "South", 9, [], -16, 1),
  row("s9", "Store 9", null, null, null),
];
const waves = [
  { id: "w1", name: "Pilot", start: null, finish: null, gate: null, gate_name: null, completion: null, p50: null, p80: null, sites: 1, flagged: 0 },
  { id: "w2", name: "Wave 2", start: null, finish: null, gate: null, gate_name: null, completion: null, p50: null, p80: null, sites: 2, flagged: 1 },
];
const ids = (r) => r.map((x) => x.id);

test("a filter keeps a wave, a region, the flagged sites, or all of them", () => {
  assert.deepEqual(ids(T.filterSites(rows, T.ALL)), ["s1", "s6", "s4", "s9"]);
  assert.deepEqual(ids(T.filterSites(rows, { ...T.ALL, wave: "w2" })), ["s6", "s4"]);
  assert.deepEqual(ids(T.filterSites(rows, { ...T.ALL, wave: "-" })), ["s9"], "sites in no wave");
  assert.deepEqual(ids(T.filterSites(rows, { ...T.ALL, region: "North" })), ["s1", "s6"]);
  assert.deepEqual(ids(T.filterSites(rows, { ...T.ALL, flagged: true })), ["s6"]);
  assert.deepEqual(ids(T.filterSites(rows, { wave: "w2", region: "South", flagged: true })), []);
});

test("regions in the order they appear, and waves by name", () => {
  assert.deepEqual(T.regions(rows), ["North", "South"]);
  assert.equal(T.waveName(waves, "w2"), "Wave 2");
  assert.equal(T.waveName(waves, "gone"), "gone");
  assert.equal(T.waveName(waves, null), "");
});

test("columns sort by the core's figures, waves in the plan's order, empty last", () => {
  assert.deepEqual(ids(T.sortSites(rows, waves, "span", "desc")), ["s6", "s4", "s1", "s9"]);
  assert.deepEqual(ids(T.sortSites(rows, waves, "span", "asc")), ["s1", "s4", "s6", "s9"]);
  assert.deepEqual(ids(T.sortSites(rows, waves, "wave", "asc")), ["s1", "s6", "s4", "s9"]);
  assert.deepEqual(ids(T.sortSites(rows, waves, "late", "asc")), ["s4", "s1", "s6", "s9"]);
  assert.deepEqual(ids(T.sortSites(rows, waves, "flags", "desc")).slice(0, 1), ["s6"]);
  assert.deepEqual(ids(T.sortSites(rows, waves, "name", "asc")), ["s1", "s4", "s6", "s9"]);
});
