// Hit-testing: the card, handle or handoff under the pointer, and the cards a rubber band
// encloses, checked against a brute-force scan on generated maps.
import assert from "node:assert/strict";
import test from "node:test";

import { MapIndex, segmentDistance2 } from "../.test-build/map/hittest.js";

const card = (id, x, y) => ({ id, x, y, width: 180, height: 60 });

/** A deterministic pseudo-random generator (the tests must not depend on the run). */
function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function grid(n) {
  const cards = [];
  for (let i = 0; i < n; i++) cards.push(card(`c${i}`, (i % 20) * 260 - 2000, Math.floor(i / 20) * 90 - 700));
  return cards;
}

test("the card under a point, including on its border, and nothing in a gap", () => {
  const idx = new MapIndex([card("a", 0, 0), card("b", 260, 0)], []);
  assert.equal(idx.cardAt(10, 10), 0);
  assert.equal(idx.cardAt(180, 60), 0, "the border belongs to the card");
  assert.equal(idx.cardAt(200, 30), -1, "the gap between cards is empty");
  assert.equal(idx.cardAt(300, 30), 1);
  assert.equal(idx.cardAt(-1, 30), -1);
});

test("overlapping cards: the one drawn last wins", () => {
  const idx = new MapIndex([card("under", 0, 0), card("over", 100, 20)], []);
  assert.equal(idx.cards[idx.cardAt(120, 40)].id, "over");
  assert.equal(idx.cards[idx.cardAt(50, 40)].id, "under");
});

test("cardAt agrees with a brute-force scan on a generated map with negative coordinates", () => {
  const cards = grid(500);
  const idx = new MapIndex(cards, [], 128);
  const r = rng(7);
  for (let k = 0; k < 2000; k++) {
    const x = r() * 6000 - 2500;
    const y = r() * 3000 - 900;
    let want = -1;
    cards.forEach((b, i) => {
      if (x >= b.x && x <= b.x + b.width && y >= b.y && y <= b.y + b.height) want = i;
    });
    assert.equal(idx.cardAt(x, y), want, `at (${x}, ${y})`);
  }
});

test("culling returns every card that overlaps the view (and is reusable without allocation)", () => {
  const cards = grid(1000);
  const idx = new MapIndex(cards, []);
  const out = [];
  const r = rng(3);
  for (let k = 0; k < 200; k++) {
    const view = { x: r() * 5000 - 2500, y: r() * 4000 - 1000, width: r() * 2000, height: r() * 1200 };
    const got = new Set(idx.cardsNear(view, out).map((i) => cards[i].id));
    assert.equal(got.size, out.length, "no card twice");
    for (const b of cards) {
      const overlaps = b.x <= view.x + view.width && b.x + b.width >= view.x && b.y <= view.y + view.height && b.y + b.height >= view.y;
      if (overlaps) assert.ok(got.has(b.id), `${b.id} is in view but was culled`);
    }
  }
  const all = idx.cardsNear({ x: -1e7, y: -1e7, width: 2e7, height: 2e7 }, out);
  assert.equal(all.length, cards.length, "zoomed far out: every card once");
});

test("the connection handle is the middle of the card's right side", () => {
  const idx = new MapIndex([card("a", 0, 0), card("b", 0, 100)], []);
  assert.equal(idx.handleAt(183, 29, 8), 0);
  assert.equal(idx.handleAt(180, 131, 8), 1);
  assert.equal(idx.handleAt(90, 30, 8), -1, "the middle of the card is not its handle");
  assert.equal(idx.handleAt(200, 30, 8), -1, "too far away");
});

test("a handoff line is hit near any of its segments, the nearest line wins", () => {
  const lines = [
    { id: "h1", points: [[180, 30], [220, 30], [220, 130], [260, 130]] },
    { id: "h2", points: [[180, 40], [260, 40]] },
  ];
  const idx = new MapIndex([], lines);
  assert.equal(idx.lineAt(223, 80, 5), 0, "on the vertical leg");
  assert.equal(idx.lineAt(240, 132, 5), 0, "on the last leg");
  assert.equal(idx.lineAt(200, 37, 5), 1, "nearer to h2 than h1");
  assert.equal(idx.lineAt(200, 33, 5), 0, "nearer to h1");
  assert.equal(idx.lineAt(100, 100, 5), -1);
  assert.equal(idx.lineIndex("h2"), 1);
  assert.equal(idx.lineIndex("nope"), -1);
});

test("long segments are found from any cell they cross", () => {
  const idx = new MapIndex([], [{ id: "long", points: [[0, 0], [0, 5000]] }], 100);
  assert.equal(idx.lineAt(2, 4321, 4), 0);
  assert.deepEqual(idx.linesNear({ x: -10, y: 2500, width: 20, height: 20 }, []), [0]);
});

test("a rubber band selects the cards it encloses wholly", () => {
  const idx = new MapIndex([card("a", 0, 0), card("b", 260, 0), card("c", 0, 90)], []);
  assert.deepEqual(idx.cardsInside({ x: -5, y: -5, width: 200, height: 200 }), ["a", "c"]);
  assert.deepEqual(idx.cardsInside({ x: -5, y: -5, width: 100, height: 200 }), [], "half a card is not enclosed");
  assert.deepEqual(idx.cardsInside({ x: -5, y: -5, width: 500, height: 70 }), ["a", "b"]);
});

test("distance to a segment", () => {
  assert.equal(segmentDistance2(5, 3, 0, 0, 10, 0), 9);
  assert.equal(segmentDistance2(-4, 3, 0, 0, 10, 0), 25, "beyond an end: to the end");
  assert.equal(segmentDistance2(1, 1, 0, 0, 0, 0), 2, "a point segment");
});
