// The viewport transform: what the user sees under the pointer stays there.
import assert from "node:assert/strict";
import test from "node:test";

import * as V from "../.test-build/map/viewport.js";

const close = (a, b, msg) => assert.ok(Math.abs(a - b) < 1e-9, `${msg}: ${a} != ${b}`);

test("world and screen coordinates are inverse of each other", () => {
  const v = { x: -120, y: 45, scale: 0.37 };
  for (const [wx, wy] of [[0, 0], [500, -20], [-1e5, 3e4]]) {
    close(V.toWorldX(v, V.toScreenX(v, wx)), wx, "x");
    close(V.toWorldY(v, V.toScreenY(v, wy)), wy, "y");
  }
});

test("zooming about a point keeps the world point under it", () => {
  const v = { x: 100, y: 200, scale: 1 };
  const [sx, sy] = [333, 121];
  const before = [V.toWorldX(v, sx), V.toWorldY(v, sy)];
  V.zoomAt(v, sx, sy, 1.7);
  close(v.scale, 1.7, "scale");
  close(V.toWorldX(v, sx), before[0], "x under cursor");
  close(V.toWorldY(v, sy), before[1], "y under cursor");
  V.zoomAt(v, sx, sy, 1 / 1.7);
  close(v.x, 100, "zoom back x");
  close(v.y, 200, "zoom back y");
});

test("zoom stays within its limits and still keeps the point", () => {
  const v = { x: 0, y: 0, scale: 1 };
  V.zoomAt(v, 50, 50, 1e6);
  assert.equal(v.scale, V.MAX_SCALE);
  close(V.toWorldX(v, 50), 50, "point kept at the limit");
  V.zoomAt(v, 50, 50, 1e-9);
  assert.equal(v.scale, V.MIN_SCALE);
  assert.equal(V.clampScale(NaN), 1);
});

test("panning moves the world with the pointer", () => {
  const v = { x: 10, y: 10, scale: 2 };
  const wx = V.toWorldX(v, 100);
  V.panBy(v, 40, -30);
  close(V.toScreenX(v, wx), 140, "the point followed the drag");
  close(V.toScreenY(v, V.toWorldY({ x: 10, y: 10, scale: 2 }, 100)), 70, "vertical too");
});

test("fit shows the whole bounds, centred, never magnified above 1", () => {
  const v = { x: 0, y: 0, scale: 1 };
  const b = { x: 1000, y: -500, width: 8000, height: 2000 };
  V.fit(v, b, 1200, 800, 40);
  assert.ok(V.toScreenX(v, b.x) >= 40 - 1e-9 && V.toScreenX(v, b.x + b.width) <= 1160 + 1e-9, "fits horizontally");
  assert.ok(V.toScreenY(v, b.y) >= 40 - 1e-9 && V.toScreenY(v, b.y + b.height) <= 760 + 1e-9, "fits vertically");
  close(V.toScreenX(v, b.x + b.width / 2), 600, "centred x");
  close(V.toScreenY(v, b.y + b.height / 2), 400, "centred y");
  V.fit(v, { x: 0, y: 0, width: 180, height: 60 }, 1200, 800);
  assert.equal(v.scale, 1, "a single card is shown at its natural size");
});

test("visible world and centring agree", () => {
  const v = { x: 0, y: 0, scale: 0.5 };
  V.centreOn(v, 900, 300, 1000, 600);
  const r = V.visibleWorld(v, 1000, 600, { x: 0, y: 0, width: 0, height: 0 });
  close(r.x + r.width / 2, 900, "centre x");
  close(r.y + r.height / 2, 300, "centre y");
  close(r.width, 2000, "width at half scale");
});

test("bounds and spanned rectangles", () => {
  assert.equal(V.bounds([]), null);
  assert.deepEqual(V.bounds([{ x: 0, y: 10, width: 5, height: 5 }, { x: -3, y: 20, width: 1, height: 1 }]), { x: -3, y: 10, width: 8, height: 11 });
  assert.deepEqual(V.spanned(10, 5, 2, 9), { x: 2, y: 5, width: 8, height: 4 });
});

/** The plan's rectangle on screen after a fit. */
const onScreen = (v, b) => ({ x: V.toScreenX(v, b.x), y: V.toScreenY(v, b.y), width: b.width * v.scale, height: b.height * v.scale });
const overlaps = (a, b) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

test("Fit keeps the plan clear of the minimap and the colour key (issue 26)", () => {
  const [width, height] = [940, 660];
  const minimap = { x: 940 - 12 - 220, y: 660 - 12 - 140, width: 220, height: 140 };
  const key = { x: 940 - 12 - 210, y: 12, width: 210, height: 40 };
  for (const b of [{ x: 0, y: 0, width: 4000, height: 1200 }, { x: -50, y: 10, width: 900, height: 3000 }, { x: 0, y: 0, width: 300, height: 200 }]) {
    const v = { x: 0, y: 0, scale: 1 };
    V.fitClear(v, b, width, height, [minimap, key]);
    const r = onScreen(v, b);
    assert.ok(!overlaps(r, minimap) && !overlaps(r, key), `plan ${JSON.stringify(b)} at ${JSON.stringify(r)} is clear of the boxes`);
    assert.ok(r.x >= 0 && r.y >= 0 && r.x + r.width <= width && r.y + r.height <= height, `and on the canvas: ${JSON.stringify(r)}`);
  }
});

test("Fit by height (Seams): every lane in sight at a readable size, the plan from the left", () => {
  const v = { x: 0, y: 0, scale: 1 };
  const b = { x: 0, y: 0, width: 12000, height: 900 };
  const minimap = { x: 940 - 12 - 220, y: 660 - 12 - 60, width: 220, height: 60 };
  V.fitClear(v, b, 940, 660, [minimap], 40, true);
  close(v.scale, (660 - 12 - 60 - 80) / 900, "the scale fits the height above the minimap");
  const r = onScreen(v, b);
  close(r.x, 40, "the plan starts at the left margin");
  assert.ok(r.y >= 0 && r.y + r.height <= minimap.y, "every lane in sight, above the minimap");
});
