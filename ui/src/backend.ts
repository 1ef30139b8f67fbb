// The only module that talks to the Tauri shell. Every other module calls these functions,
// so views can be tested with this module mocked and the wire stays in one place.
import { Channel, invoke } from "@tauri-apps/api/core";
import type { Analysis, ApiError, Arrangement, CapacityView, Changed, EditSummary, Edit, Exported, FoldChange, Format, Imported, LevelProgress, NewKind, Overview, Paper, Placement, PlanView, Removal, RiskReach, SimProgress, Step, Update, UpdateView, Written, SinceView, Kept, SitesView, TemplateLayout, PrioritiesView, StopProposal, HealthReport } from "./bindings";
import { mergeView } from "./view";

/** The view last received: an edit's answer is what changed in it (the wire's own state). */
let held: PlanView | null = null;

/** Undo or redo: what it did, and the view after it. */
export interface Stepped {
  summary: EditSummary | null;
  view: PlanView;
}

/** The open plan: its schedule (or why there is none), errors and findings. */
export function overview(): Promise<Overview> {
  return call<Overview>("overview");
}

/** Everything the editor draws: the whole plan, its schedule, errors and findings, the
 *  layout of `arrangement` (cards, handoff routes with seams, lanes), risk scores and the
 *  heat map, and what undo and redo would do. */
export async function view(arrangement: Arrangement): Promise<PlanView> {
  held = await call<PlanView>("view", { arrangement });
  return held;
}

/** The view the window draws first. Of a plan whose map is folded, only what the folded map
 *  draws (its `partial` holds the whole plan's counts): ask for `view` next, at once. Else the
 *  whole view, as `view`. */
export async function firstView(arrangement: Arrangement): Promise<PlanView> {
  held = await call<PlanView>("first_view", { arrangement });
  return held;
}

/** Applies edits as one transaction and one undo step, then returns the new view.
 *  Rejects with the core's ApiError (the message names the thing); nothing is changed. */
export async function apply(edits: Edit[], arrangement: Arrangement): Promise<PlanView> {
  return updated(await call<Update>("apply", { edits, arrangement }), arrangement);
}

/** Cards moved by hand (top-left corners in the drawing's units), saved as one undo step.
 *  In Seams a card moves along its lane: only x is kept (the lane decides y). */
export async function place(moves: Placement[], arrangement: Arrangement): Promise<PlanView> {
  return updated(await call<Update>("place", { moves, arrangement }), arrangement);
}

/** Collapses or expands waves and sites on the map (view state, no edit: nothing to undo;
 *  the core decides what each change collapses). Returns the view drawn with the new fold. */
export async function fold(change: FoldChange, arrangement: Arrangement): Promise<PlanView> {
  return updated(await call<Update>("fold", { change, arrangement }), arrangement);
}

/** Arrange: lays out again every card (`ids` null) or only the cards of `ids`; their
 *  hand-placed positions are cleared in one undo step. Returns the new view. */
export async function arrange(ids: string[] | null, arrangement: Arrangement): Promise<PlanView> {
  return updated(await call<Update>("arrange", { ids, arrangement }), arrangement);
}

/** The edit adding a new team, site or wave with the core's defaults (send it with apply). */
export function draft(kind: NewKind, id: string, name: string, region: string | null): Promise<Edit> {
  return call<Edit>("draft", { kind, id, name, region });
}

/** The Update view: the work due for an update around the status date, each row with the
 *  edit that confirms it unchanged. */
export function updateView(): Promise<UpdateView> {
  return call<UpdateView>("update_view");
}

/** The Since panel: the baselines kept, and the drift since `name` (the latest when null). */
export function since(name: string | null): Promise<SinceView> {
  return call<SinceView>("since", { name });
}

/** Keeps a baseline of the open plan under `name` (not an edit: nothing to undo). */
export function keepBaseline(name: string): Promise<Kept> {
  return call<Kept>("keep_baseline", { name });
}

/** Makes `name` the baseline of record (not an edit): ask for the view again after it. */
export function baselineOfRecord(name: string): Promise<void> {
  return call<void>("baseline_of_record", { name });
}

/** Deletes the baseline `name` (not an edit: nothing to undo); ask for the view again after it. */
export function deleteBaseline(name: string): Promise<void> {
  return call<void>("delete_baseline", { name });
}

/** Removing initiatives: the edits and what goes with them (named), for the confirmation. */
export function removal(ids: string[]): Promise<Removal> {
  return call<Removal>("removal", { ids });
}

