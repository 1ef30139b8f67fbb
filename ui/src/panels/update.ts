// The Update tab (issue 27, the review rhythm): the work due for an update around the plan's
// status date, as the core lists it (api::review: in progress, or due to start or finish
// within one rhythm; stale rows are the `not-updated` finding), one row per initiative with
// its name, owner and team, why it is due and when it was last updated, and what its owner
// says: status, progress or remaining work, actual dates, a note, or "Still true". Nothing
// is sent until Save: then one batch (one undo step) of patches of the changed fields only,
// and each confirmed row's own `still_true` edit (made by the core). This module keeps the
// unsaved entries and places the core's rows; every rule is the core's.
import "./update.css";
import * as backend from "../backend";
import type { ApiError, Edit, Initiative, PlanView, SinceView, Status, UpdateRow, UpdateView } from "../bindings";
import { button, h, plural } from "../dom";
import { STATUS_LABEL } from "../map/attributes";
import { REVIEW_WHY } from "../words";
import { confirmDeleteBaseline } from "./dialogs";
import { Entries } from "./entries";
import { sinceCard } from "./since";

export interface UpdateHost {
  /** A call to the core behind the window's other calls (the app's one queue). */
  queue<T>(fn: () => Promise<T>): Promise<T>;
  /** Edits as one undo step (the window shows the view after them); false: refused. */
  apply(edits: Edit[], then: () => void): Promise<boolean>;
  view(): PlanView | null;
  note(message: string): void;
  showError(e: ApiError, lead: string): void;
  /** These initiatives (and handoffs) selected and shown on the map. */
  showOnMap(ids: readonly string[], handoffs?: readonly string[]): void;
  /** The Plan tab (where the status date is set). */
  openPlanTab(): void;
  /** The whole view asked for again and shown (after what is no edit: a baseline kept, made
   *  of record or deleted, which the variance and the Timeline follow). */
  reload(): Promise<boolean>;
}

export class UpdatePanel {
  data: UpdateView | null = null;
  since: SinceView | null = null;
  /** The baseline picked for "Since" (null: the latest). */
  private baseline: string | null = null;
  private shown = false;
  private dirty = true;
  private entries = new Entries();
  /** Per row shown: its marks and its "Still true" button brought up to its entry. */
  private syncs = new Map<string, () => void>();

  constructor(
    readonly pane: HTMLElement,
    readonly host: UpdateHost,
  ) {}

  setShown(shown: boolean): void {
    this.shown = shown;
    if (shown) void this.refresh();
  }

  /** The plan changed (an edit, undo, another program): the list is read again; what the
   *  user entered and has not saved stays. */
  planChanged(): void {
    this.dirty = true;
    if (this.shown && !this.pane.contains(document.activeElement)) void this.refresh();
  }

  /** Another plan was opened. */
  forget(): void {
    this.data = null;
    this.since = null;
    this.baseline = null;
    this.entries.clear();
    this.dirty = true;
  }

  /** How many rows have unsaved entries. */
  get pending(): number {
    return this.edits().length;
  }

  async refresh(): Promise<void> {
    if (this.dirty) {
      try {
        this.data = await this.host.queue(() => backend.updateView());
        this.dirty = false;
      } catch (e) {
        this.host.showError(e as ApiError, "The work due for an update could not be read.");
      }
      try {
        this.since = await this.host.queue(() => backend.since(this.baseline));
      } catch (e) {
        this.since = null;
        this.host.showError(e as ApiError, "What moved since the baseline could not be read.");
      }
    }
    this.render();
  }

  /** The edits Save sends: per row, a patch of its changed fields, else its confirmation. */
  edits(): Edit[] {
    return this.entries.edits(this.data?.rows ?? []);
  }

  async save(): Promise<void> {
    const edits = this.edits();
    if (edits.length === 0) return;
    const saved = await this.host.apply(edits, () => {
      this.entries.clear();
      this.host.note(`${plural(edits.length, ["update", "updates"])} saved as one step (Undo takes them back)`);
    });
    if (saved) {
      this.dirty = true;
      await this.refresh();
    }
  }

