// The one crossing counter used for all three layouts (Bridger, dot, ELK): every handoff is
// the straight segment between the centres of its two cards, and two handoffs that share no
// card count once when their segments cross properly (touching at an end does not count).
//
//   node count.mjs CENTRES.json PLAN.json   prints the count
// CENTRES.json: {"id": [x, y], ...}; PLAN.json: a Bridger plan (its handoffs are the edges).

import { readFileSync } from "node:fs";

function orient(ax, ay, bx, by, cx, cy) {
  return (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
}

/** centres: Map id -> [x, y]; edges: [[from, to], ...]. */
export function crossings(centres, edges) {
  const segs = [];
  for (const [a, b] of edges) {
    if (a === b) continue;
    const p = centres.get(a), q = centres.get(b);
    if (!p || !q) continue;
    segs.push({ a, b, x1: p[0], y1: p[1], x2: q[0], y2: q[1], lo: Math.min(p[0], q[0]), hi: Math.max(p[0], q[0]) });
  }
  segs.sort((s, t) => s.lo - t.lo);
  let n = 0;
  for (let i = 0; i < segs.length; i++) {
    const s = segs[i];
    for (let j = i + 1; j < segs.length && segs[j].lo <= s.hi; j++) {
      const t = segs[j];
      if (s.a === t.a || s.a === t.b || s.b === t.a || s.b === t.b) continue;
      const o1 = orient(s.x1, s.y1, s.x2, s.y2, t.x1, t.y1);
      const o2 = orient(s.x1, s.y1, s.x2, s.y2, t.x2, t.y2);
      if (!(o1 * o2 < 0)) continue;
      const o3 = orient(t.x1, t.y1, t.x2, t.y2, s.x1, s.y1);
      const o4 = orient(t.x1, t.y1, t.x2, t.y2, s.x2, s.y2);
      if (o3 * o4 < 0) n++;
    }
  }
  return n;
}

/** The handoffs of a Bridger plan as [from, to] pairs. */
export function edgesOf(plan) {
  return (plan.handoffs || []).map((h) => [h.from, h.to]);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const centres = new Map(Object.entries(JSON.parse(readFileSync(process.argv[2], "utf8"))));
  const plan = JSON.parse(readFileSync(process.argv[3], "utf8"));
  console.log(crossings(centres, edgesOf(plan)));
}