/** Takes back the last edit in the file, whoever made it. */
export async function undo(arrangement: Arrangement): Promise<Stepped> {
  const s = await call<Step>("undo", { arrangement });
  return { summary: s.summary, view: await updated(s.update, arrangement) };
}

/** Does again the last edit undone. */
export async function redo(arrangement: Arrangement): Promise<Stepped> {
  const s = await call<Step>("redo", { arrangement });
  return { summary: s.summary, view: await updated(s.update, arrangement) };
}

/** The view after an edit: the whole one, or the delta merged into the view held. A delta
 *  for another view than the one held (never expected) asks for the whole view. */
async function updated(u: Update, arrangement: Arrangement): Promise<PlanView> {
  if (u.kind === "full") held = u.view;
  else if (held !== null && held.revision === u.delta.base) held = mergeView(held, u.delta);
  else return view(arrangement);
  return held;
}

/** What another program (the CLI) changed since the window last asked: the plan (an edit),
 *  or only the kept simulation (no edit: the Analysis tab reads it again, quietly). */
export function changed(): Promise<Changed> {
  return call<Changed>("changed");
}

/** Open: the user picks a plan in the native dialog and it replaces the open one. The
 *  path now open, or null if the user cancelled; rejects (the open plan stays) when the
 *  file is not a plan. Then call view(). */
export function openPlan(): Promise<string | null> {
  return call<string | null>("open_plan");
}

/** New: the user names a new file in the native dialog; it holds an empty plan (or the
 *  demo rollout) and becomes the open one. */
export function newPlan(demo: boolean): Promise<string | null> {
  return call<string | null>("new_plan", { demo });
}

/** Save As: a copy of the open plan (with its undo journal) in a file the user names,
 *  which then becomes the open one. */
export function saveAs(): Promise<string | null> {
  return call<string | null>("save_as");
}

/** The plans opened lately, newest first (paths, to show). */
export function recentPlans(): Promise<string[]> {
  return call<string[]>("recent_plans");
}

/** Opens the recent plan at `index` of recentPlans(). */
export function openRecent(index: number): Promise<string | null> {
  return call<string | null>("open_recent", { index });
}

/** Calls `opened` each time a plan is opened from outside while the app runs (a second
 *  double-click on a .bridger file, `bridger-app plan.bridger`): the shell keeps the path;
 *  `openRequested` opens it. One listener, the page's latest. */
export function watchOpens(opened: () => void): Promise<void> {
  const onOpen = new Channel<null>(() => opened());
  return call<void>("watch_opens", { onOpen });
}

/** Opens the plan last asked for from outside, as File > Open opens the one picked; null
 *  when none is waiting. */
export function openRequested(): Promise<string | null> {
  return call<string | null>("open_requested");
}

/** The version of this Bridger (the workspace's Cargo.toml), for About. */
export function version(): Promise<string> {
  return call<string>("version");
}

/** The start page's demo (in the app's data folder, created the first time), opened. */
export function openDemo(): Promise<string> {
  return call<string>("open_demo");
}

/** A new plan from MS Project XML or JSON (`folder` false) or a folder of CSV files: the
 *  user picks it, then names the new plan file. Its path; null if cancelled. */
export function newFromFile(folder: boolean): Promise<string | null> {
  return call<string | null>("new_from_file", { folder });
}

/** The last simulation kept in the plan file, shaped for the Analysis tab. */
export function analysis(): Promise<Analysis> {
  return call<Analysis>("analysis");
}

/** Runs a simulation of the plan as it is now, in the background (edits go on); `progress`
 *  is called as it works. Resolves with the analysis (kept in the plan file; a `levelled`
 *  run, within the teams' capacity, is shown as such and not kept); rejects with code
 *  "cancelled" after cancelSimulation(), "busy" while another run works. */
export function simulate(iterations: number, progress: (p: SimProgress) => void, levelled = false): Promise<Analysis> {
  const onProgress = new Channel<SimProgress>(progress);
  return call<Analysis>("simulate", { iterations, levelled, onProgress });
}

/** Cancels the running simulation; false when none runs. */
export function cancelSimulation(): Promise<boolean> {
  return call<boolean>("cancel_simulation");
}

/** What a risk can delay downstream (with the last run's delays where it measured it). */
export function exposure(risk: string): Promise<RiskReach> {
  return call<RiskReach>("exposure", { risk });
}

