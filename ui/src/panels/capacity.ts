// The Capacity tab (issue 15): the team x week grid of load against capacity (over-allocated
// weeks highlighted; a cell lists the initiatives loading it and can select them on the map),
// the Timeline (a Gantt: bars in work order or by team, the handoffs as thin connectors, the
// critical path, and the levelled bars beside the current ones while a leveling is
// proposed), and the Level button (in the background with progress and Cancel; the proposal
// is accepted as one undoable edit or discarded). Every figure, band, flag and date is the
// core's (api::capacity); this module only places them.
import "./capacity.css";
import * as backend from "../backend";
import type { ApiError, Bar, CapacityView, LevelProgress, LoadCell, PlanView, TeamRow, Timeline, WeekColumn } from "../bindings";
import { button, h, plural, svg } from "../dom";
import { signedDays, TERM } from "../words";
import { help } from "./dialogs";
import { type LazyHost, LazyPanel } from "./lazy";

export interface CapacityHost extends LazyHost {
  /** An edit through the window's own path (it shows the view after it). */
  commit(fn: () => Promise<PlanView>, then: () => void): Promise<boolean>;
  arrangement(): "flow" | "seams";
  note(message: string): void;
  /** Select these initiatives and show them on the map. */
  showOnMap(ids: readonly string[]): void;
}

const s = svg;

const pd = (d: number) => `${d < 10 ? d.toFixed(1) : Math.round(d)} person-days`;
const pct = (r: number | null) => (r === null ? "no capacity" : `${Math.round(r * 100)}%`);

export class CapacityPanel extends LazyPanel<CapacityView> {
  progress: LevelProgress | null = null;
  private picked: { team: number; week: number } | null = null;
  private order: "work" | "team" = "work";

  constructor(
    pane: HTMLElement,
    readonly host: CapacityHost,
  ) {
    super(pane, host, "The capacity could not be read.");
  }

  protected load(): Promise<CapacityView> {
    return backend.capacity();
  }

  protected forgotten(): void {
    this.picked = null;
  }

  /** Levels the plan in the background; the window stays usable. */
  async level(): Promise<void> {
    if (this.progress) return;
    this.progress = { schedules: 0, elapsed_ms: 0, limit_ms: 1 };
    this.render();
    try {
      this.data = await backend.level((p) => {
        this.progress = p;
        this.renderProgress();
      });
      this.dirty = false;
      const p = this.data.proposal;
      if (p) this.host.note(p.unchanged ? "The plan fits its teams' capacity as it is" : `Leveling proposed: finish ${p.finish_before} → ${p.finish_after}, ${plural(p.moved.length, ["initiative moves", "initiatives move"])}`);
    } catch (e) {
      const err = e as ApiError;
      if (err.code === "cancelled") this.host.note("Leveling cancelled: nothing proposed");
      else this.host.showError(err, "Not levelled.");
    } finally {
      this.progress = null;
    }
    this.render();
  }

  async cancel(): Promise<void> {
    try {
      await backend.cancelLevel();
    } catch (e) {
      this.host.showError(e as ApiError, "Not cancelled.");
    }
  }

  async accept(): Promise<void> {
    const p = this.data?.proposal;
    await this.host.commit(
      () => backend.acceptLevel(this.host.arrangement()),
      () => this.host.note(p ? `Leveling saved: finish ${p.finish_after} (Undo takes it back)` : "Leveling saved"),
    );
  }

  async discard(): Promise<void> {
    try {
      await this.host.queue(() => backend.discardLevel());
      this.dirty = true;
      this.host.note("Leveling discarded: nothing changed");
      await this.refresh();
    } catch (e) {
      this.host.showError(e as ApiError, "Not discarded.");
    }
  }

  async clear(): Promise<void> {
    await this.host.commit(
      () => backend.clearLevel(this.host.arrangement()),
      () => this.host.note("Leveling cleared (Undo brings it back)"),
    );
  }

  // ---------------------------------------------------------------- drawing

