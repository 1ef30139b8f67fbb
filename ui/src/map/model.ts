// What the map draws, gathered once per view the core returns: each card's text and flags,
// each handoff's style and label, in flat arrays the renderer walks without lookups.
// Nothing is computed here: dates, criticality, findings and risk bands are the core's;
// this module only looks them up by id and picks a drawing style.
import type { Band, Card, GroupSummary, Handoff, Initiative, Lane, LinkSummary, PlanView, Route, Status } from "../bindings";
import { plural } from "../dom.js";
import { MapIndex } from "./hittest.js";
import { bounds, type Rect } from "./viewport.js";
import { signedDays } from "../words.js";

export interface CardInfo {
  readonly id: string;
  readonly name: string;
  /** "owner · team" */
  readonly who: string;
  /** "start → finish", or why there are no dates. */
  readonly dates: string;
  readonly status: Status;
  readonly critical: boolean;
  /** Where the work stands in time, as the core scheduled it with a status date: "done"
   *  (an actual finish), "started" (an actual start, no finish), else null. */
  readonly progress: "done" | "started" | null;
  readonly missed: boolean;
  /** Working days its finish moved since the baseline of record (the core's variance, + later);
   *  0 without a baseline or a move. */
  readonly slip: number;
  /** The badge of a move: "+4 days", "−2 days"; empty when it did not move. */
  readonly slipText: string;
  /** The highest band among the risks linked to it (the core's band), null if none. */
  readonly risk: Band | null;
  readonly risks: number;
  /** A card that stands for a collapsed wave or site: the core's summary of it, and the
   *  line of its sites unlike their wave ("2 sites unlike their wave"; empty when none). */
  readonly group: { readonly summary: GroupSummary; readonly flags: string } | null;
  /** Texts fitted to the card, measured once at the font they are drawn with: the name's
   *  lines (as many as the card's height holds, which the core gave the name; one more in the
   *  owner's place when the font here is wider, then `who` is empty), who, dates. */
  fitted?: { name: string[]; who: string; dates: string };
}

/** Drawing styles of a handoff, in the order they are drawn (the loudest on top). */
export const PLAIN = 0;
export const SEAM = 1;
export const CRITICAL = 2;
export const BAD_SEAM = 3;
export const STYLES = 4;

export interface LinkInfo {
  readonly id: string;
  readonly from: string;
  readonly to: string;
  readonly style: number;
  /** "SS +2d", "FF", "FS −1d"; empty for the usual finish-to-start without lag. */
  readonly label: string;
  readonly handoff: Handoff;
  /** The core's findings about it (unowned, unconfirmed, no assumption). */
  readonly problems: readonly string[];
  /** A line to or from a group card: the core's summary of the handoffs it stands for. */
  readonly group: LinkSummary | null;
}

export interface LaneInfo extends Lane {
  readonly name: string;
}

/** The parts of a view a model was built from: a part the next view shares (the same array,
 *  as a merged delta keeps every list it did not change) is not gathered again. */
interface Sources {
  readonly view: PlanView;
  readonly byId: ReadonlyMap<string, Initiative>;
  readonly handoffById: ReadonlyMap<string, Handoff>;
  readonly findings: ReadonlyMap<string, string[]>;
  readonly risksOf: ReadonlyMap<string, Band[]>;
}

export class MapModel {
  readonly cards: readonly Card[];
  readonly info: readonly CardInfo[];
  readonly links: readonly Route[];
  readonly linkInfo: readonly LinkInfo[];
  readonly lanes: readonly LaneInfo[];
  readonly index: MapIndex;
  readonly bounds: Rect | null;
  readonly initiatives: ReadonlyMap<string, Initiative>;
  readonly handoffs: ReadonlyMap<string, Handoff>;
  /** The group cards' summaries by card id, and the card that holds each initiative drawn
   *  inside one (the core's `layout.groups`). */
  readonly groups: ReadonlyMap<string, GroupSummary>;
  readonly holder: ReadonlyMap<string, string>;
  private readonly sources: Sources;

