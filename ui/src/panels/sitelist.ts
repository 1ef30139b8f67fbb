// The Sites tab's list: which sites a filter keeps (by wave, region, flagged or not) and the
// value each column sorts by: pure functions (no DOM) over the core's rows, tested by
// `npm test`. Every figure and every flag is the core's (api::sites); nothing is computed
// here but the choice of rows.
import type { SiteRow, WaveRow } from "../bindings";
import { type Direction, type SortValue, sortRows } from "./sorting.js";

export interface SiteFilter {
  /** A wave's id; "" for every wave, "-" for sites in no wave. */
  readonly wave: string;
  /** A region; "" for every region. */
  readonly region: string;
  /** Only the flagged sites. */
  readonly flagged: boolean;
}

export const ALL: SiteFilter = { wave: "", region: "", flagged: false };

/** The rows `filter` keeps, in their order. */
export function filterSites(rows: readonly SiteRow[], filter: SiteFilter): SiteRow[] {
  return rows.filter(
    (r) =>
      (filter.wave === "" || (filter.wave === "-" ? r.wave === null : r.wave === filter.wave)) &&
      (filter.region === "" || r.region === filter.region) &&
      (!filter.flagged || r.flags.length > 0),
  );
}

/** The regions the rows name, in the order they first appear. */
export function regions(rows: readonly SiteRow[]): string[] {
  const out: string[] = [];
  for (const r of rows) if (r.region !== null && !out.includes(r.region)) out.push(r.region);
  return out;
}

/** A wave's name by its id (the id when the view does not know it; "" for none). */
export function waveName(waves: readonly WaveRow[], id: string | null): string {
  if (id === null) return "";
  return waves.find((w) => w.id === id)?.name ?? id;
}

/** The value of column `key` of a row, as the table sorts it: names, dates as their ISO
 *  text (which sorts as dates), counts as numbers. */
export function sortValue(waves: readonly WaveRow[], key: string, r: SiteRow): SortValue {
  switch (key) {
    case "name":
      return r.name;
    case "wave":
      // in the plan's order of waves, not by name
      return r.wave === null ? null : waves.findIndex((w) => w.id === r.wave);
    case "region":
      return r.region;
    case "start":
      return r.start;
    case "finish":
      return r.finish;
    case "span":
      return r.work_days;
    case "p80":
      return r.p80;
    case "late":
      return r.late_days;
    case "blocked":
      return r.status_counts.blocked;
    case "risks":
      return r.open_risks;
    case "overrides":
      return r.overrides.length;
    case "flags":
      return r.flags.length;
    default:
      return null;
  }
}

/** The rows sorted by column `key` (empty values last). */
export function sortSites(rows: readonly SiteRow[], waves: readonly WaveRow[], key: string, dir: Direction): SiteRow[] {
  return sortRows(rows, (r) => sortValue(waves, key, r), dir);
}
