// Sorting the rows of a table by one column, and picking the risks of a heat-map cell: pure
// functions (no DOM) the register and the plan tables share, tested by `npm test`.
import type { HeatCell } from "../bindings";

export type Direction = "asc" | "desc";

export interface SortState {
  readonly key: string;
  readonly dir: Direction;
}

/** A column's value of a row: a number, a text, or nothing (empty, shown last either way). */
export type SortValue = number | string | null | undefined;

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: "base" });

/** Compares two values of one column: numbers by value, texts as a person reads them
 *  ("R-2" before "R-10", case ignored). Nothing (null, undefined, "", NaN) compares 0 here:
 *  where it goes is sortRows' business. */
export function compareValues(a: SortValue, b: SortValue): number {
  if (typeof a === "number" && typeof b === "number") return a - b;
  return collator.compare(String(a), String(b));
}

function isEmpty(v: SortValue): boolean {
  return v === null || v === undefined || v === "" || (typeof v === "number" && Number.isNaN(v));
}

/** The rows sorted by `value`, stable (equal rows keep their order), empty values last in
 *  both directions. A new array; `rows` is not touched. */
export function sortRows<T>(rows: readonly T[], value: (row: T) => SortValue, dir: Direction): T[] {
  const keyed = rows.map((row, n) => ({ row, n, v: value(row) }));
  const sign = dir === "asc" ? 1 : -1;
  keyed.sort((x, y) => {
    const ex = isEmpty(x.v);
    const ey = isEmpty(y.v);
    if (ex || ey) return ex === ey ? x.n - y.n : ex ? 1 : -1;
    return sign * compareValues(x.v, y.v) || x.n - y.n;
  });
  return keyed.map((k) => k.row);
}

/** A click on a column head: the same column flips its direction, another starts ascending
 *  (descending for columns where the largest matters first, such as a score). */
export function nextSort(current: SortState | null, key: string, descFirst: ReadonlySet<string> = new Set()): SortState {
  if (current && current.key === key) return { key, dir: current.dir === "asc" ? "desc" : "asc" };
  return { key, dir: descFirst.has(key) ? "desc" : "asc" };
}

/** The ids of the risks in the heat-map cell (probability, impact): the core's cell. */
export function risksInCell(heat: readonly HeatCell[], probability: number, impact: number): string[] {
  return heat.find((c) => c.probability === probability && c.impact === impact)?.risks ?? [];
}

/** Rows whose id is in `keep` (all when `keep` is null), in their order. */
export function keepRows<T extends { id: string }>(rows: readonly T[], keep: ReadonlySet<string> | null): T[] {
  return keep === null ? [...rows] : rows.filter((r) => keep.has(r.id));
}
