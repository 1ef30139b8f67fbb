// Colour and filter the map by an attribute of the initiatives (team, site, wave, status):
// which legend entry each card falls in, its colour, and which cards a filter dims. Pure
// lookups in the plan (no DOM): the names and the order of the entries are the plan's.
import type { Initiative, Plan, Status } from "../bindings";

export type Attribute = "status" | "team" | "site" | "wave" | "priority";
export const ATTRIBUTES: readonly Attribute[] = ["status", "team", "site", "wave", "priority"];
export const ATTRIBUTE_LABEL: Record<Attribute, string> = { status: "Status", team: "Team", site: "Site", wave: "Wave", priority: "Priority" };

export const STATUS_LABEL: Record<Status, string> = {
  not_started: "Not started",
  on_track: "On track",
  at_risk: "At risk",
  blocked: "Blocked",
  done: "Done",
};

/** Distinct, colour-blind-aware hues (Tableau 10) for teams, sites and waves; reused past ten. */
export const PALETTE = ["#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#79706e"] as const;
/** The entry of the initiatives without the attribute ("No team"). */
export const NONE_COLOUR = "#c5cad3";
/** The key of that entry. */
export const NONE = "";

export interface KeyEntry {
  /** The attribute's value (an id, or a status); NONE for initiatives without it. */
  readonly key: string;
  readonly label: string;
  readonly colour: string;
  /** Initiatives in this entry. */
  readonly count: number;
}

/** The priorities by rank (1 first): an initiative serving several is coloured by the best. */
let ranks: ReadonlyMap<string, number> = new Map();

/** The plan's ranks, for `valueOf(i, "priority")`: set from the plan before a legend. */
function useRanks(plan: Plan): void {
  ranks = new Map((plan.priorities ?? []).map((p) => [p.id, p.rank]));
}

/** The value of `a` for an initiative: an id (team, site, wave, the best-ranked priority it
 *  serves) or the status; NONE if unset. */
export function valueOf(i: Initiative, a: Attribute): string {
  switch (a) {
    case "priority": {
      let best: string = NONE;
      for (const p of i.serves ?? []) if (best === NONE || (ranks.get(p) ?? Infinity) < (ranks.get(best) ?? Infinity)) best = p;
      return best;
    }
    case "status":
      return i.status;
    case "team":
      return i.team ?? NONE;
    case "site":
      return i.site ?? NONE;
    case "wave":
      return i.wave ?? NONE;
  }
}

/** The legend of colouring by `a`: the plan's teams / sites / waves in its order (waves by
 *  their order), or the five statuses; then "No …" when some initiative has none. Values an
 *  initiative names that the plan does not hold get an entry of their own (named by id). */
export function legend(plan: Plan, a: Attribute, statusColour: Readonly<Record<Status, string>>): KeyEntry[] {
  useRanks(plan);
  const counts = new Map<string, number>();
  for (const i of plan.initiatives) {
    const v = valueOf(i, a);
    counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  let named: [string, string][];
  if (a === "status") named = (Object.keys(STATUS_LABEL) as Status[]).map((s) => [s, STATUS_LABEL[s]]);
  else if (a === "team") named = plan.teams.map((t) => [t.id, t.name || t.id]);
  else if (a === "site") named = plan.sites.map((s) => [s.id, s.name || s.id]);
  else if (a === "priority") named = [...(plan.priorities ?? [])].sort((x, y) => x.rank - y.rank).map((p) => [p.id, `${p.rank}. ${p.name || p.id}`]);
  else named = [...plan.waves].sort((x, y) => x.order - y.order).map((w) => [w.id, w.name || w.id]);
  const known = new Set(named.map(([k]) => k));
  for (const k of counts.keys()) if (k !== NONE && !known.has(k)) named.push([k, `${k} (unknown)`]);
  const out: KeyEntry[] = named.map(([key, label], n) => ({
    key,
    label,
    colour: a === "status" ? (statusColour[key as Status] ?? NONE_COLOUR) : PALETTE[n % PALETTE.length]!,
    count: counts.get(key) ?? 0,
  }));
  const none = counts.get(NONE) ?? 0;
  if (none > 0 && a !== "status") out.push({ key: NONE, label: `No ${ATTRIBUTE_LABEL[a].toLowerCase()}`, colour: NONE_COLOUR, count: none });
  return out;
}

/** For each card id, the index of its entry in `entries` (-1 if the initiative is unknown). */
export function entryOfCards(ids: readonly string[], initiatives: ReadonlyMap<string, Initiative>, a: Attribute, entries: readonly KeyEntry[]): Int32Array {
  const at = new Map(entries.map((e, n) => [e.key, n]));
  const out = new Int32Array(ids.length);
  ids.forEach((id, n) => {
    const i = initiatives.get(id);
    out[n] = i ? (at.get(valueOf(i, a)) ?? -1) : -1;
  });
  return out;
}

export interface Filter {
  readonly by: Attribute;
  /** The values kept; every other card is dimmed. */
  readonly values: ReadonlySet<string>;
}

/** 1 for each card id the filter dims (its initiative's value is not among the kept ones). */
export function dimmedCards(ids: readonly string[], initiatives: ReadonlyMap<string, Initiative>, f: Filter): Uint8Array {
  const out = new Uint8Array(ids.length);
  ids.forEach((id, n) => {
    const i = initiatives.get(id);
    out[n] = i && f.values.has(valueOf(i, f.by)) ? 0 : 1;
  });
  return out;
}

/** The cards the map dims: those `filter` dims, and with `slips` (the "moved since baseline"
 *  filter: per card, the core's finish variance, 0 when it did not move) every card that did
 *  not move. Null when neither filter is on. */
export function dimmedBy(ids: readonly string[], initiatives: ReadonlyMap<string, Initiative>, filter: Filter | null, slips: readonly number[] | null): Uint8Array | null {
  if (!filter && !slips) return null;
  const out = filter ? dimmedCards(ids, initiatives, filter) : new Uint8Array(ids.length);
  if (slips) ids.forEach((_, n) => {
    if (!slips[n]) out[n] = 1;
  });
  return out;
}

/** The same choice with `key` kept or dropped (a click on a legend entry). */
export function toggle(f: Filter | null, by: Attribute, key: string): Filter | null {
  const values = new Set(f && f.by === by ? f.values : []);
  if (values.has(key)) values.delete(key);
  else values.add(key);
  return values.size === 0 ? null : { by, values };
}

/** "#rrggbb" mixed with white: `amount` of the colour (0-1), for a card's tint. */
export function tint(hex: string, amount: number): string {
  const n = Number.parseInt(hex.slice(1), 16);
  if (hex.length !== 7 || Number.isNaN(n)) return hex;
  const mix = (c: number) => Math.round(255 - (255 - c) * amount);
  const r = mix((n >> 16) & 255);
  const g = mix((n >> 8) & 255);
  const b = mix(n & 255);
  return `#${((1 << 24) | (r << 16) | (g << 8) | b).toString(16).slice(1)}`;
}
