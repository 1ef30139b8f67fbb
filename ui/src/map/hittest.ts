// Hit-testing and culling for the map: which card, handle or handoff is under a point, which
// are inside a rectangle. A uniform grid over the world (the core's layout units) keeps every
// query proportional to what is near it, so a 5,000-card plan costs what a 50-card one does.
// Pure: no DOM; queries write into caller-owned arrays so the render loop allocates nothing.

export interface Box {
  id: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Line {
  id: string;
  points: ReadonlyArray<readonly [number, number]>;
}

export interface Area {
  x: number;
  y: number;
  width: number;
  height: number;
}

const OFFSET = 1 << 20; // cells from -2^20 to 2^20 on each axis: keys stay exact integers
const SPAN = 1 << 21;

/** The point where a connection is dragged from: the middle of the card's right side. */
export function handleX(b: Box): number {
  return b.x + b.width;
}
export function handleY(b: Box): number {
  return b.y + b.height / 2;
}

export class MapIndex {
  readonly cards: readonly Box[];
  readonly lines: readonly Line[];
  readonly cell: number;
  private readonly cardCells = new Map<number, number[]>();
  private readonly lineCells = new Map<number, number[]>();
  private readonly cardSeen: Uint32Array;
  private readonly lineSeen: Uint32Array;
  private stamp = 0;
  private readonly byId = new Map<string, number>();
  private readonly lineById = new Map<string, number>();

  constructor(cards: readonly Box[], lines: readonly Line[], cell = 320) {
    this.cards = cards;
    this.lines = lines;
    this.cell = cell;
    this.cardSeen = new Uint32Array(cards.length);
    this.lineSeen = new Uint32Array(lines.length);
    cards.forEach((b, i) => {
      this.byId.set(b.id, i);
      this.insert(this.cardCells, i, b.x, b.y, b.x + b.width, b.y + b.height);
    });
    lines.forEach((l, i) => {
      this.lineById.set(l.id, i);
      for (let k = 1; k < l.points.length; k++) {
        const a = l.points[k - 1]!;
        const b = l.points[k]!;
        this.insert(this.lineCells, i, Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[0], b[0]), Math.max(a[1], b[1]));
      }
    });
  }

  /** Position of the card `id` in `cards`, -1 if there is none. */
  cardIndex(id: string): number {
    return this.byId.get(id) ?? -1;
  }
  lineIndex(id: string): number {
    return this.lineById.get(id) ?? -1;
  }

  private key(cx: number, cy: number): number {
    return (cx + OFFSET) * SPAN + (cy + OFFSET);
  }

  private insert(cells: Map<number, number[]>, item: number, x0: number, y0: number, x1: number, y1: number): void {
    const c0 = Math.floor(x0 / this.cell);
    const c1 = Math.floor(x1 / this.cell);
    const r0 = Math.floor(y0 / this.cell);
    const r1 = Math.floor(y1 / this.cell);
    for (let cx = c0; cx <= c1; cx++) {
      for (let cy = r0; cy <= r1; cy++) {
        const k = this.key(cx, cy);
        let list = cells.get(k);
        if (!list) cells.set(k, (list = []));
        if (list[list.length - 1] !== item) list.push(item);
      }
    }
  }

  private gather(cells: Map<number, number[]>, seen: Uint32Array, a: Area, out: number[]): number[] {
    out.length = 0;
    this.stamp = (this.stamp + 1) >>> 0;
    if (this.stamp === 0) {
      this.cardSeen.fill(0);
      this.lineSeen.fill(0);
      this.stamp = 1;
    }
    const c0 = Math.floor(a.x / this.cell);
    const c1 = Math.floor((a.x + a.width) / this.cell);
    const r0 = Math.floor(a.y / this.cell);
    const r1 = Math.floor((a.y + a.height) / this.cell);
    // A huge area (zoomed far out) visits only the cells that exist.
    if ((c1 - c0 + 1) * (r1 - r0 + 1) > cells.size) {
      for (const [k, list] of cells) {
        const cx = Math.floor(k / SPAN) - OFFSET;
        const cy = (k % SPAN) - OFFSET;
        if (cx < c0 || cx > c1 || cy < r0 || cy > r1) continue;
        this.take(list, seen, out);
      }
      return out;
    }
    for (let cx = c0; cx <= c1; cx++) {
      for (let cy = r0; cy <= r1; cy++) {
        const list = cells.get(this.key(cx, cy));
        if (list) this.take(list, seen, out);
      }
    }
    return out;
  }

