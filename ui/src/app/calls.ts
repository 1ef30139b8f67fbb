// The calls to the core: one queue, so a call runs only after the one before it (an edit
// never races the 500 ms poll of `changed()`); the poll itself; and what an answer does: a
// view (an edit's delta is merged into one by backend.ts) goes to the host's `show`, a
// refusal to the banner. File > New, Open, Save As, Import, Export are calls too. It builds
// no edit (the rooms hand it theirs) and draws nothing itself.
import * as backend from "../backend";
import type { ApiError, Arrangement, Edit, EditSummary, FoldChange, PlanView } from "../bindings";
import { plural } from "../dom";
import type { FileHost } from "../panels/files";
import type { State } from "./context";

const POLL_MS = 500;

export interface CallsHost {
  readonly state: State;
  show(v: PlanView, why?: "edit" | "outside"): void;
  note(message: string): void;
  showError(e: ApiError, lead?: string): void;
  hideError(): void;
  /** An import's or export's notes in the banner. */
  showNotes(lead: string, notes: string[]): void;
  /** A call was refused: every form back at the saved values, the map redrawn. */
  refused(): void;
  /** Another plan is open now: what belonged to the last one goes. */
  forgetPlan(): void;
  /** Another program kept a simulation (no edit): the Analysis tab reads it again. */
  keptChanged(): void;
  /** The arrangement changed: its buttons show it before the view arrives. */
  arrangementChanged(): void;
}

/** What an undo step holds, for people: "patch initiative api and 2 more (by …)". */
export function describe(s: EditSummary): string {
  const by = s.source && s.source !== "Bridger app" ? ` (by ${s.source})` : "";
  const batch = s.edits > 1 ? ` and ${s.edits - 1} more` : "";
  return `${s.op} ${s.kind} ${s.id}${batch}${by}`;
}

export class Calls {
  private queue: Promise<unknown> = Promise.resolve();
  private pending = 0;

  constructor(private readonly host: CallsHost) {}

  /** One call to the core at a time, in order: an edit never races a refresh. */
  run<T>(fn: () => Promise<T>): Promise<T> {
    this.pending++;
    const p = this.queue.then(fn);
    this.queue = p.catch(() => undefined).finally(() => this.pending--);
    return p;
  }

  async load(): Promise<void> {
    // the parts of the first paint, read by tests/e2e/perf.mjs: the first view asked for
    // (the core, the IPC, the JSON) and the window built from it
    const asked = performance.now();
    const v = await this.run(() => backend.firstView(this.host.state.arrangement));
    const received = performance.now();
    performance.measure("bridger:first-view", { start: asked, end: received });
    this.host.show(v);
    performance.measure("bridger:first-show", { start: received });
  }

  /** The view asked for again (another program's edit, another arrangement): only what the
   *  folded map draws while the window holds only that, else the whole view. */
  private again(): Promise<PlanView> {
    const a = this.host.state.arrangement;
    return this.host.state.view?.partial ? backend.firstView(a) : backend.view(a);
  }

  /** The view asked for again and shown, as after another program's edit. */
  async reload(): Promise<void> {
    this.host.show(await this.run(() => this.again()), "outside");
  }

  private whole: Promise<void> | null = null;

  /** The whole view, when the window holds only what the folded map draws (the first view of a
   *  folded plan, and the views after its edits): asked for before anything reads the whole
   *  plan (another tab, the search, a new id). From then on the window holds whole views. */
  ensureWhole(): Promise<void> {
    if (!this.host.state.view?.partial) return Promise.resolve();
    this.whole ??= (async () => {
      try {
        const v = await this.run(() => backend.view(this.host.state.arrangement));
        this.host.show(v, "outside");
      } catch (e) {
        this.host.showError(e as ApiError, "The whole plan could not be read.");
      } finally {
        this.whole = null;
      }
    })();
    return this.whole;
  }

  /** Asks the core every 500 ms whether another program changed the plan. */
  startPolling(): void {
    setInterval(() => void this.refreshIfChanged(), POLL_MS);
  }

  private async refreshIfChanged(): Promise<void> {
    if (this.pending > 0) return;
    try {
      const c = await this.run(() => backend.changed());
      if (c.plan) {
        this.host.show(await this.run(() => this.again()), "outside");
        this.host.note("The plan was changed by another program");
      } else {
        // another baseline of record (no edit): the view's moves measured anew, quietly
        if (c.baselines) this.host.show(await this.run(() => this.again()), "outside");
        if (c.analysis) this.host.keptChanged();
      }
    } catch {
      // the next poll tries again; a real problem shows on the next edit
    }
  }

  apply(edits: Edit[], then?: (v: PlanView) => void): Promise<boolean> {
    return this.viewCall(() => backend.apply(edits, this.host.state.arrangement), then);
  }

