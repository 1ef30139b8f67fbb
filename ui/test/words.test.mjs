// The window's "?" beside jargon opens the glossary at an entry: each term it names must be one.
import assert from "node:assert/strict";
import test from "node:test";

import { GLOSSARY } from "../.test-build/glossary.js";
import { signed, signedDays, TERM, termSlug } from "../.test-build/words.js";

test("every term the window explains with a \"?\" is an entry of the glossary", () => {
  const terms = new Set(GLOSSARY.map((e) => e.term));
  for (const t of Object.values(TERM)) assert.ok(terms.has(t), `"${t}" is in docs/glossary.md`);
});

test("an entry's id is its term in lower case and dashes", () => {
  assert.equal(termSlug("Handoff kind (FS, SS, FF, SF)"), "handoff-kind-fs-ss-ff-sf");
  assert.equal(termSlug("P50, P80"), "p50-p80");
});

test("a move since a baseline reads with its sign and a minus sign, one day singular", () => {
  assert.equal(signedDays(4), "+4 days");
  assert.equal(signedDays(-1), "\u22121 day");
  assert.equal(signed(0), "±0");
});
