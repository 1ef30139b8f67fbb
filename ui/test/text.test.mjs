// Labels wrapped at spaces for the SVG charts (the tornado's risk names, issue 26).
import assert from "node:assert/strict";
import test from "node:test";

import { wrapWords } from "../.test-build/text.js";

test("a risk's title is wrapped at spaces, whole when it fits two lines", () => {
  assert.deepEqual(wrapWords("Tillpoint factory slot slips and the first hardware lot ships late", 34, 2), ["Tillpoint factory slot slips and", "the first hardware lot ships late"]);
  assert.deepEqual(wrapWords("Short title", 34, 2), ["Short title"]);
});

test("what does not fit ends in an ellipsis; a word longer than a line is cut", () => {
  const lines = wrapWords("Sales tax set up wrongly for stores in several states and provinces at once", 34, 2);
  assert.equal(lines.length, 2);
  assert.ok(lines[1].endsWith("…") && lines.every((l) => l.length <= 34), JSON.stringify(lines));
  assert.deepEqual(wrapWords("Supercalifragilisticexpialidociously", 10, 2), ["Supercali…"]);
});
