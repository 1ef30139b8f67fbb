// A tab whose figures the core makes on request (Capacity, Sites): read when the tab is
// shown and the plan changed since the last read, never while it is hidden; forgotten when
// another plan opens. One rule for every such tab: a failed read shows nothing stale (the
// banner says why) and is tried again on the next look.
import type { ApiError } from "../bindings";

export interface LazyHost {
  /** A call to the core behind the window's other calls (the app's one queue). */
  queue<T>(fn: () => Promise<T>): Promise<T>;
  showError(e: ApiError, lead: string): void;
}

export abstract class LazyPanel<T> {
  data: T | null = null;
  private shown = false;
  /** The plan changed since `data` was read (or nothing was read yet). */
  protected dirty = true;

  constructor(
    readonly pane: HTMLElement,
    private readonly lazy: LazyHost,
    /** The banner's lead when the read fails ("The sites could not be read."). */
    private readonly failure: string,
  ) {}

  /** The figures, from the core. */
  protected abstract load(): Promise<T>;
  /** The pane drawn from `data` (null: nothing read). */
  protected abstract render(): void;
  /** What else belongs to the plan that was open (a picked cell, a filter). */
  protected forgotten(): void {}

  get isShown(): boolean {
    return this.shown;
  }

  setShown(shown: boolean): void {
    this.shown = shown;
    if (shown) void this.refresh();
  }

  /** The plan changed (an edit, undo, another program). */
  planChanged(): void {
    this.dirty = true;
    if (this.shown) void this.refresh();
  }

  /** Another plan was opened. */
  forget(): void {
    this.data = null;
    this.dirty = true;
    this.forgotten();
  }

  /** Read again if the plan changed, then draw. */
  async refresh(): Promise<void> {
    if (this.dirty) {
      try {
        this.data = await this.lazy.queue(() => this.load());
        this.dirty = false;
      } catch (e) {
        this.data = null;
        this.lazy.showError(e as ApiError, this.failure);
      }
    }
    this.render();
  }
}
