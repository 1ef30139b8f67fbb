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
