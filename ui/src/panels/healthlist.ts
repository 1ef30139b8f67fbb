// The Health tab's words and what a measure's row shows on the map (pure, no DOM): a
// measure's value against its threshold as people read it, and the initiatives its items
// stand for (a handoff: its two ends; a team: its work; a risk: the work it is linked to; a
// priority: the work serving it). Which items a measure counts is the core's.
import type { Grade, HealthReport, Measure, Plan } from "../bindings";

export const GRADE_WORDS: Record<Grade, string> = { green: "Green", amber: "Amber", red: "Red" };

function percent(v: number): string {
  const p = v * 100;
  return Math.abs(p - Math.round(p)) < 0.05 ? `${Math.round(p)}%` : `${p.toFixed(1)}%`;
}

/** Metric 12 counts working days, 13 and 14 are indices; the rest are shares. */
function isIndex(m: Measure): boolean {
  return m.id === 13 || m.id === 14;
}

/** "4.8%", "0.92", "moved 600 days"; "–" when not computed. */
export function valueWords(m: Measure): string {
  if (m.value === null) return "–";
  if (m.id === 12) return `finish moved ${m.numerator} of ${m.denominator} days`;
  return isIndex(m) ? m.value.toFixed(2) : percent(m.value);
}

/** "≤ 5%", "= 0", "≥ 0.95", "exactly 600 days". */
export function thresholdWords(m: Measure): string {
  if (m.id === 12) return "exactly 600 days";
  const op = m.threshold.op === "<=" ? "≤" : m.threshold.op === ">=" ? "≥" : "=";
  const v = isIndex(m) ? m.threshold.value.toFixed(2) : m.threshold.value === 0 ? "0" : percent(m.threshold.value);
  return `${op} ${v}`;
}

/** "3 of 144": what the numerator counts out of what (empty when not computed). */
export function countWords(m: Measure): string {
  return m.value === null || m.id === 12 ? "" : `${m.numerator} of ${m.denominator}`;
}

/** "pass", "fail" or "not computed". */
export function verdict(m: Measure): "pass" | "fail" | "none" {
  return m.pass === null ? "none" : m.pass ? "pass" : "fail";
}

/** The failing metrics, as page 1 of the brief and the status bar's title name them. */
export function failing(r: HealthReport): Measure[] {
  return [...r.metrics, ...r.checks].filter((m) => m.pass === false);
}

/** The initiatives a measure's items stand for, each once, in the order found. */
export function initiativesOf(m: Measure, plan: Plan): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const add = (id: string) => {
    if (!seen.has(id)) {
      seen.add(id);
      out.push(id);
    }
  };
  for (const it of m.items) {
    switch (it.kind) {
      case "initiative":
        add(it.id);
        break;
      case "handoff": {
        const h = plan.handoffs.find((x) => x.id === it.id);
        if (h) {
          add(h.from);
          add(h.to);
        }
        break;
      }
      case "team":
        for (const i of plan.initiatives) if (i.team === it.id) add(i.id);
        break;
      case "risk":
        for (const id of plan.risks.find((r) => r.id === it.id)?.initiatives ?? []) add(id);
        break;
      case "priority":
        for (const i of plan.initiatives) if ((i.serves ?? []).includes(it.id)) add(i.id);
        break;
    }
  }
  return out;
}
