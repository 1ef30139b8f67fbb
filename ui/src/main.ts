// The editor window, wired: the dependency map (Flow or Seams) with the side panel beside
// it, the other tabs, the toolbar and the status bar, each a room of its own under app/
// sharing one state and a few verbs (app/context.ts). This file builds them, lays out the
// window, and holds the three verbs that touch every room: show a view, select, choose a
// tab. Display and editing only: every date, float, finding, score and position shown comes
// from the core, and every change goes to the core as an edit (backend.ts) that comes back
// as a new view.
import "./style.css";
import * as backend from "./backend";
import { renderStart } from "./start";
import iconUrl from "../../icons/128x128.png";
import type { ApiError, PlanView } from "./bindings";
import { h } from "./dom";
import { MapModel } from "./map/model";
import * as S from "./map/selection";
import { Calls } from "./app/calls";
import { Colouring } from "./app/colouring";
import { type Ctx, forgetPlan, newState, type Tab } from "./app/context";
import { Edits } from "./app/edits";
import { installKeys } from "./app/keys";
import { MapView } from "./app/mapview";
import { Panes } from "./app/panes";
import { Search } from "./app/search";
import { Side } from "./app/side";
import { StatusBar } from "./app/status";
import { Toolbar } from "./app/toolbar";

/** The rooms, built and wired in `root`. */
function build(root: HTMLElement) {
  const state = newState();
  const ctx: Ctx = {
    state,
    run: (fn) => calls.run(fn),
    viewCall: (fn, then) => calls.viewCall(fn, then),
    apply: (edits, then) => calls.apply(edits, then),
    select,
    setTab,
    note: (msg) => status.note(msg),
    showError: (e, lead) => status.showError(e, lead),
    redraw: () => map.redraw(),
    repaint: () => colouring.repaint(),
    centreOnCard: (id) => map.centreOnCard(id),
    showCards: (ids) => map.showCards(ids),
    fold: (change) => void calls.fold(change),
    whole: () => calls.ensureWhole(),
  };
  const status = new StatusBar(state);
  status.openHealth = () => setTab("health");
  const calls = new Calls({
    state,
    show,
    note: ctx.note,
    showError: ctx.showError,
    hideError: () => status.hideError(),
    showNotes: (lead, notes) => status.showNotes(lead, notes),
    refused: () => {
      side.render(); // the form returns to the saved values
      panes.refresh();
      map.redraw();
    },
    forgetPlan: () => {
      forgetPlan(state);
      panes.forget();
    },
    arrangementChanged: () => toolbar.render(),
    keptChanged: () => panes.analysis.planChanged(state.colourBy === "criticality"),
  });
  const edits = new Edits(ctx, { worldCentre: () => map.worldCentre() });
  const panes = new Panes(ctx, root, { edits, showReadable: (ids) => map.showReadable(ids), graded: (r) => status.setGrade(r) });
  const colouring = new Colouring(ctx, { analysis: panes.analysis, pickCell: (c) => panes.pickCell(c) });
  const map = new MapView(
    ctx,
    {
      moved: (ids, dx, dy) => edits.moved(ids, dx, dy),
      connect: (from, to) => edits.connect(from, to),
      addAt: (wx, wy) => edits.addAt(wx, wy),
      open: (card) => {
        const g = state.model?.groups.get(card);
        if (g) ctx.fold(g.kind === "wave" ? { op: "expand_wave", id: g.of } : { op: "expand_site", id: g.of });
      },
      zoomShown: () => toolbar.renderZoom(),
    },
    colouring.keyBox,
  );
  const search = new Search(ctx);
  const commands = {
    step: (dir: "undo" | "redo") => calls.step(dir),
    deleteSelection: () => edits.deleteSelection(),
    addInitiative: () => edits.addInitiative(null),
    fit: () => map.fit(),
    zoom: (factor: number) => map.zoom(factor),
  };
  const toolbar = new Toolbar(ctx, search.input, {
    ...commands,
    files: { ...calls.fileMenu(), brief: () => void panes.analysis.brief() },
    switchArrangement: (a) => calls.switchArrangement(a),
    arrange: () => edits.arrange(),
    scale: () => map.viewport.scale,
  });
  const side = new Side(ctx, { centreOnHandoff: (id) => map.centreOnHandoff(id) });
  map.pane.append(toolbar.foldBox);

  // the banner over whichever view is showing: a refused edit in a table shows there too
  const work = h("div", { class: "work" }, map.pane, ...panes.elements, status.banner);
  root.replaceChildren(toolbar.header, toolbar.bar, h("main", { class: "body" }, work, side.el), status.bar);
  installKeys(ctx, { ...commands, focusSearch: () => search.focus() });

  /** A view from the core on screen: every room that shows the plan, rebuilt from it. */
  function show(v: PlanView, why: "edit" | "outside" = "edit"): void {
    state.view = v;
    const started = performance.now();
    state.model = new MapModel(v, state.model);
    performance.measure("bridger:show-model", { start: started });
    const m = state.model;
    const o = state.overlay;
    o.selection = S.retain(o.selection, (id) => m.initiatives.has(id) || m.groups.has(id), (id) => m.handoffs.has(id) || m.index.lineIndex(id) >= 0);
    o.hoverCard = -1;
    o.hoverLink = -1;
    document.title = v.title; // the native window takes it
    map.planChanged();
    toolbar.renderHeader();
    toolbar.render();
    panes.planChanged();
    colouring.repaint();
    panes.planShown(why);
    // an outside change does not throw away what the user is typing in the inspector
    const sideStarted = performance.now();
    if (!(why === "outside" && side.el.contains(document.activeElement))) side.render();
    panes.analysis.planChanged(state.colourBy === "criticality");
    panes.capacity.planChanged();
    panes.sites.planChanged();
    panes.priorities.planChanged();
    panes.health.planChanged();
    panes.update.planChanged();
    performance.measure("bridger:show-side", { start: sideStarted });
    status.render();
    map.redraw();
  }

  function select(sel: S.Selection): void {
    if (S.sameSelection(sel, state.overlay.selection)) return;
    state.overlay.selection = sel;
    side.render();
    status.render();
    toolbar.render(); // Delete and Arrange act on the selection: enabled only with one
    if (state.tab === "schedule") panes.markSelection();
    map.redraw();
  }

  function setTab(t: Tab): void {
    // the other tabs read the whole plan: a window holding only the folded map's part asks for it
    if (t !== "map") void calls.ensureWhole();
    state.tab = t;
    map.pane.classList.toggle("hidden", t !== "map");
    panes.setTab(t);
    toolbar.render();
    map.redraw();
  }

  return { state, calls, map, select };
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
      /** The move badges the map draws ("+4 days"), by card id, and the cards it dims. */
      badges: () => Record<string, string>;
      dimmed: () => string[];
      /** The group cards on the map (collapsed waves and sites): card id, kind, what it is of, its name. */
      groups: () => { id: string; kind: string; of: string; name: string; initiatives: number }[];
      /** The time each frame drawn since the last call took to draw, in ms (tests/e2e/perf.mjs). */
      frameTimes: () => number[];
      /** The view asked for again, as after another program's edit (tests/e2e/perf.mjs, after
       *  calling the core itself). */
      reload: () => Promise<void>;
    };
  }
}