  private renderProgress(): void {
    const p = this.progress;
    const bar = this.pane.querySelector<HTMLProgressElement>(".level-progress");
    const text = this.pane.querySelector(".level-text");
    if (!p || !bar || !text) return;
    bar.max = Math.max(1, p.limit_ms);
    bar.value = Math.min(p.elapsed_ms, p.limit_ms);
    text.textContent = `${p.schedules.toLocaleString("en")} schedules tried`;
  }

  render(): void {
    if (!this.isShown) return;
    const v = this.data;
    const root = h("div", { class: "capacity", "data-testid": "capacity" });
    root.append(this.head(v));
    if (!v) {
      this.pane.replaceChildren(root);
      return;
    }
    if (v.message) root.append(h("p", { class: "analysis-problem" }, v.message));
    const grid = v.teams.length === 0 ? h("p", { class: "muted" }, "This plan has no teams yet: add them on the Plan tab, with their people, and the effort of each initiative per team.") : this.gridCard(v);
    const timeline = v.timeline ? this.timelineCard(v.timeline, v.proposal !== null) : null;
    // a proposal is read against the Timeline: what moves, then the load it gives
    if (v.proposal) root.append(this.proposalCard(v), timeline ?? "", grid);
    else root.append(grid, timeline ?? "");
    const top = this.pane.firstElementChild?.scrollTop ?? 0;
    this.pane.replaceChildren(root);
    root.scrollTop = top;
    this.renderProgress();
  }

  private head(v: CapacityView | null): HTMLElement {
    const head = h("div", { class: "panel-head" }, h("h2", {}, "Capacity"));
    if (v && v.teams.length > 0) {
      head.append(
        v.over_weeks > 0
          ? h("span", { class: "c-chip over", "data-testid": "over-weeks" }, `${plural(v.over_weeks, ["team-week", "team-weeks"])} over capacity`)
          : h("span", { class: "c-chip fits", "data-testid": "over-weeks" }, "Every team within capacity"),
      );
      if (v.levelled) head.append(h("span", { class: "c-chip" }, "Levelled"));
    }
    const bar = h("div", { class: "run-bar push" });
    if (this.progress) {
      bar.append(h("progress", { class: "level-progress", max: "1", value: "0" }), h("span", { class: "level-text progress-text" }, "Levelling…"), button("level-cancel", "Cancel", "Stop levelling: nothing is proposed", () => void this.cancel()));
    } else {
      if (v?.levelled && !v.proposal) bar.append(button("level-clear", "Clear leveling", "Every leveling delay back to 0 (one undo step)", () => void this.clear()));
      bar.append(button("level-run", "Level", "Fit the plan to its teams' capacity: proposes a leveling delay per initiative, saves nothing until you accept", () => void this.level(), "btn primary"), help(TERM.leveling));
    }
    head.append(bar);
    return head;
  }

  private proposalCard(v: CapacityView): HTMLElement {
    const p = v.proposal;
    if (!p) return h("div");
    const card = h("div", { class: "card proposal", "data-testid": "level-proposal" });
    const moved = plural(p.moved.length, ["initiative moves", "initiatives move"]);
    card.append(
      h("div", { class: "card-head" }, h("h3", {}, p.unchanged ? "The plan fits as it is" : "Proposed leveling", " ", help(TERM.leveling)), h("span", { class: "push" }), button("level-discard", "Discard", "Forget this proposal: nothing changes", () => void this.discard()), p.unchanged ? null : button("level-accept", "Accept", "Save the leveling delays as one edit (Undo takes it back)", () => void this.accept(), "btn primary")),
      h(
        "dl",
        { class: "facts" },
        h("div", {}, h("dt", {}, "Finish"), h("dd", {}, `${p.finish_before} → ${p.finish_after}`), h("dd", { class: "sub" }, `${p.days_before} → ${p.days_after} working days`)),
        h("div", {}, h("dt", {}, "Moved"), h("dd", {}, moved)),
        h("div", {}, h("dt", {}, "Weeks over capacity"), h("dd", {}, `${p.over_before} → ${p.over_after}`)),
        h("div", {}, h("dt", {}, "Searched"), h("dd", {}, `${p.schedules.toLocaleString("en")} schedules`)),
      ),
    );
    for (const c of p.cannot_fit) card.append(h("p", { class: "stale" }, c));
    return card;
  }