/** Import into the open plan (the user picks the file, or a CSV folder): what it did and
 *  the view after it (null when the user cancelled). Rejects with the reader's message,
 *  which names the file, line and column; nothing is saved then. */
export async function importPlan(folder: boolean, arrangement: Arrangement): Promise<{ message: string; notes: string[]; view: PlanView | null } | null> {
  const r = await call<Imported | null>("import_plan", { folder, arrangement });
  if (r === null) return null;
  return { message: r.message, notes: r.notes, view: r.update ? await updated(r.update, arrangement) : null };
}

/** Export of the open plan (the user names the file or folder); null when cancelled. */
export function exportPlan(format: Format): Promise<Exported | null> {
  return call<Exported | null>("export_plan", { format });
}

/** Brief (PDF) on `paper` as of `date` (YYYY-MM-DD): the user names the file in the
 *  native dialog; null if cancelled. */
export function brief(paper: Paper, date: string): Promise<Written | null> {
  return call<Written | null>("brief", { paper, date });
}

/** The Capacity tab: load per team and week, and the Timeline (with the proposed
 *  leveling's bars while one is pending). */
export function capacity(): Promise<CapacityView> {
  return call<CapacityView>("capacity");
}

/** The Sites tab: every site against its wave (flags with their reasons), and every
 *  wave's span, gate, completion and forecast. */
export function sites(): Promise<SitesView> {
  return call<SitesView>("sites");
}

/** The template editor: template `template`'s steps and handoffs laid out by the core, the
 *  sites using it and each one's overrides. */
export function templateLayout(template: string): Promise<TemplateLayout> {
  return call<TemplateLayout>("template_layout", { template });
}

/** The Health tab and the status bar's grade: the DCMA 14 points, the ownership checks and the grade. */
export function health(): Promise<HealthReport> {
  return call<HealthReport>("health");
}

/** The Priorities tab: each priority by rank, the work serving it, its load on teams. */
export function priorities(): Promise<PrioritiesView> {
  return call<PrioritiesView>("priorities");
}

/** Gives the priorities the ranks 1, 2, 3... in this order (every id once): one undo step. */
export async function rerank(order: string[], arrangement: Arrangement): Promise<PlanView> {
  return updated(await call<Update>("rerank", { order, arrangement }), arrangement);
}

/** What to stop to meet `target` (YYYY-MM-DD; the plan's own when null): nothing saved. */
export function whatToStop(target: string | null): Promise<StopProposal> {
  return call<StopProposal>("what_to_stop", { target });
}

/** Accepts the proposal shown last; refused when the plan changed since. One undo step. */
export async function acceptStop(arrangement: Arrangement): Promise<PlanView> {
  return updated(await call<Update>("accept_stop", { arrangement }), arrangement);
}

/** Levels the plan as it is now, in the background; `progress` is called as it works.
 *  Resolves with the Capacity view holding the proposal (nothing is saved); rejects with
 *  code "cancelled" after cancelLevel(), "busy" while another leveling works. */
export function level(progress: (p: LevelProgress) => void, iterations: number | null = null): Promise<CapacityView> {
  const onProgress = new Channel<LevelProgress>(progress);
  return call<CapacityView>("level", { iterations, onProgress });
}

/** Cancels the running leveling; false when none runs. */
export function cancelLevel(): Promise<boolean> {
  return call<boolean>("cancel_level");
}

/** Saves the proposed leveling as one edit (one undo step); the view after it. Rejects
 *  with "not_found" when none is proposed, "invalid" when the plan changed since. */
export async function acceptLevel(arrangement: Arrangement): Promise<PlanView> {
  return updated(await call<Update>("accept_level", { arrangement }), arrangement);
}

/** Forgets the proposed leveling (nothing was saved). */
export function discardLevel(): Promise<boolean> {
  return call<boolean>("discard_level");
}

/** Clears an accepted leveling (every leveling delay back to 0), one undo step. */
export async function clearLevel(arrangement: Arrangement): Promise<PlanView> {
  return updated(await call<Update>("clear_level", { arrangement }), arrangement);
}

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (e) {
    throw asApiError(e);
  }
}

/** The core rejects with `{code, message}`; Tauri itself rejects with a string. */
function asApiError(e: unknown): ApiError {
  if (typeof e === "object" && e !== null && "code" in e && "message" in e) {
    return e as ApiError;
  }
  return { code: "internal", message: String(e) };
}
