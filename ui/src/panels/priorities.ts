// The Priorities tab (issue 29, item 4): each strategic priority by rank with its owner, the
// work serving it (count, done, blocked, deferred), its finish (the kept forecast's P80, else
// the finish if nothing slips) against its target and its load on teams (api::priorities);
// drag a row, or press Alt+↑/↓ on it, to re-rank (one undo step). Below, What to stop: pick a
// target date, see what the core proposes to defer and what goes with each, and accept it
// (refused by the core when the plan changed since it was shown) or discard it. This module
// only places what the core returned; the order sent is the pure prioritylist's.
import "./priorities.css";
import * as backend from "../backend";
import type { ApiError, Arrangement, PlanView, PrioritiesView, StopProposal } from "../bindings";
import { h, plural } from "../dom";
import { LazyPanel } from "./lazy";
import { dropped, finishWords, loadWords, moved, STATUS_WORDS, withWords, workWords } from "./prioritylist";

export interface PrioritiesHost {
  /** A call to the core behind the window's other calls (the app's one queue). */
  queue<T>(fn: () => Promise<T>): Promise<T>;
  /** A call answered by a new view (an edit): shown, or its refusal shown; whether it was. */
  viewCall(fn: () => Promise<PlanView>): Promise<boolean>;
  view(): PlanView | null;
  arrangement(): Arrangement;
  showError(e: ApiError, lead: string): void;
  note(msg: string): void;
  /** Select these initiatives and show them on the map. */
  showOnMap(ids: string[]): void;
}

export class PrioritiesPanel extends LazyPanel<PrioritiesView> {
  /** The What-to-stop proposal shown, until accepted or discarded. */
  proposal: StopProposal | null = null;
  private target = "";
  private busy = false;
  /** The row to focus after a re-rank by keys. */
  private focusId: string | null = null;

  constructor(
    pane: HTMLElement,
    readonly host: PrioritiesHost,
  ) {
    super(pane, host, "The priorities could not be read.");
  }

  protected load(): Promise<PrioritiesView> {
    return backend.priorities();
  }

  protected forgotten(): void {
    this.proposal = null;
    this.target = "";
  }

  private name(id: string): string {
    return this.host.view()?.plan.initiatives.find((i) => i.id === id)?.name ?? id;
  }

  protected render(): void {
    const v = this.data;
    const root = h("div", { class: "priorities", "data-testid": "priorities" });
    if (!v) {
      this.pane.replaceChildren(root);
      return;
    }
    const late = v.priorities.filter((p) => p.status === "late").length;
    root.append(
      h(
        "div",
        { class: "panel-head" },
        h("h2", {}, "Priorities"),
        v.priorities.length > 0 && h("span", { class: `c-chip ${late > 0 ? "over" : "fits"}`, "data-testid": "priorities-late" }, late > 0 ? `${late} late` : "None late"),
        h("span", { class: "muted" }, v.priorities.length === 0 ? "" : `${plural(v.priorities.length, ["priority", "priorities"])} by rank, 1 the highest · drag a row, or Alt+↑/↓ on it, to re-rank · ${v.forecast ? "finish: P80 of the kept forecast" : "finish if nothing slips (no current forecast)"}`),
      ),
    );
    if (v.priorities.length === 0) {
      root.append(h("p", { class: "u-empty", "data-testid": "priorities-empty" }, "This plan has no priorities. Add them with the edit add_priority (docs/plan-format.md) and tie work to them with its serves field."));
    } else {
      root.append(this.list(v));
    }
    if (v.unserved.length > 0) {
      const go = h("button", { type: "button", class: "linklike", "data-testid": "priorities-unserved-show" }, "show on the map");
      go.addEventListener("click", () => this.host.showOnMap(v.unserved));
      root.append(h("p", { class: "pr-unserved", "data-testid": "priorities-unserved" }, `${plural(v.unserved.length, ["initiative", "initiatives"])} not tied to any priority: candidates to stop · `, go));
    }
    root.append(this.stop());
    this.pane.replaceChildren(root);
    if (this.focusId) {
      (root.querySelector(`[data-id="${CSS.escape(this.focusId)}"]`) as HTMLElement | null)?.focus();
      this.focusId = null;
    }
  }

  private list(v: PrioritiesView): HTMLElement {
    const order = v.priorities.map((p) => p.id);
    const team = (id: string) => this.host.view()?.plan.teams.find((t) => t.id === id)?.name ?? id;
    const list = h("ol", { class: "pr-list", "data-testid": "priorities-list", "aria-label": "Priorities by rank" });
    for (const p of v.priorities) {
      const row = h(
        "li",
        { class: `pr-row ${p.status}`, draggable: "true", tabindex: "0", "data-id": p.id, "data-testid": `priority-${p.id}`, "aria-label": `${p.rank}. ${p.name}` },
        h("span", { class: "pr-grip", "aria-hidden": "true" }, "⋮⋮"),
        h("span", { class: "pr-rank", "data-testid": "priority-rank" }, String(p.rank)),
        h("div", { class: "pr-main" }, h("div", { class: "pr-name" }, p.name), h("div", { class: "pr-owner muted" }, p.owner ? `Owner: ${p.owner}` : "No owner")),
        h("div", { class: "pr-work", "data-testid": "priority-work" }, workWords(p)),
        h("div", { class: "pr-finish" }, h("div", {}, finishWords(p)), h("div", { class: "muted" }, p.target ? `target ${p.target}` : "no target")),
        h("span", { class: `pr-status ${p.status}`, "data-testid": "priority-status" }, STATUS_WORDS[p.status]),
        h("div", { class: "pr-load muted" }, loadWords(v.loads, p.id, team)),
      );
      row.addEventListener("keydown", (e) => {
        if (!e.altKey || (e.key !== "ArrowUp" && e.key !== "ArrowDown")) return;
        e.preventDefault();
        this.focusId = p.id;
        void this.rerank(moved(order, p.id, e.key === "ArrowUp" ? -1 : 1));
      });
      row.addEventListener("dblclick", () => this.host.showOnMap(p.initiatives));
      row.addEventListener("dragstart", (e) => {
        e.dataTransfer?.setData("text/plain", p.id);
        row.classList.add("dragging");
      });
      row.addEventListener("dragend", () => row.classList.remove("dragging"));
      row.addEventListener("dragover", (e) => {
        e.preventDefault();
        row.classList.add("drop");
      });
      row.addEventListener("dragleave", () => row.classList.remove("drop"));
      row.addEventListener("drop", (e) => {
        e.preventDefault();
        const id = e.dataTransfer?.getData("text/plain") ?? "";
        void this.rerank(dropped(order, id, order.indexOf(p.id)));
      });
      list.append(row);
    }
    return list;
  }

