// What the rooms of the window share: the state of the screen (the view last received, the
// map model made from it, the tab, the arrangement, the viewports, the overlay, the colouring)
// and the few verbs any room may use. main.ts makes both and hands them to each room; there
// is no global. The state holds what the core sent and what the user is looking at, never a
// figure the UI worked out.
import type { ApiError, Arrangement, Edit, FoldChange, PlanView } from "../bindings";
import type { Filter } from "../map/attributes";
import type { Colouring } from "../map/mapkey";
import type { MapModel } from "../map/model";
import type { Overlay } from "../map/render";
import * as S from "../map/selection";
import type { Viewport } from "../map/viewport";
import type { Cell } from "../panels/risks";

export type Tab = "map" | "schedule" | "risks" | "plan" | "analysis" | "capacity" | "update" | "sites" | "priorities" | "health";

export interface State {
  view: PlanView | null;
  model: MapModel | null;
  arrangement: Arrangement;
  tab: Tab;
  /** One viewport per arrangement; `fitted` once the plan had its first look. */
  readonly viewports: Record<Arrangement, Viewport & { fitted: boolean }>;
  /** Selection, hover, drag and the marks drawn over the map. */
  readonly overlay: Overlay;
  /** The map's colouring and filter (the key over the map). */
  colourBy: Colouring;
  filter: Filter | null;
  /** The "moved since baseline" filter: only the cards that moved are shown undimmed. */
  movedOnly: boolean;
  keyOpen: boolean;
  /** The heat-map cell the register is filtered by (its initiatives marked on the map). */
  riskCell: Cell | null;
}

export function newState(): State {
  return {
    view: null,
    model: null,
    arrangement: "flow",
    tab: "map",
    viewports: {
      flow: { x: 0, y: 0, scale: 1, fitted: false },
      seams: { x: 0, y: 0, scale: 1, fitted: false },
    },
    overlay: {
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
    },
    colourBy: "status",
    filter: null,
    movedOnly: false,
    keyOpen: false,
    riskCell: null,
  };
}

/** The viewport of the arrangement shown. */
export function viewportOf(s: State): Viewport {
  return s.viewports[s.arrangement];
}

/** What belongs to the plan that was open: selection, marks, filters, the first view. */
export function forgetPlan(s: State): void {
  s.overlay.selection = S.EMPTY;
  s.overlay.flash = null;
  s.overlay.highlight = null;
  s.filter = null;
  s.movedOnly = false;
  s.riskCell = null;
  s.viewports.flow.fitted = false;
  s.viewports.seams.fitted = false;
}

/** The verbs every room may use; each is one room's (named on the line). */
export interface Ctx {
  readonly state: State;
  /** calls.ts: one call to the core, behind the others. */
  run<T>(fn: () => Promise<T>): Promise<T>;
  /** calls.ts: a call answered by a new view (shown), or refused (the banner says why). */
  viewCall(fn: () => Promise<PlanView>, then?: (v: PlanView) => void): Promise<boolean>;
  /** calls.ts: edits to the plan, as one undo step. */
  apply(edits: Edit[], then?: (v: PlanView) => void): Promise<boolean>;
  /** main.ts: the selection of the map and the table. */
  select(sel: S.Selection): void;
  /** main.ts: which tab shows. */
  setTab(t: Tab): void;
  /** status.ts: a line in the status bar. */
  note(message: string): void;
  /** status.ts: the error banner. */
  showError(e: ApiError, lead?: string): void;
  /** mapview.ts: draw the map on the next frame. */
  redraw(): void;
  /** colouring.ts: the map's paint and key again. */
  repaint(): void;
  /** mapview.ts: this card in the middle of the map. */
  centreOnCard(id: string): void;
  /** mapview.ts: the map, with these initiatives in view. */
  showCards(ids: readonly string[]): void;
  /** main.ts: collapse or expand waves and sites on the map (view state; the core lays it out). */
  fold(change: FoldChange): void;
  /** calls.ts: the whole view, when the window holds only what the folded map draws (a first
   *  view and the views after its edits); resolves at once when it holds the whole. */
  whole(): Promise<void>;
}
