// The editor window: the dependency map (Flow or Seams) with the inspector beside it, the
// schedule table as a second view with the same selection, a status bar. Display and editing
// only: every date, float, finding, score and position shown comes from the core, and every
// change goes to the core as an edit (backend.ts) that comes back as a new view.
import "./style.css";
import iconUrl from "../../icons/128x128.png";
import * as backend from "./backend";
import type { ApiError, Arrangement, Edit, EditSummary, Initiative, Placement, PlanView, Risk, Severity } from "./bindings";
import { button, h, plural } from "./dom";
import { nextNumbered, uniqueId } from "./ids";
import type { Filter } from "./map/attributes";
import { type Colouring, mapKey, paintFor } from "./map/mapkey";
import { AnalysisPanel } from "./panels/analysis";
import { CapacityPanel } from "./panels/capacity";
import { Interaction, isTyping } from "./map/interaction";
import { type LinkInfo, MapModel } from "./map/model";
import { Minimap, type Overlay, Renderer, STATUS_COLOUR, TEXT_SCALE } from "./map/render";
import * as S from "./map/selection";
import { bounds, centreOn, fit, type Viewport, zoomAt } from "./map/viewport";
import { askFields, askNewInitiative, confirmDelete, confirmRemove, confirmTeamChange } from "./panels/dialogs";
import { fileButton } from "./panels/files";
import { type PlanKind, planView } from "./panels/plan";
import { type Cell, fitTextAreas, initiativesOf, riskView } from "./panels/risks";
import type { SortState } from "./panels/sorting";
import { risksInCell } from "./panels/sorting";
import { type EntityKind, handoffInspector, initiativeInspector } from "./panels/inspector";
import { markRows, scheduleTable } from "./panels/table";

const POLL_MS = 500;
/** How many findings the side panel lists (the rest are counted). */
const FINDINGS_SHOWN = 200;
const SEVERITIES: readonly Severity[] = ["critical", "warning", "info"];
const SEVERITY_NOUN: Record<Severity, [string, string]> = {
  critical: ["critical", "critical"],
  warning: ["warning", "warnings"],
  info: ["info", "info"],
};
const STATUS_NAME: Record<string, string> = { not_started: "Not started", on_track: "On track", at_risk: "At risk", blocked: "Blocked", done: "Done" };

type Tab = "map" | "schedule" | "risks" | "plan" | "analysis" | "capacity";

class App {
  view: PlanView | null = null;
  model: MapModel | null = null;
  arrangement: Arrangement = "flow";
  tab: Tab = "map";
  readonly viewports: Record<Arrangement, Viewport & { fitted: boolean }> = {
    flow: { x: 0, y: 0, scale: 1, fitted: false },
    seams: { x: 0, y: 0, scale: 1, fitted: false },
  };
  readonly overlay: Overlay = {
    selection: S.EMPTY,
    hoverCard: -1,
    hoverLink: -1,
    moving: false,
    dx: 0,
    dy: 0,
    band: null,
    connectFrom: -1,
    connectX: 0,
    connectY: 0,
    connectTo: -1,
    flash: null,
    paint: null,
    highlight: null,
  };
  /** The map's colouring and filter (the key over the map). */
  colourBy: Colouring = "status";
  filter: Filter | null = null;
  keyOpen = false;
  /** The register's sort and heat-map cell filter. */
  private riskSort: SortState | null = { key: "score", dir: "desc" };
  private riskCell: Cell | null = null;
  private paneStale = true;
  private queue: Promise<unknown> = Promise.resolve();
  private pending = 0;
  private frame = 0;
  private tableStale = true;
  private message = "";
  private searchHits: string[] = [];
  private searchAt = -1;
  private searchFor = "";

  // DOM
  readonly root: HTMLElement;
  readonly header = h("header", { class: "bar" });
  readonly toolbar = h("div", { class: "toolbar", role: "toolbar" });
  readonly mapPane = h("div", { class: "map", "data-testid": "map" });
  readonly canvas = h("canvas", { class: "map-canvas", tabindex: "0", "data-testid": "map-canvas", "aria-label": "Dependency map" });
  readonly minimapCanvas = h("canvas", { class: "minimap", "data-testid": "minimap", title: "Click to move the view" });
  readonly tablePane = h("div", { class: "table-pane", "data-testid": "schedule-view" });
  readonly riskPane = h("div", { class: "table-pane hidden", "data-testid": "risks-pane", id: "risks-pane" });
  readonly planPane = h("div", { class: "table-pane hidden", "data-testid": "plan-pane", id: "plan-pane" });
  readonly analysisPane = h("div", { class: "table-pane hidden", "data-testid": "analysis-pane", id: "analysis-pane" });
  /** The Analysis tab, and the map's criticality colouring and risk exposure from it. */
  readonly analysis = new AnalysisPanel(this.analysisPane, {
    queue: (fn) => this.run(fn),
    view: () => this.view,
    note: (msg) => this.note(msg),
    showError: (e, lead) => this.showError(e, lead),
    repaint: () => {
      this.repaint();
      this.redraw();
    },
    showOnMap: (ids) => {
      this.overlay.highlight = null;
      this.showCards(ids);
      // too many to read at once: the leftmost of them, at a zoom where cards can be read
      const m = this.model;
      const first = m ? ids.map((id) => m.cards[m.index.cardIndex(id)]).reduce((a, c) => (c && (!a || c.x < a.x) ? c : a), undefined as (typeof m.cards)[number] | undefined) : undefined;
      if (first && this.viewport.scale < TEXT_SCALE) this.centreOnCard(first.id);
    },
    colourByCriticality: () => {
      this.colourBy = "criticality";
      this.keyOpen = true;
      this.setTab("map");
      this.repaint();
    },
  });
  readonly capacityPane = h("div", { class: "table-pane hidden", "data-testid": "capacity-pane", id: "capacity-pane" });
  /** The Capacity tab: load per team and week, the Timeline, the Level button. */
  readonly capacity = new CapacityPanel(this.capacityPane, {
    queue: (fn) => this.run(fn),
    commit: (fn, then) => this.viewCall(fn, then),
    arrangement: () => this.arrangement,
    note: (msg) => this.note(msg),
    showError: (e, lead) => this.showError(e, lead),
    showOnMap: (ids) => {
      this.select(S.band(S.EMPTY, [...ids], false));
      this.showCards(ids);
    },
  });
  readonly keyBox = h("div", { class: "map-key-box" });
  readonly side = h("aside", { class: "side", "data-testid": "side-panel" });
  readonly status = h("footer", { class: "status", "data-testid": "status-bar" });
  readonly banner = h("div", { class: "banner hidden", role: "alert", "data-testid": "error-banner", id: "edit-error" });
  readonly tooltip = h("div", { class: "tooltip hidden", "data-testid": "tooltip" });
  readonly empty = h("div", { class: "map-empty hidden" });
  readonly search = h("input", { type: "search", class: "search", placeholder: "Find initiative  (Ctrl+F)", "data-testid": "search", id: "search", "aria-label": "Find an initiative" });
  readonly renderer: Renderer;
  readonly minimap: Minimap;

