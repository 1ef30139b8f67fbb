// The viewport: how the map's world (the core's layout units) maps to the canvas's CSS
// pixels. Pure functions over a small mutable record, no DOM: tested with node's runner.

/** screen = (world - origin) * scale. */
export interface Viewport {
  /** World x at the canvas's left edge. */
  x: number;
  /** World y at the canvas's top edge. */
  y: number;
  /** CSS pixels per world unit. */
  scale: number;
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const MIN_SCALE = 0.02;
export const MAX_SCALE = 4;

export function clampScale(scale: number): number {
  if (!Number.isFinite(scale)) return 1;
  return Math.min(MAX_SCALE, Math.max(MIN_SCALE, scale));
}

export function toScreenX(v: Viewport, wx: number): number {
  return (wx - v.x) * v.scale;
}
export function toScreenY(v: Viewport, wy: number): number {
  return (wy - v.y) * v.scale;
}
export function toWorldX(v: Viewport, sx: number): number {
  return sx / v.scale + v.x;
}
export function toWorldY(v: Viewport, sy: number): number {
  return sy / v.scale + v.y;
}

/** Moves the view by a drag of (dx, dy) screen pixels: the world follows the pointer. */
export function panBy(v: Viewport, dx: number, dy: number): void {
  v.x -= dx / v.scale;
  v.y -= dy / v.scale;
}

/** Multiplies the scale by `factor`, keeping the world point under (sx, sy) where it is. */
export function zoomAt(v: Viewport, sx: number, sy: number, factor: number): void {
  const wx = toWorldX(v, sx);
  const wy = toWorldY(v, sy);
  v.scale = clampScale(v.scale * factor);
  v.x = wx - sx / v.scale;
  v.y = wy - sy / v.scale;
}

/** The world rectangle the canvas of `width` x `height` CSS pixels shows. */
export function visibleWorld(v: Viewport, width: number, height: number, out: Rect): Rect {
  out.x = v.x;
  out.y = v.y;
  out.width = width / v.scale;
  out.height = height / v.scale;
  return out;
}

/** Fits `bounds` (world) into the canvas with `margin` pixels around it, centred; never
 *  zooms in beyond 1 (a one-card plan is not shown huge). */
export function fit(v: Viewport, bounds: Rect, width: number, height: number, margin = 40): void {
  const w = Math.max(1, width - 2 * margin);
  const h = Math.max(1, height - 2 * margin);
  const bw = Math.max(1, bounds.width);
  const bh = Math.max(1, bounds.height);
  v.scale = clampScale(Math.min(1, w / bw, h / bh));
  v.x = bounds.x + bw / 2 - width / 2 / v.scale;
  v.y = bounds.y + bh / 2 - height / 2 / v.scale;
}

/** As `fit`, with the plan clear of the boxes laid over the canvas (`over`: the minimap, the
 *  colour key, in canvas pixels). Of two ways around them, a free column left of the boxes
 *  on the right or free bands between the boxes at the top and at the bottom, the one that
 *  shows the plan larger (by height, the bands). `heightOnly` (the Seams lanes): the scale fits the height, so every
 *  lane is in sight and readable, and the plan starts at the left edge (the rest is panned
 *  to) rather than shrinking to a width it cannot be read at. */
export function fitClear(v: Viewport, bounds: Rect, width: number, height: number, over: readonly Rect[], margin = 40, heightOnly = false): void {
  const boxes = over.filter((b) => b.width > 0 && b.height > 0);
  const right = boxes.filter((b) => b.x + b.width / 2 > width / 2);
  const column: Rect = { x: 0, y: 0, width: right.length > 0 ? Math.min(...right.map((b) => b.x)) : width, height };
  const top = Math.max(0, ...boxes.filter((b) => b.y + b.height / 2 <= height / 2).map((b) => b.y + b.height));
  const bottom = Math.min(height, ...boxes.filter((b) => b.y + b.height / 2 > height / 2).map((b) => b.y));
  const bands: Rect = { x: 0, y: top, width, height: Math.max(1, bottom - top) };
  const bw = Math.max(1, bounds.width);
  const bh = Math.max(1, bounds.height);
  const scaleIn = (a: Rect) => {
    const h = Math.max(1, a.height - 2 * margin) / bh;
    return clampScale(Math.min(1, heightOnly ? h : Math.min(Math.max(1, a.width - 2 * margin) / bw, h)));
  };
  // By height the plan runs on to the right edge: only the bands keep it clear of the boxes.
  const area = heightOnly || scaleIn(bands) > scaleIn(column) ? bands : column;
  v.scale = scaleIn(area);
  const shownWidth = bw * v.scale;
  // centred in the free area; from the left edge when the plan is wider than it
  const left = shownWidth <= area.width - 2 * margin ? area.x + (area.width - shownWidth) / 2 : area.x + margin;
  v.x = bounds.x - left / v.scale;
  v.y = bounds.y + bh / 2 - (area.y + area.height / 2) / v.scale;
}

/** Puts the world point (wx, wy) at the centre of the canvas, scale unchanged. */
export function centreOn(v: Viewport, wx: number, wy: number, width: number, height: number): void {
  v.x = wx - width / 2 / v.scale;
  v.y = wy - height / 2 / v.scale;
}

/** The smallest rectangle holding every box; null when there is none. */
export function bounds(boxes: readonly Rect[]): Rect | null {
  if (boxes.length === 0) return null;
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const b of boxes) {
    if (b.x < x0) x0 = b.x;
    if (b.y < y0) y0 = b.y;
    if (b.x + b.width > x1) x1 = b.x + b.width;
    if (b.y + b.height > y1) y1 = b.y + b.height;
  }
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}

/** The rectangle spanned by two corners in any order. */
export function spanned(ax: number, ay: number, bx: number, by: number): Rect {
  return { x: Math.min(ax, bx), y: Math.min(ay, by), width: Math.abs(bx - ax), height: Math.abs(by - ay) };
}