  async keep(name: string): Promise<void> {
    try {
      const k = await this.host.queue(() => backend.keepBaseline(name));
      this.baseline = k.name;
      this.host.note(`Baseline “${k.name}” kept${k.of_record ? " (of record)" : ""}: what moves from now on is shown under Since ${k.name}`);
      this.dirty = true;
      if (k.of_record) await this.host.reload();
      await this.refresh();
    } catch (e) {
      this.host.showError(e as ApiError, "No baseline kept.");
    }
  }

  /** Makes `name` the baseline of record; the view follows it. */
  async ofRecord(name: string): Promise<void> {
    try {
      await this.host.queue(() => backend.baselineOfRecord(name));
      this.baseline = name;
      this.host.note(`“${name}” is the baseline of record: the Timeline's baseline bars and the map's move badges are measured against it`);
      this.dirty = true;
      await this.host.reload();
      await this.refresh();
    } catch (e) {
      this.host.showError(e as ApiError, "The baseline of record is as it was.");
    }
  }

  /** Deletes the baseline `name`, once the user said so. */
  async remove(name: string): Promise<void> {
    const record = this.since?.baselines.find((b) => b.name === name)?.of_record ?? false;
    if (!(await confirmDeleteBaseline(name, record))) return;
    try {
      await this.host.queue(() => backend.deleteBaseline(name));
      this.baseline = null;
      this.host.note(`Baseline “${name}” deleted`);
      this.dirty = true;
      await this.host.reload();
      await this.refresh();
    } catch (e) {
      this.host.showError(e as ApiError, "The baseline is kept.");
    }
  }

  discard(): void {
    this.entries.clear();
    this.render();
  }

  // ---------------------------------------------------------------- drawing

  render(): void {
    if (!this.shown) return;
    const v = this.data;
    const root = h("div", { class: "update", "data-testid": "update" });
    root.append(this.head(v));
    if (v && v.status_date === null) {
      root.append(
        h(
          "div",
          { class: "u-empty", "data-testid": "update-empty" },
          h("p", {}, "This plan has no status date yet. Set one on the Plan tab: the day progress is true at the end of. The work due for an update around it is listed here."),
          button("update-open-plan", "Set the status date…", "Open the Plan tab", () => this.host.openPlanTab(), "btn"),
        ),
      );
    } else if (v && v.rows.length === 0) {
      root.append(h("p", { class: "u-empty", "data-testid": "update-empty" }, `Nothing is due for an update around ${v.status_date}: no work in progress, none starting or finishing within ${plural(v.review_every_days, ["day", "days"])}.`));
    } else if (v) {
      root.append(this.table(v));
    }
    root.append(
      sinceCard(
        {
          pick: (name) => {
            this.baseline = name;
            this.dirty = true;
            void this.refresh();
          },
          keep: (name) => void this.keep(name),
          ofRecord: (name) => void this.ofRecord(name),
          remove: (name) => void this.remove(name),
          showOnMap: (ids, handoffs) => this.host.showOnMap(ids, handoffs),
        },
        this.since,
      ),
    );
    const scroll = this.pane.querySelector(".u-scroll")?.scrollTop ?? 0;
    this.pane.replaceChildren(root);
    const s = this.pane.querySelector(".u-scroll");
    if (s) s.scrollTop = scroll;
  }

  private head(v: UpdateView | null): HTMLElement {
    const head = h("div", { class: "panel-head" }, h("h2", {}, "Update"));
    if (v?.status_date) {
      head.append(h("span", { class: "muted", "data-testid": "update-as-of" }, `as of ${v.status_date} · review every ${plural(v.review_every_days, ["day", "days"])}`));
      if (v.rows.length > 0) {
        head.append(
          v.stale > 0
            ? h("span", { class: "c-chip over", "data-testid": "update-stale-count", title: "Not updated within one review of the status date" }, `${v.stale} not updated`)
            : h("span", { class: "c-chip fits", "data-testid": "update-stale-count" }, "All up to date"),
        );
      }
    }
    const n = this.pending;
    const bar = h("div", { class: "run-bar push" });
    bar.append(h("span", { class: "muted u-pending", "data-testid": "update-pending" }, n === 0 ? "No unsaved changes" : `${plural(n, ["row", "rows"])} changed`));
    const discard = button("update-discard", "Discard", "Forget what you entered here", () => this.discard(), "btn");
    const save = button("update-save", n === 0 ? "Save" : `Save ${plural(n, ["update", "updates"])}`, "Save every row you changed or confirmed, as one step Undo takes back", () => void this.save(), "btn primary");
    discard.disabled = n === 0;
    save.disabled = n === 0;
    bar.append(discard, save);
    head.append(bar);
    return head;
  }