async function start(): Promise<void> {
  const root = document.getElementById("app");
  if (!root) return;
  const app = build(root);
  try {
    await app.calls.load();
  } catch (e) {
    // No plan open yet (a first start): the start page; once a plan opens, the editor. A
    // plan double-clicked meanwhile opens as if chosen there.
    if ((e as ApiError).code === "no_plan") {
      const open = renderStart(root, () => location.reload());
      void backend.watchOpens(() => void open(() => backend.openRequested()));
    } else {
      renderFailure(root, e as ApiError);
      void backend.watchOpens(() => void backend.openRequested().then((p) => p !== null && location.reload(), (e: ApiError) => renderFailure(root, e)));
    }
    return;
  }
  // A plan double-clicked while the app runs opens here, as File > Open opens one.
  void backend.watchOpens(() => app.calls.openRequested());
  window.__bridger = {
    ready: () => app.state.view !== null,
    selectCards: (ids) => app.select(S.band(S.EMPTY, ids, false)),
    selectHandoff: (id) => app.select(S.handoff(id)),
    selection: () => ({ cards: [...app.state.overlay.selection.cards], handoff: app.state.overlay.selection.handoff }),
    cardScreenRect: (id) => app.map.cardScreenRect(id),
    centreOn: (id) => app.map.centreOnCard(id),
    badges: () => Object.fromEntries((app.state.model?.info ?? []).filter((c) => c.slip !== 0).map((c) => [c.id, c.slipText])),
    dimmed: () => {
      const m = app.state.model;
      const dim = app.state.overlay.paint?.dimCards;
      return m && dim ? m.cards.filter((_, k) => dim[k]).map((c) => c.id) : [];
    },
    groups: () => [...(app.state.model?.groups.values() ?? [])].map((g) => ({ id: g.id, kind: g.kind, of: g.of, name: g.name, initiatives: g.initiatives })),
    frameTimes: () => app.map.takeFrameTimes(),
    reload: () => app.calls.reload(),
  };
  app.calls.startPolling();
}

void start();
