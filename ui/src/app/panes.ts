// The tabs beside the map: the schedule table (the map's selection), the risk register with
// its heat map, the Plan tab, and the Analysis and Capacity panels (panels/), each built
// from the view last received and rebuilt only when stale. This room places them and
// hands their requests on: the edits go to the host, the map's side to the context. It
// shows which pane is in sight; which tab is chosen is main.ts's.
import * as backend from "../backend";
import { h } from "../dom";
import * as S from "../map/selection";
import { AnalysisPanel } from "../panels/analysis";
import { CapacityPanel } from "../panels/capacity";
import { HealthPanel } from "../panels/health";
import { PrioritiesPanel } from "../panels/priorities";
import { SitesPanel } from "../panels/sites";
import { planView } from "../panels/plan";
import { type Cell, fitTextAreas, initiativesOf, riskView } from "../panels/risks";
import { risksInCell, type SortState } from "../panels/sorting";
import { markRows, scheduleTable } from "../panels/table";
import { UpdatePanel } from "../panels/update";
import type { HealthReport } from "../bindings";
import type { Ctx, Tab } from "./context";
import { type Edits, patch } from "./edits";

export interface PanesHost {
  readonly edits: Pick<Edits, "addRisk" | "addPlanEntity" | "removeEntity">;
  /** The map, fitted to these initiatives, the leftmost readable when they are many. */
  showReadable(ids: readonly string[]): void;
  /** The Health tab read the grade (the status bar shows it). */
  graded(r: HealthReport | null): void;
}

export class Panes {
  readonly table = h("div", { class: "table-pane", "data-testid": "schedule-view" });
  readonly risks = h("div", { class: "table-pane hidden", "data-testid": "risks-pane", id: "risks-pane" });
  readonly plan = h("div", { class: "table-pane hidden", "data-testid": "plan-pane", id: "plan-pane" });
  /** The Analysis tab, and the map's criticality colouring and risk exposure from it. */
  readonly analysis: AnalysisPanel;
  /** The Capacity tab: load per team and week, the Timeline, the Level button. */
  readonly capacity: CapacityPanel;
  /** The Update tab: the work due for an update around the status date. */
  readonly update: UpdatePanel;
  /** The Sites tab: each site against its wave, and the waves' timeline. */
  readonly sites: SitesPanel;
  /** The Priorities tab: the priorities by rank, re-ranked by drag or keys, and What to stop. */
  readonly priorities: PrioritiesPanel;
  /** The Health tab: the DCMA 14 points and the ownership checks against their thresholds. */
  readonly health: HealthPanel;
  /** The register's sort. */
  private riskSort: SortState | null = { key: "score", dir: "desc" };
  private tableStale = true;
  private paneStale = true;