  constructor(root: HTMLElement) {
    this.root = root;
    this.renderer = new Renderer(this.canvas);
    this.minimap = new Minimap(this.minimapCanvas);
    this.mapPane.append(this.canvas, this.minimapCanvas, this.keyBox, this.tooltip, this.empty);
    // the banner over whichever view is showing: a refused edit in a table shows there too
    const work = h("div", { class: "work" }, this.mapPane, this.tablePane, this.riskPane, this.planPane, this.analysisPane, this.capacityPane, this.banner);
    this.tablePane.classList.add("hidden");
    root.replaceChildren(this.header, this.toolbar, h("main", { class: "body" }, work, this.side), this.status);
    new Interaction(this.canvas, this);
    new ResizeObserver(() => this.redraw()).observe(this.mapPane);
    this.minimapCanvas.addEventListener("pointerdown", (e) => this.minimapPress(e));
    this.minimapCanvas.addEventListener("pointermove", (e) => {
      if (e.buttons & 1) this.minimapPress(e);
    });
    window.addEventListener("keydown", (e) => this.key(e));
    this.search.addEventListener("keydown", (e) => {
      if (e.key === "Enter") {
        e.preventDefault();
        this.find(this.search.value, e.shiftKey ? -1 : 1);
      } else if (e.key === "Escape") {
        this.search.value = "";
        this.search.blur();
        this.overlay.flash = null;
        this.redraw();
      }
    });
    this.banner.addEventListener("click", (e) => {
      if ((e.target as HTMLElement).closest("button")) this.banner.classList.add("hidden");
    });
  }

  get viewport(): Viewport {
    return this.viewports[this.arrangement];
  }

  // ------------------------------------------------------------ talking to the core

  /** One call to the core at a time, in order: an edit never races a refresh. */
  private run<T>(fn: () => Promise<T>): Promise<T> {
    this.pending++;
    const p = this.queue.then(fn);
    this.queue = p.catch(() => undefined).finally(() => this.pending--);
    return p;
  }

  async load(): Promise<void> {
    // the parts of the first paint, read by tests/e2e/perf.mjs: the first view asked for
    // (the core, the IPC, the JSON) and the window built from it
    const asked = performance.now();
    const v = await this.run(() => backend.view(this.arrangement));
    const received = performance.now();
    performance.measure("bridger:first-view", { start: asked, end: received });
    this.show(v);
    performance.measure("bridger:first-show", { start: received });
  }

  async refreshIfChanged(): Promise<void> {
    if (this.pending > 0) return;
    try {
      if (await this.run(() => backend.changed())) {
        this.show(await this.run(() => backend.view(this.arrangement)), "outside");
        this.note("The plan was changed by another program");
      }
    } catch {
      // the next poll tries again; a real problem shows on the next edit
    }
  }

  apply(edits: Edit[], then?: (v: PlanView) => void): Promise<boolean> {
    return this.viewCall(() => backend.apply(edits, this.arrangement), then);
  }

  async step(dir: "undo" | "redo"): Promise<void> {
    try {
      const s = await this.run(() => (dir === "undo" ? backend.undo(this.arrangement) : backend.redo(this.arrangement)));
      this.hideError();
      this.show(s.view);
      this.note(s.summary ? `${dir === "undo" ? "Undone" : "Redone"}: ${describe(s.summary)}` : `Nothing to ${dir}`);
    } catch (e) {
      this.showError(e as ApiError);
    }
  }

  async switchArrangement(a: Arrangement): Promise<void> {
    if (a === this.arrangement) return;
    this.arrangement = a;
    this.renderToolbar();
    try {
      this.show(await this.run(() => backend.view(a)));
    } catch (e) {
      this.showError(e as ApiError);
    }
  }

  // ------------------------------------------------------------ state -> screen

  show(v: PlanView, why: "edit" | "outside" = "edit"): void {
    this.view = v;
    const started = performance.now();
    this.model = new MapModel(v, this.model);
    performance.measure("bridger:show-model", { start: started });
    const m = this.model;
    const o = this.overlay;
    o.selection = S.retain(o.selection, (id) => m.initiatives.has(id), (id) => m.handoffs.has(id));
    o.hoverCard = -1;
    o.hoverLink = -1;
    document.title = v.plan.name ? `${v.plan.name} — Bridger` : "Bridger";
    const vp = this.viewports[this.arrangement];
    if (!vp.fitted && m.bounds) {
      this.renderer.resize();
      vp.fitted = this.renderer.cssWidth > 1 && this.firstView(vp);
    }
    this.empty.classList.toggle("hidden", m.cards.length > 0);
    this.empty.replaceChildren(
      h("p", {}, "This plan has no initiatives yet."),
      h("p", { class: "muted" }, "Double-click the canvas, press N, or use “New initiative”."),
    );
    this.renderHeader();
    this.renderToolbar();
    this.tableStale = true;
    if (this.tab === "schedule") this.renderTable();
    if (this.riskCell) o.highlight = initiativesOf(v, risksInCell(v.heat, this.riskCell.probability, this.riskCell.impact));
    this.repaint();
    this.paneStale = true;
    if (!(why === "outside" && (this.riskPane.contains(document.activeElement) || this.planPane.contains(document.activeElement)))) this.renderPane();
    // an outside change does not throw away what the user is typing in the inspector
    const side = performance.now();
    if (!(why === "outside" && this.side.contains(document.activeElement))) this.renderSide();
    this.analysis.planChanged(this.colourBy === "criticality");
    this.capacity.planChanged();
    performance.measure("bridger:show-side", { start: side });
    this.renderStatus();
    this.redraw();
  }

  select(sel: S.Selection): void {
    if (S.sameSelection(sel, this.overlay.selection)) return;
    this.overlay.selection = sel;
    this.renderSide();
    this.renderStatus();
    if (this.tab === "schedule") markRows(this.tablePane, sel.cards, false);
    this.redraw();
  }