  private take(list: number[], seen: Uint32Array, out: number[]): void {
    for (let j = 0; j < list.length; j++) {
      const i = list[j]!;
      if (seen[i] === this.stamp) continue;
      seen[i] = this.stamp;
      out.push(i);
    }
  }

  /** Indices of the cards that may overlap `a` (a superset: whole grid cells), in no order. */
  cardsNear(a: Area, out: number[]): number[] {
    return this.gather(this.cardCells, this.cardSeen, a, out);
  }

  /** Indices of the handoff lines with a segment in a grid cell that overlaps `a`. */
  linesNear(a: Area, out: number[]): number[] {
    return this.gather(this.lineCells, this.lineSeen, a, out);
  }

  private readonly probe: Area = { x: 0, y: 0, width: 0, height: 0 };
  private readonly scratch: number[] = [];

  /** The card under (x, y); of overlapping cards, the one drawn last (on top). -1 if none. */
  cardAt(x: number, y: number): number {
    const p = this.probe;
    p.x = x;
    p.y = y;
    p.width = 0;
    p.height = 0;
    let best = -1;
    for (const i of this.cardsNear(p, this.scratch)) {
      const b = this.cards[i]!;
      if (x >= b.x && x <= b.x + b.width && y >= b.y && y <= b.y + b.height && i > best) best = i;
    }
    return best;
  }

  /** The card whose connection handle is within `tolerance` of (x, y); -1 if none. */
  handleAt(x: number, y: number, tolerance: number): number {
    const p = this.probe;
    p.x = x - tolerance;
    p.y = y - tolerance;
    p.width = 2 * tolerance;
    p.height = 2 * tolerance;
    let best = -1;
    let bestD = tolerance * tolerance;
    for (const i of this.cardsNear(p, this.scratch)) {
      const b = this.cards[i]!;
      const dx = handleX(b) - x;
      const dy = handleY(b) - y;
      const d = dx * dx + dy * dy;
      if (d <= bestD) {
        bestD = d;
        best = i;
      }
    }
    return best;
  }

  /** The handoff line nearest to (x, y) within `tolerance`; -1 if none. */
  lineAt(x: number, y: number, tolerance: number): number {
    const p = this.probe;
    p.x = x - tolerance;
    p.y = y - tolerance;
    p.width = 2 * tolerance;
    p.height = 2 * tolerance;
    let best = -1;
    let bestD = tolerance * tolerance;
    for (const i of this.linesNear(p, this.scratch)) {
      const pts = this.lines[i]!.points;
      for (let k = 1; k < pts.length; k++) {
        const d = segmentDistance2(x, y, pts[k - 1]![0], pts[k - 1]![1], pts[k]![0], pts[k]![1]);
        if (d <= bestD) {
          bestD = d;
          best = i;
        }
      }
    }
    return best;
  }

  /** Ids of the cards lying wholly inside `a` (a rubber band), in the order of `cards`. */
  cardsInside(a: Area): string[] {
    const found = this.cardsNear(a, []).filter((i) => {
      const b = this.cards[i]!;
      return b.x >= a.x && b.y >= a.y && b.x + b.width <= a.x + a.width && b.y + b.height <= a.y + a.height;
    });
    found.sort((p, q) => p - q);
    return found.map((i) => this.cards[i]!.id);
  }
}

/** Squared distance from (px, py) to the segment (ax, ay)-(bx, by). */
export function segmentDistance2(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const len2 = dx * dx + dy * dy;
  let t = len2 === 0 ? 0 : ((px - ax) * dx + (py - ay) * dy) / len2;
  t = t < 0 ? 0 : t > 1 ? 1 : t;
  const ex = ax + t * dx - px;
  const ey = ay + t * dy - py;
  return ex * ex + ey * ey;
}
