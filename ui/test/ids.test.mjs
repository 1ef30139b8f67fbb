// Ids of what a user adds in the window: readable, and never one the plan already has.
import assert from "node:assert/strict";
import test from "node:test";

import { nextNumbered, uniqueId } from "../.test-build/ids.js";

test("an id is the name's words in lower case, accents dropped, and unique", () => {
  assert.equal(uniqueId("Café Réseau  (Zürich)", new Set()), "cafe-reseau-zurich");
  assert.equal(uniqueId("IT", new Set(["it", "it-2"])), "it-3");
  assert.equal(uniqueId("???", new Set(), "team"), "team");
});

test("a numbered id follows the highest of its kind, padded like them", () => {
  assert.equal(nextNumbered("R-", ["R-01", "R-09", "other", "R-x"]), "R-10");
  assert.equal(nextNumbered("R-", []), "R-01");
  assert.equal(nextNumbered("R-", ["R-007"]), "R-008");
});