  private gridCard(v: CapacityView): HTMLElement {
    const card = h("div", { class: "card" }, h("h3", {}, "Load against capacity, per team and week"), h("p", { class: "muted" }, "Person-days asked of each team per week against its people × utilization target. Click a week to see what loads it."));
    const table = h("table", { class: "load-grid", "data-testid": "load-grid" });
    const head = h("tr", {}, h("th", { class: "team" }, "Team"));
    for (const w of v.weeks) head.append(h("th", { class: "week", title: `Week of ${w.monday}` }, h("span", {}, w.label)));
    table.append(h("thead", {}, head));
    const body = h("tbody");
    v.teams.forEach((t, ti) => {
      const row = h("tr", {}, h("th", { class: "team", title: t.over_weeks > 0 ? `${plural(t.over_weeks, ["week", "weeks"])} over capacity` : "Within capacity" }, t.name, t.over_weeks > 0 ? h("span", { class: "over-count" }, String(t.over_weeks)) : null));
      t.cells.forEach((c, wi) => {
        const picked = this.picked?.team === ti && this.picked.week === wi;
        const week = v.weeks[wi];
        const cell = h("td", { class: `cell ${c.band}${picked ? " picked" : ""}`, title: week ? cellTitle(t, week, c) : undefined, "data-testid": `cell-${t.team}-${wi}`, tabindex: "0" }, c.load > 0 ? (c.ratio === null ? "∞" : String(Math.round(c.ratio * 100))) : "");
        const pick = () => {
          this.picked = picked ? null : { team: ti, week: wi };
          this.render();
        };
        cell.addEventListener("click", pick);
        cell.addEventListener("keydown", (e) => {
          if (e.key === "Enter" || e.key === " ") {
            e.preventDefault();
            pick();
          }
        });
        row.append(cell);
      });
      body.append(row);
    });
    table.append(body);
    card.append(h("div", { class: "grid-scroll" }, table), legend());
    const p = this.picked;
    const t = p ? v.teams[p.team] : undefined;
    const c = p && t ? t.cells[p.week] : undefined;
    const w = p ? v.weeks[p.week] : undefined;
    if (t && c && w) card.append(this.cellDetail(t, w, c));
    return card;
  }

  private cellDetail(t: TeamRow, w: WeekColumn, c: LoadCell): HTMLElement {
    const box = h("div", { class: `cell-detail ${c.over ? "over" : ""}`, "data-testid": "cell-detail" });
    box.append(
      h("div", { class: "card-head" }, h("strong", {}, `${t.name}, week of ${w.monday}`), h("span", { class: "muted" }, `${pd(c.load)} asked of ${pd(c.capacity)} (${pct(c.ratio)})`), h("span", { class: "push" }), c.initiatives.length > 0 ? button("cell-select", "Select on the map", "Select these initiatives and show them on the map", () => this.host.showOnMap(c.initiatives.map((i) => i.id))) : null),
    );
    if (c.initiatives.length === 0) box.append(h("p", { class: "muted" }, "Nothing asked of the team this week."));
    else {
      const list = h("ul", { class: "cell-list" });
      for (const i of c.initiatives) list.append(h("li", {}, h("span", { class: "crit-name" }, i.name), h("span", { class: "num" }, pd(i.person_days))));
      box.append(list);
    }
    return box;
  }