  private async rerank(order: string[] | null): Promise<void> {
    if (!order) return;
    const ok = await this.host.viewCall(() => backend.rerank(order, this.host.arrangement()));
    if (ok) this.host.note("Priorities re-ranked (undo with Ctrl+Z)");
  }

  private stop(): HTMLElement {
    const plan = this.host.view()?.plan;
    const date = h("input", { type: "date", class: "cell-input", "data-testid": "stop-target", "aria-label": "Target date" });
    date.value = this.target || (plan?.target ?? "");
    date.addEventListener("change", () => (this.target = date.value));
    const propose = h("button", { type: "button", class: "primary", "data-testid": "stop-propose" }, this.busy ? "Proposing…" : "Propose");
    propose.disabled = this.busy;
    propose.addEventListener("click", () => void this.propose(date.value || null));
    const box = h(
      "section",
      { class: "pr-stop", "data-testid": "what-to-stop" },
      h("h3", {}, "What to stop"),
      h("p", { class: "muted" }, "The work to defer so that the levelled plan meets a date: work tied to no priority first, then the lowest-ranked. Deferred work stays in the plan, greyed on the map, out of the schedule."),
      h("div", { class: "pr-stop-form" }, h("label", {}, "Meet ", date), propose),
    );
    const p = this.proposal;
    if (p) box.append(this.proposalView(p));
    return box;
  }

  private async propose(target: string | null): Promise<void> {
    this.busy = true;
    this.render();
    try {
      this.proposal = await this.host.queue(() => backend.whatToStop(target));
    } catch (e) {
      this.host.showError(e as ApiError, "No proposal could be made.");
    } finally {
      this.busy = false;
      this.render();
    }
  }

  private proposalView(p: StopProposal): HTMLElement {
    const out = h("div", { class: "pr-proposal", "data-testid": "stop-proposal" });
    if (p.deferred.length === 0) {
      out.append(h("p", { "data-testid": "stop-summary" }, `The levelled plan finishes ${p.finish_before_date}${p.meets ? `, by ${p.target}: nothing to stop` : `: deferring work does not bring it to ${p.target}`}.`));
    } else {
      out.append(
        h(
          "p",
          { "data-testid": "stop-summary" },
          `${p.meets ? "Meets" : "Still misses"} ${p.target} by deferring ${plural(p.deferred.length, ["initiative", "initiatives"])}: the finish moves from ${p.finish_before_date} to ${p.finish_after_date} (${plural(p.days_gained, ["working day", "working days"])} gained), ${p.value_total > 0 ? `deferring ${Math.round(p.value_deferred)} of ${Math.round(p.value_total)} in value` : "no initiative has a value set"}.`,
        ),
      );
      const rows = p.deferred.map((d) =>
        h(
          "tr",
          { "data-testid": "stop-item" },
          h("td", { class: "u-name" }, d.name),
          h("td", { class: "u-name muted", title: d.successors.map((id) => this.name(id)).join("\n") }, withWords(d.successors.map((id) => this.name(id)))),
          h("td", { class: "num" }, String(d.days_gained)),
          h("td", { class: "num" }, String(Math.round(d.value_deferred))),
        ),
      );
      out.append(h("table", { class: "u-table pr-stop-table" }, h("thead", {}, h("tr", {}, h("th", {}, "Defer"), h("th", {}, "Goes with it"), h("th", { class: "num" }, "Days gained"), h("th", { class: "num" }, "Value deferred"))), h("tbody", {}, ...rows)));
    }
    const accept = h("button", { type: "button", class: "primary", "data-testid": "stop-accept" }, "Accept");
    accept.disabled = p.deferred.length === 0;
    accept.addEventListener("click", () => void this.accept(p));
    const discard = h("button", { type: "button", "data-testid": "stop-discard" }, "Discard");
    discard.addEventListener("click", () => {
      this.proposal = null;
      this.render();
    });
    out.append(h("div", { class: "pr-actions" }, accept, discard));
    return out;
  }

  private async accept(p: StopProposal): Promise<void> {
    const ok = await this.host.viewCall(() => backend.acceptStop(this.host.arrangement()));
    if (ok) {
      this.proposal = null;
      this.host.note(`${plural(p.deferred.length, ["deferral", "deferrals"])} accepted (undo with Ctrl+Z)`);
    }
    this.render();
  }
}