  redraw(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      if (this.tab !== "map") return;
      this.renderer.resize();
      const vp = this.viewports[this.arrangement];
      if (!vp.fitted && this.model?.bounds && this.renderer.cssWidth > 1) vp.fitted = this.firstView(vp);
      this.renderer.draw(this.model, this.viewport, this.overlay);
      if (this.model && performance.getEntriesByName("bridger:map-drawn").length === 0) performance.mark("bridger:map-drawn"); // first paint of the map, read by tests/e2e/perf.mjs
      this.minimap.draw(this.model, this.viewport, this.renderer.cssWidth, this.renderer.cssHeight);
      this.renderZoom();
    });
  }

  private renderHeader(): void {
    const v = this.view;
    if (!v) return;
    const s = v.schedule;
    const fact = (label: string, value: string, id: string) => h("div", { class: "fact" }, h("dt", {}, label), h("dd", { id }, value));
    this.header.replaceChildren(
      h("img", { class: "mark", src: iconUrl, alt: "" }),
      h("div", { class: "title" }, h("h1", { id: "plan-name", title: v.plan.name }, v.plan.name), h("p", { class: "path", title: v.path }, v.path)),
      s
        ? h("dl", { class: "facts" }, fact("Start", s.start_date, "plan-start"), fact("Finish", s.finish_date, "plan-finish"), fact("Length", plural(s.makespan_days, ["working day", "working days"]), "plan-length"))
        : h("p", { class: "no-schedule", id: "schedule-error-short", title: v.schedule_error?.message ?? "" }, "Cannot be scheduled: ", v.schedule_error?.message ?? ""),
      this.search,
    );
  }

  private renderToolbar(): void {
    const seg = (items: [string, string, boolean, () => void, string][]) =>
      h(
        "div",
        { class: "seg", role: "group" },
        ...items.map(([id, label, on, fn, title]) => {
          const b = button(id, label, title, fn, `seg-btn${on ? " on" : ""}`);
          b.setAttribute("aria-pressed", String(on));
          return b;
        }),
      );
    const v = this.view;
    const sel = this.overlay.selection;
    const undo = button("undo", "↶ Undo", v?.undo ? `Undo ${describe(v.undo)} (Ctrl+Z)` : "Nothing to undo (Ctrl+Z)", () => void this.step("undo"));
    undo.disabled = !v?.undo;
    const redo = button("redo", "↷ Redo", v?.redo ? `Redo ${describe(v.redo)} (Ctrl+Shift+Z)` : "Nothing to redo (Ctrl+Shift+Z)", () => void this.step("redo"));
    redo.disabled = !v?.redo;
    const del = button("delete", "Delete", "Delete the selection (Del)", () => void this.deleteSelection());
    // the selection is the map's and the schedule table's: elsewhere it is not in sight
    del.disabled = S.isEmpty(sel) || (this.tab !== "map" && this.tab !== "schedule");
    const mapOnly = (...children: Node[]) => h("span", { class: `toolbar-group${this.tab === "map" ? "" : " hidden"}` }, ...children);
    const some = sel.cards.size > 0;
    const arrange = button("arrange", some ? "Arrange selection" : "Arrange", some ? `Lay out the ${plural(sel.cards.size, ["selected card", "selected cards"])} again (their hand-placed positions are cleared; Undo brings them back)` : "Lay out the whole map again (hand-placed positions are cleared; Undo brings them back)", () => void this.arrange());
    arrange.disabled = !v || v.plan.initiatives.length === 0;
    this.toolbar.replaceChildren(
      fileButton({
        newPlan: (demo) => void this.fileCommand(() => backend.newPlan(demo), demo ? "Created the demo plan" : "Created an empty plan", "Not created."),
        open: () => void this.fileCommand(() => backend.openPlan(), "Opened", "Not opened."),
        saveAs: () => void this.fileCommand(() => backend.saveAs(), "Saved a copy; now editing", "Not saved."),
        recent: () => this.run(() => backend.recentPlans()),
        openRecent: (n) => void this.fileCommand(() => backend.openRecent(n), "Opened", "Not opened."),
        brief: () => void this.analysis.brief(),
        importPlan: (folder) => void this.importPlan(folder),
        exportPlan: (format) => void this.exportPlan(format),
      }),
      h("span", { class: "sep" }),
      seg([
        ["tab-map", "Map", this.tab === "map", () => this.setTab("map"), "The dependency map"],
        ["tab-schedule", "Schedule", this.tab === "schedule", () => this.setTab("schedule"), "The schedule as a table"],
        ["tab-risks", "Risks", this.tab === "risks", () => this.setTab("risks"), "The risk register and the heat map"],
        ["tab-plan", "Plan", this.tab === "plan", () => this.setTab("plan"), "Plan settings, teams, sites and waves"],
        ["tab-analysis", "Analysis", this.tab === "analysis", () => this.setTab("analysis"), "Risk analysis: the simulation's dates, the chance of meeting the target, what drives them"],
        ["tab-capacity", "Capacity", this.tab === "capacity", () => this.setTab("capacity"), "Load against capacity per team and week, the Timeline, and leveling"],
      ]),
      // the map's own controls show on the map only (the other tabs have no drawing to arrange)
      mapOnly(
        seg([
          ["arrangement-flow", "Flow", this.arrangement === "flow", () => void this.switchArrangement("flow"), "Left to right along the handoffs"],
          ["arrangement-seams", "Seams", this.arrangement === "seams", () => void this.switchArrangement("seams"), "One lane per team: the handoffs between teams stand out"],
        ]),
      ),
      h("span", { class: "sep" }),
      button("add-initiative", "+ New initiative", "Add an initiative (N, or double-click the map)", () => void this.addInitiative(null)),
      del,
      h("span", { class: "sep" }),
      undo,
      redo,
      mapOnly(
        h("span", { class: "sep" }),
        arrange,
        button("zoom-fit", "Fit", "Zoom to fit the whole plan (F)", () => this.fit()),
        button("zoom-out", "−", "Zoom out (-)", () => this.zoom(1 / 1.25), "btn icon"),
        h("span", { class: "zoom", "data-testid": "zoom-level" }, ""),
        button("zoom-in", "+", "Zoom in (+)", () => this.zoom(1.25), "btn icon"),
      ),
    );
    this.renderZoom();
  }

  private renderZoom(): void {
    const z = this.toolbar.querySelector(".zoom");
    if (z) z.textContent = `${Math.round(this.viewport.scale * 100)}%`;
  }

  private setTab(t: Tab): void {
    this.tab = t;
    this.mapPane.classList.toggle("hidden", t !== "map");
    this.tablePane.classList.toggle("hidden", t !== "schedule");
    this.riskPane.classList.toggle("hidden", t !== "risks");
    this.planPane.classList.toggle("hidden", t !== "plan");
    this.analysisPane.classList.toggle("hidden", t !== "analysis");
    this.capacityPane.classList.toggle("hidden", t !== "capacity");
    // the register and the plan's tables need the width; the side panel is the map's
    this.root.querySelector(".body")?.classList.toggle("wide", t === "risks" || t === "plan" || t === "analysis" || t === "capacity");
    this.analysis.setShown(t === "analysis");
    this.capacity.setShown(t === "capacity");
    if (t === "schedule") this.renderTable();
    this.paneStale = true;
    this.renderPane();
    this.renderToolbar();
    this.redraw();
  }

  private renderTable(): void {
    if (!this.view) return;
    if (this.tableStale) {
      this.tablePane.replaceChildren(
        scheduleTable(
          {
            pick: (id, additive) => {
              this.select(S.pressCard(this.overlay.selection, id, additive));
              this.centreOnCard(id);
            },
            open: (id) => {
              this.select(S.only(id));
              this.setTab("map");
              this.centreOnCard(id);
            },
          },
          this.view,
        ),
      );
      this.tableStale = false;
    }
    markRows(this.tablePane, this.overlay.selection.cards, true);
  }

  renderSide(): void {
    const v = this.view;
    const m = this.model;
    if (!v || !m) return;
    const focused = (document.activeElement as HTMLElement | null)?.dataset?.testid;
    const sel = this.overlay.selection;
    const codes = (id: string) => v.report.findings.filter((f) => f.subject === id).map((f) => f.code);
    const host = {
      patch: (kind: EntityKind, id: string, fields: Record<string, unknown>) => void this.apply([patch(kind, id, fields)]),
      select: (kind: EntityKind, id: string) => {
        this.select(kind === "initiative" ? S.only(id) : S.handoff(id));
        if (kind === "initiative") this.centreOnCard(id);
      },
    };
    let content: HTMLElement;
    if (sel.handoff !== null && m.handoffs.has(sel.handoff)) {
      const x = m.handoffs.get(sel.handoff)!;
      const route = m.links[m.index.lineIndex(x.id)];
      content = handoffInspector(host, v.plan, x, route?.seam ?? false, codes(x.id));
    } else if (sel.cards.size === 1) {
      const id = [...sel.cards][0]!;
      const i = m.initiatives.get(id);
      const s = v.schedule?.initiatives.find((r) => r.id === id);
      content = i ? initiativeInspector(host, v.plan, i, s, codes(id)) : h("p", {}, id);
    } else if (sel.cards.size > 1) {
      content = h(
        "div",
        { class: "inspector", "data-testid": "inspector-many" },
        h("header", { class: "insp-head" }, h("span", { class: "insp-kind" }, `${sel.cards.size} initiatives selected`)),
        h("p", { class: "muted" }, "Drag one of them to move them together (one undo step). Del deletes them."),
        h("ul", { class: "many" }, ...[...sel.cards].slice(0, 30).map((id) => h("li", {}, m.initiatives.get(id)?.name ?? id))),
      );
    } else {
      content = this.planPanel(v);
    }
    this.side.replaceChildren(content);
    if (focused) this.side.querySelector<HTMLElement>(`[data-testid="${CSS.escape(focused)}"]`)?.focus();
  }

  /** Nothing selected: the findings (click one to show its subject) and the map's legend. */
  private planPanel(v: PlanView): HTMLElement {
    const list = h("ol", { class: "findings", id: "findings" });
    for (const e of v.report.errors) list.append(h("li", { class: "finding sev-error", "data-code": e.code }, h("span", { class: "sev" }, "error"), h("p", {}, e.message)));
    // The core lists findings most severe first. A large plan has thousands; drawing
    // them all costs WebKit seconds of style and layout for a list nobody scrolls, so the
    // panel shows the first ones and says how many more `bridger check` lists.
    const shown = v.report.findings.slice(0, FINDINGS_SHOWN);
    for (const f of shown) {
      const item = h("li", { class: `finding sev-${f.severity}`, "data-code": f.code, tabindex: "0" }, h("span", { class: "sev" }, SEVERITY_NOUN[f.severity][0]), h("p", {}, f.message));
      const m = this.model;
      if (m && (m.initiatives.has(f.subject) || m.handoffs.has(f.subject))) {
        item.classList.add("linked");
        item.title = "Show on the map";
        const go = () => {
          if (m.initiatives.has(f.subject)) {
            this.select(S.only(f.subject));
            this.centreOnCard(f.subject);
          } else {
            this.select(S.handoff(f.subject));
            this.centreOnHandoff(f.subject);
          }
        };
        item.addEventListener("click", go);
        item.addEventListener("keydown", (e) => {
          if (e.key === "Enter") go();
        });
      }
      list.append(item);
    }
    const hidden = v.report.findings.length - shown.length;
    if (hidden > 0) {
      list.append(h("li", { class: "finding more", "data-testid": "findings-more" }, h("p", { class: "muted" }, `${hidden} more (bridger check lists every finding)`)));
    }
    const total = v.report.errors.length + v.report.findings.length;
    const swatch = (cls: string, label: string) => h("li", {}, h("span", { class: `swatch ${cls}` }), label);
    return h(
      "div",
      { class: "plan-panel", "data-testid": "plan-panel" },
      h("div", { class: "panel-head" }, h("h2", {}, "Findings"), h("span", { class: "muted" }, String(total))),
      total === 0 ? h("p", { class: "empty" }, "No findings.") : h("div", { class: "scroll" }, list),
      h(
        "div",
        { class: "legend", "data-testid": "legend" },
        h("h3", {}, "Legend"),
        h(
          "ul",
          {},
          ...Object.keys(STATUS_COLOUR).map((s) => swatch(`st-${s}`, STATUS_NAME[s] ?? s)),
          swatch("ln-critical", "Critical path"),
          swatch("ln-seam", "Seam (between teams)"),
          swatch("ln-bad", "Seam nobody owns or confirmed"),
        ),
      ),
    );
  }

  private renderStatus(): void {
    const v = this.view;
    if (!v) return;
    const chips = SEVERITIES.map((sev) => {
      const n = v.report.findings.filter((f) => f.severity === sev).length;
      return h("span", { class: `count sev-${sev}${n === 0 ? " zero" : ""}`, "data-severity": sev, "data-testid": `count-${sev}` }, plural(n, SEVERITY_NOUN[sev]));
    });
    const errors = v.report.errors.length;
    const sel = this.overlay.selection;
    const selText = sel.handoff !== null ? "1 handoff selected" : sel.cards.size > 0 ? `${plural(sel.cards.size, ["initiative", "initiatives"])} selected` : "";
    this.status.replaceChildren(
      h("div", { class: "counts", "aria-label": "Findings by severity" }, errors > 0 && h("span", { class: "count sev-error", "data-testid": "count-error" }, plural(errors, ["error", "errors"])), ...chips),
      h("span", { class: "status-sel" }, `${plural(v.plan.initiatives.length, ["initiative", "initiatives"])} · ${plural(v.plan.handoffs.length, ["handoff", "handoffs"])}${selText ? ` · ${selText}` : ""}`),
      h("span", { class: "status-msg", "data-testid": "status-message", id: "status-message" }, this.message),
    );
  }

  note(message: string): void {
    this.message = message;
    this.renderStatus();
  }

  showError(e: ApiError, lead = "Not saved."): void {
    const close = h("button", { type: "button", class: "btn icon", title: "Dismiss", "aria-label": "Dismiss", "data-testid": "error-dismiss" }, "×");
    // the first of what the message sums up (a CSV folder's bad rows), one per line
    const details = (e.details ?? []).slice(0, 20).map((d) => `\n${d}`).join("");
    this.banner.replaceChildren(h("strong", {}, `${lead} `), h("span", { class: "message", "data-testid": "error-message" }, (e.message ?? String(e)) + details), close);
    this.banner.dataset.code = e.code ?? "internal";
    this.banner.classList.remove("hidden");
  }

  hideError(): void {
    this.banner.classList.add("hidden");
  }

  /** File > Import: into the open plan, as one undo step; what the format could not keep
   *  is listed in the banner. */
  private async importPlan(folder: boolean): Promise<void> {
    try {
      const r = await this.run(() => backend.importPlan(folder, this.arrangement));
      if (!r) return;
      this.hideError();
      if (r.view) this.show(r.view);
      this.note(r.message);
      if (r.notes.length > 0) this.showNotes(`${plural(r.notes.length, ["note", "notes"])} on the import:`, r.notes);
    } catch (e) {
      this.showError(e as ApiError, "Not imported.");
    }
  }

  /** File > Export as MS Project XML or a CSV folder. */
  private async exportPlan(format: "mspdi" | "csv" | "json"): Promise<void> {
    try {
      const r = await this.run(() => backend.exportPlan(format));
      if (!r) return;
      this.hideError();
      this.note(r.message);
      if (r.notes.length > 0) this.showNotes(`${plural(r.notes.length, ["thing", "things"])} the file cannot say:`, r.notes);
    } catch (e) {
      this.showError(e as ApiError, "Not exported.");
    }
  }

  /** Notes of an import or export in the banner (the first ten, and how many more). */
  private showNotes(lead: string, notes: string[]): void {
    const shown = notes.slice(0, 10).join("\n") + (notes.length > 10 ? `\n… and ${notes.length - 10} more` : "");
    this.showError({ code: "invalid", message: shown }, lead);
    this.banner.dataset.code = "notes";
  }

  // ------------------------------------------------------------ what gestures do (Host)

  moved(ids: string[], dx: number, dy: number): void {
    const m = this.model;
    if (!m) return;
    if (this.arrangement === "seams" && ids.length === 1 && this.dropsInOtherLane(ids[0]!, dy)) {
      void this.movedToLane(ids[0]!, dy);
      return;
    }
    // place(): in Flow the new corners are kept; in Seams a card moves along its lane (x only)
    const moves: Placement[] = [];
    for (const id of ids) {
      const i = m.index.cardIndex(id);
      if (i < 0) continue;
      const c = m.cards[i]!;
      moves.push({ id, x: Math.round(c.x + dx), y: Math.round(c.y + dy) });
    }
    if (moves.length > 0) void this.viewCall(() => backend.place(moves, this.arrangement), () => this.note(`Moved ${plural(moves.length, ["initiative", "initiatives"])}`));
  }

  /** In Seams a card's lane is its team. */
  private dropsInOtherLane(id: string, dy: number): boolean {
    const m = this.model;
    const i = m ? m.index.cardIndex(id) : -1;
    if (!m || i < 0) return false;
    const c = m.cards[i]!;
    const y = c.y + c.height / 2 + dy;
    const lane = m.lanes.find((l) => y >= l.top && y < l.bottom);
    return lane !== undefined && (lane.team ?? null) !== (m.initiatives.get(id)?.team ?? null);
  }

  /** Dropping one card in another lane offers to change its team. */
  private async movedToLane(id: string, dy: number): Promise<void> {
    const m = this.model;
    const i = m ? m.index.cardIndex(id) : -1;
    const init = m?.initiatives.get(id);
    if (!m || i < 0 || !init) return;
    const c = m.cards[i]!;
    const y = c.y + c.height / 2 + dy;
    const lane = m.lanes.find((l) => y >= l.top && y < l.bottom);
    if (!lane) return;
    if (await confirmTeamChange(init.name, lane.name)) await this.apply([patch("initiative", id, { team: lane.team })]);
    else this.redraw();
  }

  /** A call to the core that returns the new view (apply, place, arrange): shown, or its
   *  refusal shown and every form back at the saved values. */
  private async viewCall(fn: () => Promise<PlanView>, then?: (v: PlanView) => void): Promise<boolean> {
    try {
      // the parts of an edit's time, read by tests/e2e/perf.mjs: the call (the core, the
      // IPC, the delta merged) and the window rebuilt from the view
      const called = performance.now();
      const v = await this.run(fn);
      const received = performance.now();
      performance.measure("bridger:call", { start: called, end: received });
      this.hideError();
      this.show(v);
      performance.measure("bridger:show", { start: received });
      then?.(v);
      return true;
    } catch (e) {
      this.showError(e as ApiError);
      this.renderSide(); // the form returns to the saved values
      this.paneStale = true;
      this.renderPane();
      this.redraw();
      return false;
    }
  }

  /** Arrange: the selected cards, or every card when nothing is selected. */
  async arrange(): Promise<void> {
    const ids = this.overlay.selection.cards.size > 0 ? [...this.overlay.selection.cards] : null;
    await this.viewCall(() => backend.arrange(ids, this.arrangement), () => this.note(ids ? `Arranged ${plural(ids.length, ["initiative", "initiatives"])} again (Ctrl+Z undoes it)` : "Arranged the whole map again (Ctrl+Z undoes it)"));
  }

  /** New, Open, Save As, a recent plan: the shell shows the dialog and opens the file; then the
   *  window draws the plan now open. A file that is not a plan leaves the window as it was. */
  async fileCommand(fn: () => Promise<string | null>, done: string, lead: string): Promise<void> {
    let path: string | null;
    try {
      path = await this.run(fn);
    } catch (e) {
      this.showError(e as ApiError, lead);
      return;
    }
    if (path === null) return; // cancelled
    try {
      const v = await this.run(() => backend.view(this.arrangement));
      this.hideError();
      this.forgetPlan();
      this.show(v);
      this.note(`${done} ${path}`);
    } catch (e) {
      this.showError(e as ApiError, lead);
    }
  }

  /** What belongs to the plan that was open: selection, filters, the first view. */
  private forgetPlan(): void {
    this.overlay.selection = S.EMPTY;
    this.overlay.flash = null;
    this.overlay.highlight = null;
    this.filter = null;
    this.riskCell = null;
    this.analysis.forget();
    this.capacity.forget();
    this.viewports.flow.fitted = false;
    this.viewports.seams.fitted = false;
  }

  // ------------------------------------------------------------ the key, the register, the plan tab

  /** The paint of the map from the colouring and the filter, and the key over the map. */
  private repaint(): void {
    const v = this.view;
    const m = this.model;
    if (!v || !m) return;
    this.overlay.paint = this.analysis.paint(m, this.colourBy === "criticality") ?? (this.colourBy === "criticality" ? null : paintFor(m, v.plan, this.colourBy, this.filter));
    this.keyBox.replaceChildren(
      mapKey(
        {
          colourBy: this.colourBy,
          filter: this.filter,
          open: this.keyOpen,
          criticality: this.analysis.criticalityKey(),
          overlayLegend: this.analysis.exposure ? this.analysis.exposureLegend() : null,
          marked: this.analysis.exposureNote() ?? (this.riskCell && this.overlay.highlight ? `${plural(this.overlay.highlight.size, ["initiative", "initiatives"])} hit by the risks of probability ${this.riskCell.probability} × impact ${this.riskCell.impact}` : null),
          clearMarked: () => {
            this.analysis.clearExposure();
            this.pickCell(null);
          },
          setOpen: (open) => {
            this.keyOpen = open;
            this.repaint();
          },
          setColour: (a) => {
            this.colourBy = a;
            this.analysis.exposure = null;
            if (a === "criticality") void this.analysis.refresh();
            this.keyOpen = true;
            this.repaint();
            this.redraw();
          },
          setFilter: (f) => {
            this.filter = f;
            this.repaint();
            this.redraw();
          },
        },
        v.plan,
      ),
    );
  }

  /** The register or the plan tab, from the view (kept: the focused field and the scroll). */
  private renderPane(): void {
    const v = this.view;
    if (!v || !this.paneStale || (this.tab !== "risks" && this.tab !== "plan")) return;
    const pane = this.tab === "risks" ? this.riskPane : this.planPane;
    const focused = pane.contains(document.activeElement) ? document.activeElement?.id : undefined;
    const scrolls = [...pane.querySelectorAll<HTMLElement>(".scroll, .plan-view")].map((e) => e.scrollTop);
    if (this.tab === "risks") {
      pane.replaceChildren(
        riskView(
          {
            patch: (id, fields) => void this.apply([patch("risk", id, fields)]),
            add: () => void this.addRisk(),
            remove: (r) => void this.removeEntity("risk", r.id, `the risk “${r.title}”`),
            pickCell: (c) => this.pickCell(c),
            showOnMap: () => this.showHighlighted(),
            setSort: (s) => {
              this.riskSort = s;
              this.paneStale = true;
              this.renderPane();
            },
            note: (msg) => this.note(msg),
            exposure: (r) => void this.analysis.showExposure(r.id),
          },
          v,
          this.riskSort,
          this.riskCell,
        ),
      );
    } else {
      pane.replaceChildren(
        planView(
          {
            apply: (edits) => void this.apply(edits),
            patch: (kind, id, fields) => void this.apply([patch(kind, id, fields)]),
            add: (kind) => void this.addPlanEntity(kind),
            remove: (kind, id, name) => void this.removeEntity(kind, id, `the ${kind} “${name}”`),
          },
          v,
        ),
      );
    }
    this.paneStale = false;
    if (this.tab === "risks") fitTextAreas(pane);
    pane.querySelectorAll<HTMLElement>(".scroll, .plan-view").forEach((e, n) => {
      if (scrolls[n] !== undefined) e.scrollTop = scrolls[n]!;
    });
    if (focused) document.getElementById(focused)?.focus();
  }

  /** A heat-map cell: the register shows its risks, the map marks and selects their initiatives. */
  private pickCell(c: Cell | null): void {
    const v = this.view;
    if (!v) return;
    this.riskCell = c;
    const ids = c ? initiativesOf(v, risksInCell(v.heat, c.probability, c.impact)) : null;
    this.overlay.highlight = ids;
    if (ids && ids.size > 0) this.select(S.band(S.EMPTY, [...ids], false));
    this.repaint();
    this.paneStale = true;
    this.renderPane();
    this.redraw();
  }

  /** The initiatives of the picked cell, on the map, all in view. */
  private showHighlighted(): void {
    this.showCards([...(this.overlay.highlight ?? [])]);
  }

  /** The map, with these initiatives in view. */
  private showCards(ids: readonly string[]): void {
    const m = this.model;
    this.setTab("map");
    if (!m || ids.length === 0) return;
    const boxes = ids.map((id) => m.cards[m.index.cardIndex(id)]).filter((c) => c !== undefined);
    const b = bounds(boxes);
    if (!b) return;
    this.renderer.resize();
    fit(this.viewport, b, this.renderer.cssWidth, this.renderer.cssHeight, 80);
    if (this.viewport.scale > 1) zoomAt(this.viewport, this.renderer.cssWidth / 2, this.renderer.cssHeight / 2, 1 / this.viewport.scale);
    this.redraw();
  }

  private async addRisk(): Promise<void> {
    const v = this.view;
    if (!v) return;
    const a = await askFields("New risk", "new-risk", [
      { name: "title", label: "What could happen", required: true },
      { name: "owner", label: "Owner", required: true, placeholder: "One named person" },
    ]);
    if (!a) return;
    const id = nextNumbered("R-", v.plan.risks.map((r) => r.id));
    const value: Risk = { id, title: a.title!, owner: a.owner!, probability: 0.5, impact: 3, mitigation: "", status: "open", initiatives: [], schedule_impact: null };
    await this.apply([{ op: "add_risk", value }], () => this.note(`Added the risk ${id}: set its probability, impact and the initiatives it hits`));
  }

  private async addPlanEntity(kind: PlanKind): Promise<void> {
    const v = this.view;
    if (!v) return;
    const p = v.plan;
    const fields = [{ name: "name", label: "Name", required: true }];
    if (kind === "site") fields.push({ name: "region", label: "Region", required: false });
    const a = await askFields(`New ${kind}`, `new-${kind}`, fields);
    if (!a) return;
    const name = a.name!;
    let edit: Edit;
    if (kind === "team") edit = { op: "add_team", value: { id: uniqueId(name, new Set(p.teams.map((t) => t.id)), "team"), name, fte: 1, utilization_target: 0.8 } };
    else if (kind === "site") edit = { op: "add_site", value: { id: uniqueId(name, new Set(p.sites.map((s) => s.id)), "site"), name, region: a.region || null, wave: null } };
    else edit = { op: "add_wave", value: { id: uniqueId(name, new Set(p.waves.map((w) => w.id)), "wave"), name, order: p.waves.reduce((n, w) => Math.max(n, w.order), 0) + 1 } };
    await this.apply([edit], () => this.note(`Added the ${kind} ${name}`));
  }

  /** Removes a risk, team, site or wave after asking; the core refuses one still in use
   *  and names what uses it (shown in the banner). */
  private async removeEntity(kind: "risk" | PlanKind, id: string, what: string): Promise<void> {
    if (!(await confirmRemove(what))) return;
    const op = `remove_${kind}` as "remove_risk" | "remove_team" | "remove_site" | "remove_wave";
    await this.apply([{ op, value: id }], () => this.note(`Removed ${what}`));
  }

  connect(from: string, to: string): void {
    const m = this.model;
    if (!m) return;
    let id = `${from}>${to}`;
    for (let n = 2; m.handoffs.has(id); n++) id = `${from}>${to}#${n}`;
    const edit: Edit = { op: "add_handoff", value: { id, from, to, kind: "FS", lag: 0, owner: "", assumption: "", confirmed: false, due: null } };
    void this.apply([edit], () => {
      this.select(S.handoff(id));
      this.note(`Connected ${m.initiatives.get(from)?.name ?? from} → ${m.initiatives.get(to)?.name ?? to}: give the handoff an owner and an assumption`);
    });
  }

  currentModel(): MapModel | null {
    return this.model;
  }

  addAt(wx: number, wy: number): void {
    void this.addInitiative([wx, wy]);
  }

  /** Adds an initiative at a world point (null: the middle of the view). */
  async addInitiative(at: [number, number] | null): Promise<void> {
    const v = this.view;
    const m = this.model;
    if (!v || !m) return;
    if (this.tab !== "map") this.setTab("map");
    const vp = this.viewport;
    const [wx, wy] = at ?? [vp.x + this.renderer.cssWidth / 2 / vp.scale, vp.y + this.renderer.cssHeight / 2 / vp.scale];
    const laneTeam = this.arrangement === "seams" ? (m.lanes.find((l) => wy >= l.top && wy < l.bottom)?.team ?? null) : null;
    const answer = await askNewInitiative(v.plan, laneTeam);
    if (!answer) return;
    const id = uniqueId(answer.name, m.initiatives, "initiative");
    const d = answer.likely;
    const value: Initiative = {
      id,
      name: answer.name,
      owner: answer.owner,
      team: answer.team,
      duration: { optimistic: d, likely: d, pessimistic: d },
      effort: [],
      status: "not_started",
      progress: 0,
      site: null,
      wave: null,
      start_no_earlier_than: null,
      finish_no_later_than: null,
      // the position is the Flow arrangement's; in Seams the layout places the card
      position: this.arrangement === "flow" ? { x: Math.round(wx - 90), y: Math.round(wy - 30) } : null,
      notes: "",
    };
    await this.apply([{ op: "add_initiative", value }], () => {
      this.select(S.only(id));
      this.note(`Added ${answer.name}`);
    });
  }

  async deleteSelection(): Promise<void> {
    const v = this.view;
    const m = this.model;
    const sel = this.overlay.selection;
    // The selection is the map's (and the schedule table's): on the Risks and Plan tabs,
    // where it is not shown, Delete must not remove initiatives the user cannot see.
    if (!v || !m || S.isEmpty(sel) || (this.tab !== "map" && this.tab !== "schedule")) return;
    const name = (id: string) => m.initiatives.get(id)?.name ?? id;
    const edits: Edit[] = [];
    const goes: string[] = [];
    let what: string;
    if (sel.handoff !== null) {
      const x = m.handoffs.get(sel.handoff);
      what = x ? `the handoff ${name(x.from)} → ${name(x.to)}` : `the handoff ${sel.handoff}`;
      edits.push({ op: "remove_handoff", value: sel.handoff });
    } else {
      const ids = [...sel.cards];
      what = ids.length === 1 ? `“${name(ids[0]!)}”` : `${ids.length} initiatives`;
      for (const x of v.plan.handoffs) if (sel.cards.has(x.from) || sel.cards.has(x.to)) goes.push(`the handoff ${name(x.from)} → ${name(x.to)}`);
      for (const r of v.plan.risks) for (const i of r.initiatives) if (sel.cards.has(i)) goes.push(`the link of the risk “${r.title}” to ${name(i)}`);
      for (const id of ids) edits.push({ op: "remove_initiative", value: id });
    }
    if (!(await confirmDelete(what, goes))) return;
    await this.apply(edits, () => this.note(`Deleted ${what}`));
  }

  hover(link: LinkInfo | null, cx: number, cy: number): void {
    const t = this.tooltip;
    const m = this.model;
    if (!link || !m) {
      t.classList.add("hidden");
      return;
    }
    const x = link.handoff;
    const name = (id: string) => m.initiatives.get(id)?.name ?? id;
    t.replaceChildren(
      h("div", { class: "tt-title" }, `${name(x.from)} → ${name(x.to)}`),
      h("div", { class: "tt-row" }, `${x.kind}${x.lag ? `, lag ${x.lag} d` : ""}${x.due ? ` · due ${x.due}` : ""}`),
      h("div", { class: x.owner ? "tt-row" : "tt-row bad" }, x.owner ? `Owner: ${x.owner}` : "Nobody owns this handoff"),
      h("div", { class: x.assumption ? "tt-row tt-assumption" : "tt-row muted" }, x.assumption ? `“${x.assumption}”` : "No assumption stated"),
      h("div", { class: x.confirmed ? "tt-row ok" : "tt-row bad" }, x.confirmed ? "Confirmed by the receiving side" : "Not confirmed"),
    );
    t.classList.remove("hidden");
    const r = this.mapPane.getBoundingClientRect();
    const left = Math.min(cx - r.left + 14, r.width - 300);
    const top = Math.min(cy - r.top + 16, r.height - t.offsetHeight - 8);
    t.style.left = `${Math.max(4, left)}px`;
    t.style.top = `${Math.max(4, top)}px`;
  }

  // ------------------------------------------------------------ view commands

  /** The first look at a plan: all of it if it is readable so; otherwise its top-left
   *  corner, where the work begins (as a Gantt opens), at a zoom where cards can be read. */
  private firstView(vp: Viewport): boolean {
    const m = this.model;
    const b = m?.bounds;
    if (!m || !b) return false;
    const w = this.renderer.cssWidth;
    const h = this.renderer.cssHeight;
    fit(vp, b, w, h);
    if (vp.scale >= TEXT_SCALE) return true;
    vp.scale = 0.7;
    vp.x = b.x - 40 / vp.scale;
    vp.y = b.y - 30 / vp.scale;
    void h;
    return true;
  }

  fit(): void {
    const b = this.model?.bounds;
    if (!b) return;
    this.renderer.resize();
    fit(this.viewport, b, this.renderer.cssWidth, this.renderer.cssHeight);
    this.redraw();
  }

  zoom(factor: number): void {
    zoomAt(this.viewport, this.renderer.cssWidth / 2, this.renderer.cssHeight / 2, factor);
    this.redraw();
  }

  centreOnCard(id: string): void {
    const m = this.model;
    const i = m ? m.index.cardIndex(id) : -1;
    if (!m || i < 0) return;
    const c = m.cards[i]!;
    const vp = this.viewport;
    if (vp.scale < 0.6) vp.scale = 0.8;
    centreOn(vp, c.x + c.width / 2, c.y + c.height / 2, this.renderer.cssWidth || 800, this.renderer.cssHeight || 600);
    this.redraw();
  }

  centreOnHandoff(id: string): void {
    const m = this.model;
    const i = m ? m.index.lineIndex(id) : -1;
    if (!m || i < 0) return;
    const pts = m.links[i]!.points;
    const mid = pts[Math.floor(pts.length / 2)];
    if (!mid) return;
    const vp = this.viewport;
    if (vp.scale < 0.6) vp.scale = 0.8;
    centreOn(vp, mid[0], mid[1], this.renderer.cssWidth || 800, this.renderer.cssHeight || 600);
    this.redraw();
  }

  private find(query: string, dir: 1 | -1): void {
    const v = this.view;
    const q = query.trim().toLowerCase();
    if (!v || !q) return;
    if (q !== this.searchFor) {
      this.searchFor = q;
      this.searchHits = v.plan.initiatives.filter((i) => i.name.toLowerCase().includes(q) || i.id.toLowerCase().includes(q) || i.owner.toLowerCase().includes(q)).map((i) => i.id);
      this.searchAt = dir === 1 ? -1 : 0;
    }
    if (this.searchHits.length === 0) {
      this.note(`No initiative matches “${query.trim()}”`);
      this.search.classList.add("miss");
      return;
    }
    this.search.classList.remove("miss");
    const n = this.searchHits.length;
    this.searchAt = (((this.searchAt + dir) % n) + n) % n;
    const id = this.searchHits[this.searchAt]!;
    if (this.tab !== "map") this.setTab("map");
    this.select(S.only(id));
    this.overlay.flash = id;
    this.centreOnCard(id);
    this.note(`Found ${this.searchAt + 1} of ${n} (Enter: next, Shift+Enter: previous)`);
  }

  private minimapPress(e: PointerEvent): void {
    const r = this.minimapCanvas.getBoundingClientRect();
    const [wx, wy] = this.minimap.toWorld(e.clientX - r.left, e.clientY - r.top);
    centreOn(this.viewport, wx, wy, this.renderer.cssWidth, this.renderer.cssHeight);
    this.redraw();
  }

  private key(e: KeyboardEvent): void {
    if (document.querySelector(".modal")) return;
    const mod = e.ctrlKey || e.metaKey;
    const k = e.key.toLowerCase();
    if (mod && k === "f") {
      e.preventDefault();
      this.search.focus();
      this.search.select();
      return;
    }
    if (isTyping(e.target)) return;
    if (mod && k === "z") {
      e.preventDefault();
      void this.step(e.shiftKey ? "redo" : "undo");
    } else if (mod && k === "y") {
      e.preventDefault();
      void this.step("redo");
    } else if (mod && k === "a") {
      e.preventDefault();
      if (this.model) this.select(S.band(S.EMPTY, this.model.cards.map((c) => c.id), false));
    } else if (mod) {
      return;
    } else if (e.key === "Delete" || e.key === "Backspace") {
      e.preventDefault();
      void this.deleteSelection();
    } else if (k === "n") {
      e.preventDefault();
      void this.addInitiative(null);
    } else if (k === "f") {
      this.fit();
    } else if (e.key === "+" || e.key === "=") {
      this.zoom(1.25);
    } else if (e.key === "-") {
      this.zoom(1 / 1.25);
    } else if (e.key === "Escape") {
      this.overlay.flash = null;
      this.select(S.EMPTY);
    }
  }

  // ------------------------------------------------------------ for the WebDriver test

  /** Card `id`'s rectangle in client (CSS) pixels, null if it is not on the map. */
  cardScreenRect(id: string): { x: number; y: number; width: number; height: number } | null {
    const m = this.model;
    const i = m ? m.index.cardIndex(id) : -1;
    if (!m || i < 0) return null;
    const c = m.cards[i]!;
    const r = this.canvas.getBoundingClientRect();
    const v = this.viewport;
    return { x: r.left + (c.x - v.x) * v.scale, y: r.top + (c.y - v.y) * v.scale, width: c.width * v.scale, height: c.height * v.scale };
  }
}

