// The risk register's own suggestions (panels/suggest.ts): which names a typed text offers.
import assert from "node:assert/strict";
import test from "node:test";

import { matching } from "../.test-build/panels/suggest.js";

const all = ["Pilot store go-live", "Install card readers", "Go-live wave 2", "Train store staff", "Card reader firmware"].map((label, k) => ({ value: `I${k}`, label }));

test("names starting with the text come first, then names holding it, any case", () => {
  assert.deepEqual(matching(all, "card").map((s) => s.value), ["I4", "I1"]);
  assert.deepEqual(matching(all, "GO-LIVE").map((s) => s.value), ["I2", "I0"]);
  assert.deepEqual(matching(all, "nothing like it"), []);
});

test("an empty text offers the first names, never more than eight", () => {
  const many = Array.from({ length: 20 }, (_, k) => ({ value: `I${k}`, label: `Store ${k}` }));
  assert.equal(matching(many, "").length, 8);
  assert.equal(matching(many, "store").length, 8);
});