  private timelineCard(t: Timeline, proposed: boolean): HTMLElement {
    const card = h("div", { class: "card", "data-testid": "timeline" });
    const toggle = h(
      "div",
      { class: "seg", role: "group" },
      button("timeline-work", "Work order", "Bars in the order the work runs", () => {
        this.order = "work";
        this.render();
      }, `btn seg-btn${this.order === "work" ? " on" : ""}`),
      button("timeline-team", "By team", "Bars grouped by team", () => {
        this.order = "team";
        this.render();
      }, `btn seg-btn${this.order === "team" ? " on" : ""}`),
    );
    card.append(h("div", { class: "card-head" }, h("h3", {}, "Timeline"), h("span", { class: "push" }), toggle));
    const keys = h("div", { class: "t-legend" }, h("span", { class: "k current" }, "Scheduled"), h("span", { class: "k critical" }, "Critical path"), help(TERM.criticalPath));
    if (proposed) keys.append(h("span", { class: "k levelled" }, "Levelled (proposed)"));
    if (t.baseline !== null) keys.append(h("span", { class: "k baseline", "data-testid": "timeline-baseline-key", title: "The thin bar under each one: its dates in the baseline of record" }, `Baseline of record: ${t.baseline}`));
    keys.append(h("span", { class: "k link" }, "Handoff"));
    card.append(keys, h("div", { class: "timeline-scroll" }, gantt(t, this.order, (id) => this.host.showOnMap([id]))));
    return card;
  }
}

function cellTitle(t: TeamRow, w: WeekColumn, c: LoadCell): string {
  return `${t.name}, week of ${w.monday}: ${pd(c.load)} asked of ${pd(c.capacity)} (${pct(c.ratio)})${c.over ? " — over capacity" : ""}`;
}

function legend(): HTMLElement {
  return h(
    "div",
    { class: "g-legend" },
    h("span", { class: "k idle" }, "Nothing asked"),
    h("span", { class: "k light" }, "Up to 70%"),
    h("span", { class: "k busy" }, "70–100%"),
    h("span", { class: "k over" }, "Over capacity"),
    h("span", { class: "muted" }, "Numbers: % of capacity"),
  );
}

const ROW = 22;
const LABEL = 230;
const WIDTH = 1180;
const AXIS = 26;

/** The Gantt as SVG: rows in `order` (by team: a header row per team), a bar per initiative
 *  at its scheduled offsets, the levelled bar under it when one is proposed, milestones as
 *  diamonds, handoffs as thin elbow connectors from the end of one bar to the start of the
 *  next, critical ones in the critical colour. */
