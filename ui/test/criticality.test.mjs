// The map coloured by the simulation: each card and seam in the band of its criticality
// index, and one risk's downstream exposure (what it hits, what it delays, the rest dimmed).
import assert from "node:assert/strict";
import test from "node:test";

import * as C from "../.test-build/map/criticality.js";

const model = {
  cards: [{ id: "a" }, { id: "b" }, { id: "c" }, { id: "d" }],
  linkInfo: [
    { id: "ab", from: "a", to: "b" },
    { id: "bc", from: "b", to: "c" },
    { id: "cd", from: "c", to: "d" },
  ],
};

test("bands run from the most critical down; below the last one is not coloured", () => {
  assert.equal(C.bandOf(1), 0);
  assert.equal(C.bandOf(0.8), 0);
  assert.equal(C.bandOf(0.79), 1);
  assert.equal(C.bandOf(0.2), 2);
  assert.equal(C.bandOf(0.01), 3);
  assert.equal(C.bandOf(0.009), C.BANDS.length);
  assert.equal(C.bandOf(0), C.BANDS.length);
});

test("the legend counts the initiatives in each band", () => {
  const legend = C.criticalityLegend([{ id: "a", share: 0.95 }, { id: "b", share: 0.9 }, { id: "c", share: 0.3 }, { id: "d", share: 0 }]);
  assert.deepEqual(legend.map((e) => e.count), [2, 0, 1, 0, 1]);
  assert.equal(legend.length, C.BANDS.length + 1);
});

test("criticality colours cards and weights seams; what never drives the finish is dimmed", () => {
  const p = C.criticalityPaint(model, [{ id: "a", share: 1 }, { id: "b", share: 0.6 }, { id: "c", share: 0 }], [{ id: "ab", share: 0.6 }, { id: "bc", share: 0 }]);
  assert.deepEqual([...p.entry], [0, 1, C.BANDS.length, C.BANDS.length], "d has no number: not critical");
  assert.deepEqual([...p.dimCards], [0, 0, 1, 1]);
  assert.deepEqual([...p.links.entry], [1, -1, -1]);
  assert.deepEqual([...p.dimLinks], [0, 1, 1]);
  assert.equal(p.colours.length, C.BANDS.length + 1);
});

test("a risk's exposure: its hits, what the run saw it delay, what it only reaches; the rest dimmed", () => {
  const reach = {
    risk: "R1",
    title: "Late hardware",
    hits: ["b"],
    reached: [
      { id: "b", name: "B", p80_delay_days: 3, share: 0.2 },
      { id: "c", name: "C", p80_delay_days: 2, share: 0.1 },
      { id: "d", name: "D", p80_delay_days: 0, share: 0 },
    ],
    waves: [],
    milestones: [],
    measured: true,
    stale: false,
  };
  const p = C.exposurePaint(model, reach);
  assert.deepEqual([...p.entry], [-1, 0, 1, 2]);
  assert.deepEqual([...p.dimCards], [1, 0, 0, 0], "upstream of the risk: dimmed");
  assert.deepEqual([...p.links.entry], [-1, 0, 0], "only handoffs inside the reach are drawn heavy");
  const unmeasured = C.exposureEntries({ ...reach, measured: false });
  assert.deepEqual([...unmeasured.entries()], [["b", 0], ["c", 3], ["d", 3]], "without a run, reachable is all it says");
});
