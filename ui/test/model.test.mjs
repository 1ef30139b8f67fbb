// The map's model after an edit is built from the model before it where the two views share a
// part (the same list, as a merged delta keeps every list it did not change): it must be the
// model built from scratch, card for card and link for link.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import test from "node:test";

import { MapModel } from "../.test-build/map/model.js";
import { mergeView } from "../.test-build/view.js";

const fixture = JSON.parse(readFileSync(new URL("./fixtures/deltas.json", import.meta.url), "utf8"));
const plain = (m) => ({
  cards: m.cards,
  info: m.info.map(({ fitted, ...rest }) => rest),
  links: m.links,
  linkInfo: m.linkInfo,
  lanes: m.lanes,
  bounds: m.bounds,
  initiatives: [...m.initiatives],
  handoffs: [...m.handoffs],
});

test("a model built from the one before an edit equals one built from scratch", () => {
  let view = fixture.start;
  let model = new MapModel(view);
  for (const [k, step] of fixture.steps.entries()) {
    view = mergeView(view, step.delta);
    const next = new MapModel(view, model);
    assert.deepStrictEqual(plain(next), plain(new MapModel(view)), `step ${k}`);
    model = next;
  }
});

test("what an edit did not change is reused, and a card's fitted texts survive while they fit", () => {
  const view = fixture.start;
  const model = new MapModel(view);
  model.info[0].fitted = ["a", "b", "c", "d", "e"];
  const rename = fixture.steps[0]; // a name changed: the drawing stays
  const next = new MapModel(mergeView(view, rename.delta), model);
  assert.equal(next.index, model.index, "the hit-testing grid is not built again");
  const renamed = next.info.findIndex((c) => c.name === "Renamed");
  assert.ok(renamed >= 0);
  assert.equal(next.info[renamed].fitted, undefined, "the renamed card is measured again");
  if (renamed !== 0) assert.deepStrictEqual(next.info[0].fitted, ["a", "b", "c", "d", "e"]);
});

test("a card's move badge is the core's finish variance against the baseline of record, none when 0", () => {
  const view = structuredClone(fixture.start);
  const rows = view.schedule.initiatives;
  assert.ok(rows.length >= 3);
  rows[0].finish_variance = 4;
  rows[1].finish_variance = -1;
  rows[2].finish_variance = 0;
  const m = new MapModel(view);
  const info = (id) => m.info.find((c) => c.id === id);
  assert.deepEqual([info(rows[0].id).slip, info(rows[0].id).slipText], [4, "+4 days"]);
  assert.deepEqual([info(rows[1].id).slip, info(rows[1].id).slipText], [-1, "\u22121 day"]);
  assert.deepEqual([info(rows[2].id).slip, info(rows[2].id).slipText], [0, ""]);
  const plainView = new MapModel(fixture.start);
  assert.ok(plainView.info.every((c) => c.slip === 0 && c.slipText === ""), "no baseline of record: no badge");
});