export function gantt(t: Timeline, order: "work" | "team", pick: (id: string) => void): SVGSVGElement {
  type Row = { kind: "bar"; bar: Bar } | { kind: "group"; name: string };
  const rows: Row[] = [];
  if (order === "team") {
    let last: string | null | undefined;
    for (const k of t.by_team) {
      const b = t.bars[k];
      if (!b) continue;
      if (b.team !== last) rows.push({ kind: "group", name: b.team_name });
      last = b.team;
      rows.push({ kind: "bar", bar: b });
    }
  } else for (const b of t.bars) rows.push({ kind: "bar", bar: b });
  const height = AXIS + rows.length * ROW + 8;
  const w = WIDTH - LABEL - 16;
  const x = (d: number) => LABEL + (d / Math.max(1, t.days)) * w;
  const svg = s("svg", { class: "chart gantt", viewBox: `0 0 ${WIDTH} ${height}`, width: WIDTH, height, role: "img", "aria-label": "Timeline of the initiatives" });
  const grid = s("g", { class: "grid" });
  for (const k of t.ticks) {
    grid.append(s("line", { x1: x(k.offset), x2: x(k.offset), y1: AXIS - 4, y2: height, class: "grid-line" }));
    grid.append(s("text", { x: x(k.offset) + 3, y: AXIS - 9, class: "tick-label" }, k.label));
  }
  svg.append(grid);
  const y: Map<string, number> = new Map();
  const bars = s("g", { class: "bars" });
  rows.forEach((r, k) => {
    const top = AXIS + k * ROW;
    if (r.kind === "group") {
      bars.append(s("rect", { x: 0, y: top, width: WIDTH, height: ROW, class: "group-band" }), s("text", { x: 6, y: top + 15, class: "group-label" }, r.name));
      return;
    }
    const b = r.bar;
    y.set(b.id, top + ROW / 2);
    const label = s("text", { x: order === "team" ? 16 : 6, y: top + 15, class: `row-label${b.critical ? " critical" : ""}` }, b.name.length > 30 ? `${b.name.slice(0, 29)}…` : b.name);
    const base = b.baseline;
    const moved = b.finish_variance ? ` (${signedDays(b.finish_variance)})` : "";
    const g = s("g", { class: "row" }, label, s("title", {}, `${b.name}: ${b.current.start_date} – ${b.current.finish_date}${b.critical ? " (critical)" : ""}${b.levelled ? `; levelled ${b.levelled.start_date} – ${b.levelled.finish_date}` : ""}${base ? `; baseline ${base.start_date} – ${base.finish_date}${moved}` : ""}. Click to show it on the map`));
    const cls = `bar${b.critical ? " critical" : ""}${b.levelled ? " moving" : ""}`;
    // a row holds the bar of now, the levelled one when proposed, then the thin baseline bar
    const [nowTop, nowHeight] = b.levelled ? (base ? [2, 7] : [3, 8]) : base ? [3, 11] : [5, 12];
    const [levTop, levHeight] = base ? [10, 6] : [12, 8];
    if (b.milestone) {
      const cx = x(b.current.start);
      const cy = top + (base ? ROW / 2 - 2 : ROW / 2);
      g.append(s("path", { d: `M${cx} ${cy - 6} L${cx + 6} ${cy} L${cx} ${cy + 6} L${cx - 6} ${cy} Z`, class: `milestone${b.critical ? " critical" : ""}` }));
    } else {
      g.append(s("rect", { x: x(b.current.start), y: top + nowTop, width: Math.max(2, x(b.current.finish) - x(b.current.start)), height: nowHeight, rx: 2, class: cls }));
    }
    if (b.levelled) {
      const l = b.levelled;
      if (b.milestone) {
        const cx = x(l.start);
        const cy = top + ROW / 2 + 4;
        g.append(s("path", { d: `M${cx} ${cy - 5} L${cx + 5} ${cy} L${cx} ${cy + 5} L${cx - 5} ${cy} Z`, class: "milestone levelled" }));
      } else g.append(s("rect", { x: x(l.start), y: top + levTop, width: Math.max(2, x(l.finish) - x(l.start)), height: levHeight, rx: 2, class: "bar levelled" }));
    }
    if (base) {
      // before the axis (the plan's start moved later since): drawn from the axis on
      const from = Math.max(LABEL, x(base.start));
      if (b.milestone) {
        const cx = from;
        const cy = top + ROW - 4;
        g.append(s("path", { d: `M${cx} ${cy - 3.5} L${cx + 3.5} ${cy} L${cx} ${cy + 3.5} L${cx - 3.5} ${cy} Z`, class: "milestone baseline", "data-testid": "timeline-baseline-bar", "data-id": b.id }));
      } else g.append(s("rect", { x: from, y: top + ROW - 5, width: Math.max(2, x(base.finish) - from), height: 3, rx: 1, class: "bar baseline", "data-testid": "timeline-baseline-bar", "data-id": b.id }));
    }
    g.addEventListener("click", () => pick(b.id));
    bars.append(g);
  });
  const links = s("g", { class: "links" });
  const byId = new Map(t.bars.map((b) => [b.id, b]));
  for (const c of t.connectors) {
    const from = byId.get(c.from);
    const to = byId.get(c.to);
    const y1 = y.get(c.from);
    const y2 = y.get(c.to);
    if (!from || !to || y1 === undefined || y2 === undefined) continue;
    const x1 = x(from.current.finish);
    const x2 = x(to.current.start);
    const mid = Math.max(x1 + 4, Math.min(x2 - 4, x1 + 8));
    links.append(s("path", { d: `M${x1.toFixed(1)} ${y1} H${mid.toFixed(1)} V${y2} H${x2.toFixed(1)}`, class: `link${c.critical ? " critical" : ""}` }, s("title", {}, `${from.name} → ${to.name} (${c.kind})`)));
  }
  svg.append(links, bars);
  return svg;
}