  /** `root`: the window, whose `.body` widens on the tabs that need the width. */
  constructor(
    private readonly ctx: Ctx,
    private readonly root: HTMLElement,
    private readonly host: PanesHost,
  ) {
    const st = ctx.state;
    this.analysis = new AnalysisPanel(h("div", { class: "table-pane hidden", "data-testid": "analysis-pane", id: "analysis-pane" }), {
      queue: (fn) => ctx.run(fn),
      view: () => st.view,
      note: (msg) => ctx.note(msg),
      showError: (e, lead) => ctx.showError(e, lead),
      repaint: () => {
        ctx.repaint();
        ctx.redraw();
      },
      showOnMap: (ids) => {
        st.overlay.highlight = null;
        host.showReadable(ids);
      },
      colourByCriticality: () => {
        st.colourBy = "criticality";
        st.keyOpen = true;
        ctx.setTab("map");
        ctx.repaint();
      },
    });
    this.capacity = new CapacityPanel(h("div", { class: "table-pane hidden", "data-testid": "capacity-pane", id: "capacity-pane" }), {
      queue: (fn) => ctx.run(fn),
      commit: (fn, then) => ctx.viewCall(fn, then),
      arrangement: () => st.arrangement,
      note: (msg) => ctx.note(msg),
      showError: (e, lead) => ctx.showError(e, lead),
      showOnMap: (ids) => {
        ctx.select(S.band(S.EMPTY, [...ids], false));
        ctx.showCards(ids);
      },
    });
    this.update = new UpdatePanel(h("div", { class: "table-pane hidden", "data-testid": "update-pane", id: "update-pane" }), {
      queue: (fn) => ctx.run(fn),
      apply: (edits, then) => ctx.apply(edits, then),
      view: () => st.view,
      note: (msg) => ctx.note(msg),
      showError: (e, lead) => ctx.showError(e, lead),
      showOnMap: (ids, handoffs = []) => {
        // a cause's path: the cards its driving handoffs join, with the moved one
        const path = new Set(ids);
        for (const x of st.view?.plan.handoffs ?? []) if (handoffs.includes(x.id)) path.add(x.from).add(x.to);
        ids = [...path];
        ctx.select(S.band(S.EMPTY, ids, false));
        ctx.setTab("map");
        if (ids.length === 1 && handoffs.length === 0) ctx.centreOnCard(ids[0]!);
        else host.showReadable(ids);
      },
      openPlanTab: () => ctx.setTab("plan"),
      reload: () => ctx.viewCall(() => backend.view(st.arrangement)),
    });
    this.sites = new SitesPanel(h("div", { class: "table-pane hidden", "data-testid": "sites-pane", id: "sites-pane" }), {
      queue: (fn) => ctx.run(fn),
      showError: (e, lead) => ctx.showError(e, lead),
      plan: () => st.view?.plan ?? null,
      apply: (edits) => ctx.apply(edits),
      showSite: (site) => {
        const ids = (st.view?.plan.initiatives ?? []).filter((i) => i.site === site).map((i) => i.id);
        ctx.select(S.band(S.EMPTY, ids, false));
        ctx.setTab("map");
        host.showReadable(ids);
      },
    });
    this.priorities = new PrioritiesPanel(h("div", { class: "table-pane hidden", "data-testid": "priorities-pane", id: "priorities-pane" }), {
      queue: (fn) => ctx.run(fn),
      viewCall: (fn) => ctx.viewCall(fn),
      view: () => st.view,
      arrangement: () => st.arrangement,
      showError: (e, lead) => ctx.showError(e, lead),
      note: (msg) => ctx.note(msg),
      showOnMap: (ids) => {
        ctx.select(S.band(S.EMPTY, ids, false));
        ctx.setTab("map");
        host.showReadable(ids);
      },
    });
    this.health = new HealthPanel(h("div", { class: "table-pane hidden", "data-testid": "health-pane", id: "health-pane" }), {
      queue: (fn) => ctx.run(fn),
      plan: () => st.view?.plan ?? null,
      showError: (e, lead) => ctx.showError(e, lead),
      showOnMap: (ids) => {
        ctx.select(S.band(S.EMPTY, ids, false));
        ctx.setTab("map");
        host.showReadable(ids);
      },
      showInSchedule: (ids) => {
        ctx.select(S.band(S.EMPTY, ids, false));
        ctx.setTab("schedule");
        markRows(this.table, st.overlay.selection.cards, true);
      },
      graded: (r) => host.graded(r),
    });
    this.table.classList.add("hidden");
  }

  /** The panes, in the order they sit in the work area (after the map). */
  get elements(): HTMLElement[] {
    return [this.table, this.risks, this.plan, this.analysis.pane, this.capacity.pane, this.update.pane, this.sites.pane, this.priorities.pane, this.health.pane];
  }

  /** Tab `t` is chosen (the map's pane is shown or hidden by the caller first). */
  setTab(t: Tab): void {
    this.table.classList.toggle("hidden", t !== "schedule");
    this.risks.classList.toggle("hidden", t !== "risks");
    this.plan.classList.toggle("hidden", t !== "plan");
    this.analysis.pane.classList.toggle("hidden", t !== "analysis");
    this.capacity.pane.classList.toggle("hidden", t !== "capacity");
    this.update.pane.classList.toggle("hidden", t !== "update");
    this.sites.pane.classList.toggle("hidden", t !== "sites");
    this.priorities.pane.classList.toggle("hidden", t !== "priorities");
    this.health.pane.classList.toggle("hidden", t !== "health");
    // the register and the plan's tables need the width; the side panel is the map's
    this.root.querySelector(".body")?.classList.toggle("wide", t === "risks" || t === "plan" || t === "analysis" || t === "capacity" || t === "update" || t === "sites" || t === "priorities" || t === "health");
    this.analysis.setShown(t === "analysis");
    this.capacity.setShown(t === "capacity");
    this.update.setShown(t === "update");
    this.sites.setShown(t === "sites");
    this.priorities.setShown(t === "priorities");
    this.health.setShown(t === "health");
    if (t === "schedule") this.renderTable();
    this.refresh();
  }

