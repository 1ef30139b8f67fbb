// The view the window holds, kept up to date by the deltas the core answers edits with.
// After an edit the core sends only what changed (per list, the positions whose items
// changed and the new length; the small parts whole), because the whole view of a large
// plan is megabytes. `mergeView` is the inverse of the core's `api::diff`: the core's tests
// hold its Rust twin (`ViewDelta::apply_to`) to a view computed afresh, and
// ui/test/view.test.mjs holds this one to the same rules. No rule of the plan lives here.
import type { Fold, GroupCard, KeyedDelta, ListDelta, PlanView, Schedule, ScheduledInitiative, ViewDelta } from "./bindings";

/** A list with a delta applied: items at the delta's positions replaced, cut or grown to its length. */
export function mergeList<T>(old: readonly T[], d: ListDelta<T> | undefined | null): T[] {
  if (!d) return old as T[];
  const out = old.slice(0, d.len);
  out.length = d.len;
  for (const [k, item] of d.set) out[k] = item;
  return out;
}

/** Rows by id with a delta applied: changed rows replaced, in the delta's order if it has one. */
export function mergeKeyed<T extends { id: string }>(old: readonly T[], d: KeyedDelta<T> | undefined | null): T[] {
  if (!d) return old as T[];
  const byId = new Map(old.map((r) => [r.id, r]));
  for (const r of d.set) byId.set(r.id, r);
  const ids = d.order ?? old.map((r) => r.id);
  const out: T[] = [];
  for (const id of ids) {
    const r = byId.get(id);
    if (r) out.push(r);
  }
  return out;
}

/** The view `d` gives from `held`, which must be the view it was computed on (`d.base`). */
export function mergeView(held: PlanView, d: ViewDelta): PlanView {
  if (d.base !== held.revision) throw new Error(`the update is for view ${d.base}, the window holds ${held.revision}`);
  const old = held.plan;
  const plan = {
    ...(d.plan ?? old),
    teams: mergeList(old.teams, d.teams),
    waves: mergeList(old.waves, d.waves),
    sites: mergeList(old.sites, d.sites),
    initiatives: mergeList(old.initiatives, d.initiatives),
    handoffs: mergeList(old.handoffs, d.handoffs),
    risks: mergeList(old.risks, d.risks),
  };
  let schedule = held.schedule;
  let scheduleError = held.schedule_error;
  if (d.schedule) {
    const s = d.schedule;
    scheduleError = s.error;
    schedule = s.now
      ? ({
          ...s.now,
          critical_path: mergeList(held.schedule?.critical_path ?? [], s.critical_path),
          initiatives: mergeKeyed<ScheduledInitiative>(held.schedule?.initiatives ?? [], s.initiatives),
          handoffs: mergeList(held.schedule?.handoffs ?? [], s.handoffs),
        } satisfies Schedule)
      : null;
  }
  const layout = d.layout
    ? {
        arrangement: d.arrangement,
        crossings: d.layout.crossings,
        cards: mergeList(held.layout.cards, d.layout.cards),
        handoffs: mergeList(held.layout.handoffs, d.layout.handoffs),
        ...withFold(d.layout.fold ?? held.layout.fold, d.layout.groups ?? held.layout.groups),
      }
    : { ...held.layout, arrangement: d.arrangement };
  return {
    revision: d.revision,
    path: d.path ?? held.path,
    title: d.title ?? held.title,
    plan,
    schedule,
    schedule_error: scheduleError,
    critical_handoffs: d.critical_handoffs ?? held.critical_handoffs,
    report: { errors: mergeList(held.report.errors, d.errors), findings: mergeList(held.report.findings, d.findings) },
    layout,
    lanes: d.lanes ?? held.lanes,
    groups: d.groups ?? held.groups,
    group_links: d.group_links ?? held.group_links,
    risk_scores: d.risk_scores ?? held.risk_scores,
    heat: d.heat ?? held.heat,
    undo: d.undo,
    redo: d.redo,
    // a view of only what the folded map draws says so, with the whole plan's counts
    ...(d.partial ? { partial: d.partial } : {}),
  };
}

/** A layout's fold and group cards as the core writes them: absent when nothing is collapsed. */
function withFold(fold: Fold | undefined, groups: GroupCard[] | undefined): { fold?: Fold; groups?: GroupCard[] } {
  const out: { fold?: Fold; groups?: GroupCard[] } = {};
  if (fold && (fold.waves.length > 0 || fold.sites.length > 0)) out.fold = fold;
  if (groups && groups.length > 0) out.groups = groups;
  return out;
}
