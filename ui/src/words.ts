// The words the window shows for the core's values, in one place (the core's twin is
// src/words.rs); both follow docs/glossary.md, which File > Glossary shows (glossary.ts is its
// generated copy). tests/tidy.rs fails when a word the glossary retires comes back.
import type { Severity, Why } from "./bindings";
import { GLOSSARY } from "./glossary.js";

/** A severity as people say it (singular, plural): the JSON values stay the core's. */
export const SEVERITY_NOUN: Record<Severity, [string, string]> = {
  critical: ["blocker", "blockers"],
  warning: ["warning", "warnings"],
  info: ["note", "notes"],
};

/** Why work is due for an update (the Update tab), as people say it. */
export const REVIEW_WHY: Record<Why, string> = {
  in_progress: "In progress",
  due_to_start: "Due to start",
  due_to_finish: "Due to finish",
};

/** The glossary's explanation of `term` (as it is spelled there), for a tooltip. */
export function explain(term: string): string {
  return GLOSSARY.find((e) => e.term === term)?.text ?? "";
}

/** The glossary's terms the window explains with a "?" where they appear (each opens
 *  File > Glossary at its entry), spelled as docs/glossary.md spells them. */
export const TERM = {
  float: "Float",
  kind: "Handoff kind (FS, SS, FF, SF)",
  lag: "Lag",
  percentiles: "P50, P80",
  seed: "Seed",
  criticalPath: "Critical path",
  leveling: "Leveling",
} as const;

export type Term = (typeof TERM)[keyof typeof TERM];

/** The id of a glossary entry in File > Glossary ("Handoff kind (FS, SS, FF, SF)" ->
 *  "handoff-kind-fs-ss-ff-sf"), for its "?" and its entry. */
export function termSlug(term: string): string {
  return term
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

/** Working days with their sign, as the moves since a baseline are written: "+4", "−2"
 *  (a minus sign), "±0". */
export function signed(d: number): string {
  return d > 0 ? `+${d}` : d < 0 ? `\u2212${-d}` : "±0";
}

/** A move in working days: "+4 days", "−1 day". */
export function signedDays(d: number): string {
  return `${signed(d)} ${Math.abs(d) === 1 ? "day" : "days"}`;
}