  private table(v: UpdateView): HTMLElement {
    const plan = this.host.view()?.plan;
    const byId = new Map<string, Initiative>((plan?.initiatives ?? []).map((i) => [i.id, i]));
    const cols: [string, string, string?][] = [
      ["Initiative", "u-name"],
      ["Owner", "u-owner"],
      ["Why", "u-why", "Why it is due: in progress, or due to start or finish within one review"],
      ["Last update", "u-last", "The status date in force when its owner last said where it stands"],
      ["Status", "u-status"],
      ["Progress %", "u-num"],
      ["Remaining", "u-num", "Working days left (wins over the progress when set)"],
      ["Actual start", "u-date"],
      ["Actual finish", "u-date"],
      ["Note", "u-note"],
      ["", "u-confirm"],
    ];
    this.syncs.clear();
    const rows = v.rows.map((r) => {
      const i = byId.get(r.id);
      return i ? this.row(r, i) : null;
    });
    return h(
      "div",
      { class: "u-scroll" },
      h(
        "table",
        { class: "u-table", "data-testid": "update-table" },
        h("thead", {}, h("tr", {}, ...cols.map(([label, cls, title]) => h("th", { class: cls, scope: "col", title }, label)))),
        h("tbody", {}, ...rows),
      ),
    );
  }

  /** `field` entered as `value` on row `id`; back to the saved value: no change. Only the
   *  row's marks and the head change (the focus moves on with Tab undisturbed). */
  private set(id: string, field: string, value: unknown, saved: unknown, input: HTMLElement): void {
    input.classList.toggle("u-changed", this.entries.set(id, field, value, saved));
    this.syncs.get(id)?.();
    this.renderHead();
  }

  private renderHead(): void {
    const old = this.pane.querySelector(".update > .panel-head");
    if (old) old.replaceWith(this.head(this.data));
  }