  /** A call to the core that returns the new view (apply, place, arrange): shown, or its
   *  refusal shown and every form back at the saved values. */
  async viewCall(fn: () => Promise<PlanView>, then?: (v: PlanView) => void): Promise<boolean> {
    try {
      // the parts of an edit's time, read by tests/e2e/perf.mjs: the call (the core, the
      // IPC, the delta merged) and the window rebuilt from the view
      const called = performance.now();
      const v = await this.run(fn);
      const received = performance.now();
      performance.measure("bridger:call", { start: called, end: received });
      this.host.hideError();
      this.host.show(v);
      performance.measure("bridger:show", { start: received });
      then?.(v);
      return true;
    } catch (e) {
      this.host.showError(e as ApiError);
      this.host.refused();
      return false;
    }
  }

  /** Collapses or expands waves and sites on the map (view state: nothing to undo). */
  fold(change: FoldChange): Promise<boolean> {
    return this.viewCall(() => backend.fold(change, this.host.state.arrangement));
  }

  async step(dir: "undo" | "redo"): Promise<void> {
    try {
      const s = await this.run(() => (dir === "undo" ? backend.undo(this.host.state.arrangement) : backend.redo(this.host.state.arrangement)));
      this.host.hideError();
      this.host.show(s.view);
      this.host.note(s.summary ? `${dir === "undo" ? "Undone" : "Redone"}: ${describe(s.summary)}` : `Nothing to ${dir}`);
    } catch (e) {
      this.host.showError(e as ApiError);
    }
  }

  async switchArrangement(a: Arrangement): Promise<void> {
    if (a === this.host.state.arrangement) return;
    this.host.state.arrangement = a;
    this.host.arrangementChanged();
    try {
      this.host.show(await this.run(() => this.again()));
    } catch (e) {
      this.host.showError(e as ApiError);
    }
  }

  /** The File menu's commands (without the brief, which is the Analysis tab's). */
  fileMenu(): FileHost {
    return {
      newPlan: (demo) => void this.fileCommand(() => backend.newPlan(demo), demo ? "Created the demo plan" : "Created an empty plan", "Not created."),
      open: () => void this.fileCommand(() => backend.openPlan(), "Opened", "Not opened."),
      saveAs: () => void this.fileCommand(() => backend.saveAs(), "Saved a copy; now editing", "Not saved."),
      recent: () => this.run(() => backend.recentPlans()),
      openRecent: (n) => void this.fileCommand(() => backend.openRecent(n), "Opened", "Not opened."),
      importPlan: (folder) => void this.importPlan(folder),
      exportPlan: (format) => void this.exportPlan(format),
    };
  }

  /** A plan opened from outside while the app runs (a second double-click on a .bridger
   *  file): opened as File > Open opens the one picked. */
  openRequested(): void {
    void this.fileCommand(() => backend.openRequested(), "Opened", "Not opened.");
  }

  /** New, Open, Save As, a recent plan: the shell shows the dialog and opens the file; then the
   *  window draws the plan now open. A file that is not a plan leaves the window as it was. */
  private async fileCommand(fn: () => Promise<string | null>, done: string, lead: string): Promise<void> {
    let path: string | null;
    try {
      path = await this.run(fn);
    } catch (e) {
      this.host.showError(e as ApiError, lead);
      return;
    }
    if (path === null) return; // cancelled
    try {
      const v = await this.run(() => backend.firstView(this.host.state.arrangement));
      this.host.hideError();
      this.host.forgetPlan();
      this.host.show(v);
      this.host.note(`${done} ${path}`);
    } catch (e) {
      this.host.showError(e as ApiError, lead);
    }
  }

  /** File > Import: into the open plan, as one undo step; what the format could not keep
   *  is listed in the banner. */
  private async importPlan(folder: boolean): Promise<void> {
    try {
      const r = await this.run(() => backend.importPlan(folder, this.host.state.arrangement));
      if (!r) return;
      this.host.hideError();
      if (r.view) this.host.show(r.view);
      this.host.note(r.message);
      if (r.notes.length > 0) this.host.showNotes(`${plural(r.notes.length, ["note", "notes"])} on the import:`, r.notes);
    } catch (e) {
      this.host.showError(e as ApiError, "Not imported.");
    }
  }

  /** File > Export as MS Project XML, Primavera P6 XER or a CSV folder. */
  private async exportPlan(format: "mspdi" | "xer" | "csv" | "json"): Promise<void> {
    try {
      const r = await this.run(() => backend.exportPlan(format));
      if (!r) return;
      this.host.hideError();
      this.host.note(r.message);
      if (r.notes.length > 0) this.host.showNotes(`${plural(r.notes.length, ["thing", "things"])} the file cannot say:`, r.notes);
    } catch (e) {
      this.host.showError(e as ApiError, "Not exported.");
    }
  }
}
