// The Priorities tab's pure part: the new order of the priorities after a drag or a key
// (what `rerank` is sent: every id once), and the words of a row. No DOM, no rule of the
// plan: the ranks, counts, dates and status are the core's.
import type { PriorityLoad, PriorityRow, PriorityStatus } from "../bindings";

/** The order with `id` moved `by` places (-1: up, one rank higher); null when it cannot move. */
export function moved(order: readonly string[], id: string, by: number): string[] | null {
  const at = order.indexOf(id);
  const to = at + by;
  if (at < 0 || to < 0 || to >= order.length || by === 0) return null;
  return dropped(order, id, to);
}

/** The order with `id` put at position `to` (0: rank 1); null when nothing changes. */
export function dropped(order: readonly string[], id: string, to: number): string[] | null {
  const at = order.indexOf(id);
  if (at < 0) return null;
  const rest = order.filter((x) => x !== id);
  const k = Math.max(0, Math.min(to, rest.length));
  rest.splice(k, 0, id);
  return rest.every((x, n) => x === order[n]) ? null : rest;
}

export const STATUS_WORDS: Record<PriorityStatus, string> = { on_track: "On track", at_risk: "At risk", late: "Late" };

/** "6 initiatives: 2 done, 1 blocked, 1 deferred". */
export function workWords(r: PriorityRow): string {
  const n = r.initiatives.length;
  const parts = [`${r.done} done`];
  if (r.blocked > 0) parts.push(`${r.blocked} blocked`);
  if (r.deferred > 0) parts.push(`${r.deferred} deferred`);
  return n === 0 ? "No work serves it" : `${n} ${n === 1 ? "initiative" : "initiatives"}: ${parts.join(", ")}`;
}

/** The finish shown: the kept forecast's P80 when there is one, else the finish if nothing slips. */
export function finishWords(r: PriorityRow): string {
  if (r.p80) return `P80 ${r.p80}`;
  return r.finish ? `${r.finish} (if nothing slips)` : "nothing scheduled";
}

/** A priority's load on teams, largest first: "IT 34 person-days · Field 12 person-days". */
export function loadWords(loads: readonly PriorityLoad[], priority: string, teamName: (id: string) => string): string {
  const mine = loads.filter((l) => l.priority === priority && l.person_days > 0).sort((a, b) => b.person_days - a.person_days);
  return mine.length === 0 ? "no work left" : mine.map((l) => `${teamName(l.team)} ${Math.round(l.person_days)} person-days`).join(" · ");
}

/** What goes with a deferral, by name: the first three, then how many more; "—" for none. */
export function withWords(names: readonly string[]): string {
  if (names.length === 0) return "—";
  const more = names.length > 3 ? ` and ${names.length - 3} more` : "";
  return names.slice(0, 3).join("; ") + more;
}