  private row(r: UpdateRow, i: Initiative): HTMLElement {
    const e = this.entries.get(r.id);
    const shown = <T>(field: string, saved: T): T => (e && field in e.fields ? (e.fields[field] as T) : saved);
    const changed = (field: string) => (e && field in e.fields ? " u-changed" : "");
    const label = (what: string) => `${what} of ${i.name}`;

    const status = h("select", { class: `cell-input${changed("status")}`, "data-testid": "update-status", "aria-label": label("Status") });
    for (const [s, text] of Object.entries(STATUS_LABEL)) status.append(h("option", { value: s }, text));
    status.value = shown<Status>("status", i.status);
    status.addEventListener("change", () => this.set(r.id, "status", status.value, i.status, status));

    const progress = h("input", { type: "number", min: "0", max: "100", step: "1", class: `cell-input num${changed("progress")}`, "data-testid": "update-progress", "aria-label": label("Progress %") });
    progress.value = String(Math.round(shown<number>("progress", i.progress) * 100));
    progress.addEventListener("change", () => {
      const n = numberOf(progress);
      if (n !== undefined) this.set(r.id, "progress", n / 100, i.progress, progress);
    });

    const remaining = h("input", { type: "number", min: "0", step: "1", placeholder: "–", class: `cell-input num${changed("remaining")}`, "data-testid": "update-remaining", "aria-label": label("Remaining working days") });
    const rem = shown<number | null>("remaining", i.remaining ?? null);
    remaining.value = rem === null ? "" : String(rem);
    remaining.addEventListener("change", () => {
      const n = remaining.value.trim() === "" ? null : numberOf(remaining);
      if (n !== undefined) this.set(r.id, "remaining", n, i.remaining ?? null, remaining);
    });

    const dateInput = (field: "actual_start" | "actual_finish", what: string) => {
      const d = h("input", { type: "text", placeholder: "–", title: "YYYY-MM-DD", inputmode: "numeric", maxlength: "10", class: `cell-input date${changed(field)}`, "data-testid": `update-${field.replace("_", "-")}`, "aria-label": label(what) });
      d.value = shown<string | null>(field, i[field] ?? null) ?? "";
      d.addEventListener("change", () => this.set(r.id, field, d.value.trim() || null, i[field] ?? null, d));
      return d;
    };

    const note = h("input", { type: "text", autocomplete: "off", placeholder: "What changed?", class: `cell-input${changed("notes")}`, "data-testid": "update-note", "aria-label": label("Note") });
    note.value = shown<string>("notes", i.notes ?? "");
    note.addEventListener("change", () => this.set(r.id, "notes", note.value, i.notes ?? "", note));

    for (const input of [progress, remaining, note]) {
      input.addEventListener("keydown", (ev) => {
        if ((ev as KeyboardEvent).key === "Enter") input.blur();
      });
    }

    const still = button("update-still-true", "Still true", "", () => {
      this.entries.toggleStillTrue(r.id);
      sync();
      this.renderHead();
    }, "btn small u-still");
    still.removeAttribute("id"); // one per row
    const name = h("button", { type: "button", class: "u-link", title: "Show it on the map", "data-testid": "update-name" }, r.name);
    name.addEventListener("click", () => this.host.showOnMap([r.id]));
    const last = r.last_update ?? "never";
    const tr = h(
      "tr",
      { class: "u-row", "data-id": r.id, "data-testid": "update-row", "data-stale": String(r.stale) },
      h("td", { class: "u-name" }, name, h("span", { class: "u-sub muted" }, [r.team, `${r.start_date} → ${r.finish_date}`].filter(Boolean).join(" · "))),
      h("td", { class: "u-owner" }, r.owner),
      h("td", { class: "u-why" }, h("span", { class: `u-why-tag u-why-${r.why}` }, REVIEW_WHY[r.why])),
      h(
        "td",
        { class: "u-last" },
        h("span", {}, last),
        r.stale && h("span", { class: "u-stale", "data-testid": "update-stale", title: `Not updated within ${plural(this.data?.review_every_days ?? 7, ["day", "days"])} of the status date` }, "not updated"),
      ),
      h("td", { class: "u-status" }, status),
      h("td", { class: "u-num" }, progress),
      h("td", { class: "u-num" }, remaining),
      h("td", { class: "u-date" }, dateInput("actual_start", "Actual start")),
      h("td", { class: "u-date" }, dateInput("actual_finish", "Actual finish")),
      h("td", { class: "u-note" }, note),
      h("td", { class: "u-confirm" }, still),
    );
    const sync = () => {
      const edited = this.entries.edited(r.id);
      const confirmed = this.entries.confirmed(r.id);
      still.textContent = confirmed ? "✓ Still true" : "Still true";
      still.title = edited ? "Your changes on this row update it" : confirmed ? "Confirmed: saved with the others (press again to take it back)" : "Where this work stands has not changed: record that its owner said so";
      still.disabled = edited;
      still.classList.toggle("u-confirmed", confirmed);
      still.setAttribute("aria-pressed", String(confirmed));
      still.setAttribute("aria-label", `Still true: ${r.name}`);
      tr.classList.toggle("u-row-done", edited || confirmed);
      tr.classList.toggle("u-row-stale", r.stale && !(edited || confirmed));
    };
    this.syncs.set(r.id, sync);
    sync();
    return tr;
  }
}

function numberOf(i: HTMLInputElement): number | undefined {
  if (i.value.trim() === "" || !i.checkValidity()) return undefined;
  const n = Number(i.value);
  return Number.isFinite(n) ? n : undefined;
}