function patch(kind: EntityKind | "risk" | PlanKind, id: string, fields: Record<string, unknown>): Edit {
  return { op: "patch", value: { kind, id, fields } };
}

function describe(s: EditSummary): string {
  const by = s.source && s.source !== "Bridger app" ? ` (by ${s.source})` : "";
  const batch = s.edits > 1 ? ` and ${s.edits - 1} more` : "";
  return `${s.op} ${s.kind} ${s.id}${batch}${by}`;
}

function renderFailure(root: HTMLElement, e: ApiError): void {
  root.replaceChildren(
    h(
      "div",
      { class: "fatal", id: "error", role: "alert" },
      h("img", { class: "mark", src: iconUrl, alt: "" }),
      h("h1", {}, "Bridger could not open the plan"),
      h("p", { class: "message" }, e.message),
      h("p", { class: "muted" }, `Error code: ${e.code}`),
    ),
  );
}

declare global {
  interface Window {
    /** A handle for the end-to-end test: what a user does with the mouse, by id. */
    __bridger?: {
      ready: () => boolean;
      selectCards: (ids: string[]) => void;
      selectHandoff: (id: string) => void;
      selection: () => { cards: string[]; handoff: string | null };
      cardScreenRect: (id: string) => { x: number; y: number; width: number; height: number } | null;
      centreOn: (id: string) => void;
    };
  }
}

async function start(): Promise<void> {
  const root = document.getElementById("app");
  if (!root) return;
  const app = new App(root);
  try {
    await app.load();
  } catch (e) {
    renderFailure(root, e as ApiError);
    return;
  }
  window.__bridger = {
    ready: () => app.view !== null,
    selectCards: (ids) => app.select(S.band(S.EMPTY, ids, false)),
    selectHandoff: (id) => app.select(S.handoff(id)),
    selection: () => ({ cards: [...app.overlay.selection.cards], handoff: app.overlay.selection.handoff }),
    cardScreenRect: (id) => app.cardScreenRect(id),
    centreOn: (id) => app.centreOnCard(id),
  };
  setInterval(() => void app.refreshIfChanged(), POLL_MS);
}

void start();