  /** The model of `view`. With `previous` (the model of the view before an edit), what the
   *  two views share is taken from it rather than gathered again: after a duration edit on a
   *  5,000-card plan only the cards' texts are rebuilt, not the hit-testing grid. */
  constructor(view: PlanView, previous: MapModel | null = null) {
    const plan = view.plan;
    const before = previous?.sources;
    const old = before?.view;
    const teams = new Map(plan.teams.map((t) => [t.id, t.name]));
    this.initiatives = before && old?.plan.initiatives === plan.initiatives ? before.byId : new Map(plan.initiatives.map((i) => [i.id, i]));
    this.handoffs = before && old?.plan.handoffs === plan.handoffs ? before.handoffById : new Map(plan.handoffs.map((h) => [h.id, h]));
    const scheduled = new Map((view.schedule?.initiatives ?? []).map((s) => [s.id, s]));
    const findings = before && old?.report.findings === view.report.findings ? before.findings : findingsBySubject(view);
    const risksOf = before && old?.plan.risks === plan.risks && old.risk_scores === view.risk_scores && old.heat === view.heat ? before.risksOf : bandsByInitiative(view);
    this.sources = { view, byId: this.initiatives, handoffById: this.handoffs, findings, risksOf };
    const RANK: Record<Band, number> = { low: 0, medium: 1, high: 2 };

    this.cards = view.layout.cards;
    const sameGroups = previous !== null && old !== undefined && old.layout.groups === view.layout.groups && old.groups === view.groups;
    this.groups = sameGroups ? previous.groups : new Map((view.groups ?? []).map((g) => [g.id, g]));
    this.holder = previous !== null && old !== undefined && old.layout.groups === view.layout.groups ? previous.holder : holders(view);
    const fittedBefore = previous && previous.cards === this.cards ? previous.info : null;
    this.info = this.cards.map((c, k) => {
      const g = this.groups.get(c.id);
      const i = g ? undefined : this.initiatives.get(c.id);
      const s = scheduled.get(c.id);
      const team = i?.team ? (teams.get(i.team) ?? i.team) : "no team";
      const bands = risksOf.get(c.id) ?? [];
      let risk: Band | null = null;
      for (const b of bands) if (risk === null || RANK[b] > RANK[risk]) risk = b;
      const codes = findings.get(c.id) ?? [];
      const info: CardInfo = g
        ? groupInfo(c, g)
        : {
        id: c.id,
        name: i?.name ?? c.id,
        who: `${i?.owner || "no owner"} · ${team}`,
        dates: s ? (s.start_date === s.finish_date ? `${s.start_date} ◆` : `${s.start_date} → ${s.finish_date}`) : "not scheduled",
        status: i?.status ?? "not_started",
        critical: s?.critical ?? false,
        progress: s?.actual_finish ? "done" : s?.actual_start ? "started" : null,
        missed: codes.includes("missed-deadline"),
        slip: s?.finish_variance ?? 0,
        slipText: s?.finish_variance ? signedDays(s.finish_variance) : "",
        risk,
        risks: bands.length,
        group: null,
      };
      // the texts fitted to the card are measured once; keep them while they still fit
      const was = fittedBefore?.[k];
      if (was?.fitted && was.id === info.id && was.name === info.name && was.who === info.who && was.dates === info.dates && was.risks === info.risks && was.progress === info.progress) info.fitted = was.fitted;
      return info;
    });
    this.links = view.layout.handoffs;
    const sameLinks =
      previous !== null &&
      old !== undefined &&
      previous.links === this.links &&
      old.plan.handoffs === plan.handoffs &&
      old.report.findings === view.report.findings &&
      old.critical_handoffs === view.critical_handoffs &&
      old.group_links === view.group_links;
    this.linkInfo = sameLinks ? previous.linkInfo : linkInfos(this.links, this.handoffs, findings, new Set(view.critical_handoffs), view.group_links ?? []);
    this.lanes = view.lanes.map((l) => ({ ...l, name: l.team === null ? "No team" : (teams.get(l.team) ?? l.team) }));
    const sameDrawing = previous !== null && previous.cards === this.cards && previous.links === this.links;
    this.index = sameDrawing ? previous.index : new MapIndex(this.cards, this.links);
    this.bounds = sameDrawing ? previous.bounds : bounds(this.cards);
  }

  /** The card that shows initiative `id`: its own, else the group card that holds it; -1 if
   *  none does. */
  cardFor(id: string): number {
    const i = this.index.cardIndex(id);
    if (i >= 0) return i;
    const g = this.holder.get(id);
    return g === undefined ? -1 : this.index.cardIndex(g);
  }
}