  /** A new view: the table is stale (rebuilt now if it shows), a picked cell marks anew. */
  planChanged(): void {
    const st = this.ctx.state;
    const v = st.view;
    this.tableStale = true;
    if (st.tab === "schedule") this.renderTable();
    if (v && st.riskCell) st.overlay.highlight = initiativesOf(v, risksInCell(v.heat, st.riskCell.probability, st.riskCell.impact));
  }

  /** The register or the Plan tab rebuilt from the view; after another program's change,
   *  not while the user is typing in it. */
  planShown(why: "edit" | "outside"): void {
    this.paneStale = true;
    const typing = this.risks.contains(document.activeElement) || this.plan.contains(document.activeElement);
    if (!(why === "outside" && typing)) this.renderPane();
  }

  /** The register or the Plan tab rebuilt (a refused edit: back to the saved values). */
  refresh(): void {
    this.paneStale = true;
    this.renderPane();
  }

  /** The selection changed: the table's rows marked (not scrolled to). */
  markSelection(): void {
    markRows(this.table, this.ctx.state.overlay.selection.cards, false);
  }

  /** Another plan is open. */
  forget(): void {
    this.analysis.forget();
    this.capacity.forget();
    this.update.forget();
    this.sites.forget();
    this.priorities.forget();
    this.health.forget();
  }

  private renderTable(): void {
    const st = this.ctx.state;
    if (!st.view) return;
    if (this.tableStale) {
      this.table.replaceChildren(
        scheduleTable(
          {
            pick: (id, additive) => {
              this.ctx.select(S.pressCard(st.overlay.selection, id, additive));
              this.ctx.centreOnCard(id);
            },
            open: (id) => {
              this.ctx.select(S.only(id));
              this.ctx.setTab("map");
              this.ctx.centreOnCard(id);
            },
          },
          st.view,
        ),
      );
      this.tableStale = false;
    }
    markRows(this.table, st.overlay.selection.cards, true);
  }

  /** The register or the plan tab, from the view (kept: the focused field and the scroll). */
  private renderPane(): void {
    const st = this.ctx.state;
    const v = st.view;
    if (!v || !this.paneStale || (st.tab !== "risks" && st.tab !== "plan")) return;
    const pane = st.tab === "risks" ? this.risks : this.plan;
    const focused = pane.contains(document.activeElement) ? document.activeElement?.id : undefined;
    const scrolls = [...pane.querySelectorAll<HTMLElement>(".scroll, .plan-view")].map((e) => e.scrollTop);
    const edits = this.host.edits;
    if (st.tab === "risks") {
      pane.replaceChildren(
        riskView(
          {
            patch: (id, fields) => void this.ctx.apply([patch("risk", id, fields)]),
            add: () => void edits.addRisk(),
            remove: (r) => void edits.removeEntity("risk", r.id, `the risk “${r.title}”`),
            pickCell: (c) => this.pickCell(c),
            showOnMap: () => this.ctx.showCards([...(st.overlay.highlight ?? [])]),
            setSort: (s) => {
              this.riskSort = s;
              this.refresh();
            },
            note: (msg) => this.ctx.note(msg),
            exposure: (r) => void this.analysis.showExposure(r.id),
          },
          v,
          this.riskSort,
          st.riskCell,
        ),
      );
    } else {
      pane.replaceChildren(
        planView(
          {
            apply: (list) => void this.ctx.apply(list),
            patch: (kind, id, fields) => void this.ctx.apply([patch(kind, id, fields)]),
            add: (kind) => void edits.addPlanEntity(kind),
            remove: (kind, id, name) => void edits.removeEntity(kind, id, `the ${kind} “${name}”`),
          },
          v,
        ),
      );
    }
    this.paneStale = false;
    if (st.tab === "risks") fitTextAreas(pane);
    pane.querySelectorAll<HTMLElement>(".scroll, .plan-view").forEach((e, n) => {
      if (scrolls[n] !== undefined) e.scrollTop = scrolls[n]!;
    });
    if (focused) document.getElementById(focused)?.focus();
  }

  /** A heat-map cell: the register shows its risks, the map marks and selects their initiatives. */
  pickCell(c: Cell | null): void {
    const st = this.ctx.state;
    const v = st.view;
    if (!v) return;
    st.riskCell = c;
    const ids = c ? initiativesOf(v, risksInCell(v.heat, c.probability, c.impact)) : null;
    st.overlay.highlight = ids;
    if (ids && ids.size > 0) this.ctx.select(S.band(S.EMPTY, [...ids], false));
    this.ctx.repaint();
    this.refresh();
    this.ctx.redraw();
  }
}