/** The card that holds each initiative drawn inside a group card, by the core's layout. */
function holders(view: PlanView): Map<string, string> {
  const out = new Map<string, string>();
  for (const g of view.layout.groups ?? []) for (const m of g.members) out.set(m, g.id);
  return out;
}

/** What a group card says: the core's figures, in words. */
function groupInfo(c: Card, g: GroupSummary): CardInfo {
  const counts = g.kind === "wave" && g.sites > 0 ? `${plural(g.sites, ["site", "sites"])} · ${plural(g.initiatives, ["initiative", "initiatives"])}` : plural(g.initiatives, ["initiative", "initiatives"]);
  const flags = g.flagged_sites > 0 ? (g.kind === "site" ? `⚑ unlike its wave` : `⚑ ${plural(g.flagged_sites, ["site", "sites"])} unlike their wave`) : "";
  return {
    id: c.id,
    name: g.name,
    who: counts,
    dates: g.finish ? (g.start && g.start !== g.finish ? `${g.start} → ${g.finish}` : `finishes ${g.finish}`) : "not scheduled",
    status: g.status,
    critical: g.critical,
    progress: null,
    missed: false,
    slip: 0,
    slipText: "",
    risk: null,
    risks: 0,
    group: { summary: g, flags },
  };
}

/** The codes of the core's findings, by the id they are about. */
function findingsBySubject(view: PlanView): Map<string, string[]> {
  const findings = new Map<string, string[]>();
  for (const f of view.report.findings) {
    let list = findings.get(f.subject);
    if (!list) findings.set(f.subject, (list = []));
    list.push(f.code);
  }
  return findings;
}

/** The core's bands of the open risks that hit each initiative. */
function bandsByInitiative(view: PlanView): Map<string, Band[]> {
  const bandOf = new Map(view.risk_scores.map((r) => [r.id, r.band]));
  const openRisks = new Set(view.heat.flatMap((c) => c.risks)); // closed risks are not on the heat map
  const risksOf = new Map<string, Band[]>();
  for (const r of view.plan.risks) {
    if (!openRisks.has(r.id)) continue;
    const band = bandOf.get(r.id);
    if (!band) continue;
    for (const i of r.initiatives) {
      let list = risksOf.get(i);
      if (!list) risksOf.set(i, (list = []));
      list.push(band);
    }
  }
  return risksOf;
}

function linkInfos(links: readonly Route[], handoffs: ReadonlyMap<string, Handoff>, findings: ReadonlyMap<string, string[]>, critical: ReadonlySet<string>, groupLinks: readonly LinkSummary[]): LinkInfo[] {
  const summaries = new Map(groupLinks.map((g) => [g.id, g]));
  return links.map((r) => {
    const g = summaries.get(r.id);
    if (g) {
      // a line of several handoffs, styled by the core's summary of them
      const style = r.seam && g.open > 0 ? BAD_SEAM : g.critical ? CRITICAL : r.seam ? SEAM : PLAIN;
      return { id: r.id, from: g.from, to: g.to, style, label: `×${g.count}`, handoff: { id: r.id, from: g.from, to: g.to, kind: "FS", lag: 0, owner: "", assumption: "", confirmed: false }, problems: [], group: g };
    }
    const h = handoffs.get(r.id);
    const problems = findings.get(r.id) ?? [];
    const unsafe = problems.includes("unowned-handoff") || problems.includes("unconfirmed-handoff");
    const onPath = critical.has(r.id); // the core's critical handoffs
    const style = r.seam && unsafe ? BAD_SEAM : onPath ? CRITICAL : r.seam ? SEAM : PLAIN;
    return {
      id: r.id,
      from: h?.from ?? "",
      to: h?.to ?? "",
      style,
      label: h ? linkLabel(h) : "",
      handoff: h ?? { id: r.id, from: "", to: "", kind: "FS", lag: 0, owner: "", assumption: "", confirmed: false },
      problems,
      group: null,
    };
  });
}

/** The kind and lag as MS Project writes them, omitted for the plain FS without lag. */
export function linkLabel(h: Pick<Handoff, "kind" | "lag">): string {
  if (h.kind === "FS" && h.lag === 0) return "";
  const lag = h.lag === 0 ? "" : ` ${h.lag > 0 ? "+" : "\u2212"}${Math.abs(h.lag)}d`;
  return `${h.kind}${lag}`;
}
