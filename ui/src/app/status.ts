// The status bar (findings by severity, the plan's size, the selection, the last message)
// and the error banner over whichever tab shows (a refused edit, an import's notes). It
// only shows what it is told: the counts are the core's findings counted, the messages
// are the core's or the caller's.
import type { ApiError, HealthReport, Severity } from "../bindings";
import { h, plural } from "../dom";
import type { State } from "./context";
import { SEVERITY_NOUN } from "../words";

const SEVERITIES: readonly Severity[] = ["critical", "warning", "info"];
const GRADE_WORD = { green: "green", amber: "amber", red: "red" } as const;
// the words people read are words.ts's (docs/glossary.md)
export { SEVERITY_NOUN } from "../words";

export class StatusBar {
  readonly bar = h("footer", { class: "status", "data-testid": "status-bar" });
  readonly banner = h("div", { class: "banner hidden", role: "alert", "data-testid": "error-banner", id: "edit-error" });
  private message = "";
  /** The schedule's health as the core last graded it (none: not read, or the plan is invalid). */
  private health: HealthReport | null = null;
  /** Opens the Health tab (the grade is a button). */
  openHealth: () => void = () => {};

  constructor(private readonly state: State) {
    this.banner.addEventListener("click", (e) => {
      if ((e.target as HTMLElement).closest("button")) this.banner.classList.add("hidden");
    });
  }

  render(): void {
    const v = this.state.view;
    if (!v) return;
    // a view of only what the folded map draws (`partial`) says the whole plan's counts
    const whole = v.partial;
    const counted: Record<Severity, number> | null = whole ? { critical: whole.critical, warning: whole.warnings, info: whole.infos } : null;
    const chips = SEVERITIES.map((sev) => {
      const n = counted ? counted[sev] : v.report.findings.filter((f) => f.severity === sev).length;
      return h("span", { class: `count sev-${sev}${n === 0 ? " zero" : ""}`, "data-severity": sev, "data-testid": `count-${sev}` }, plural(n, SEVERITY_NOUN[sev]));
    });
    const errors = whole ? whole.errors : v.report.errors.length;
    const sel = this.state.overlay.selection;
    const selText = sel.handoff !== null ? "1 handoff selected" : sel.cards.size > 0 ? `${plural(sel.cards.size, ["initiative", "initiatives"])} selected` : "";
    this.bar.replaceChildren(
      h("div", { class: "counts", "aria-label": "Findings by severity" }, errors > 0 && h("span", { class: "count sev-error", "data-testid": "count-error" }, plural(errors, ["error", "errors"])), ...chips),
      this.grade(),
      h("span", { class: "status-sel" }, `${plural(whole?.initiatives ?? v.plan.initiatives.length, ["initiative", "initiatives"])} · ${plural(whole?.handoffs ?? v.plan.handoffs.length, ["handoff", "handoffs"])}${selText ? ` · ${selText}` : ""}`),
      h("span", { class: "status-msg", "data-testid": "status-message", id: "status-message" }, this.message),
    );
  }

  setGrade(r: HealthReport | null): void {
    this.health = r;
    this.render();
  }

  private grade(): HTMLElement {
    const r = this.health;
    if (!r) return h("span", { class: "status-grade-none" });
    const fails = [...r.metrics, ...r.checks].filter((m) => m.pass === false).map((m) => m.name);
    const b = h("button", { type: "button", class: `grade ${r.grade}`, "data-testid": "status-grade", title: fails.length ? `Failing: ${fails.join(", ")}` : "Every metric and check that can be computed passes" }, `Health: ${GRADE_WORD[r.grade]}`);
    b.addEventListener("click", () => this.openHealth());
    return b;
  }

  note(message: string): void {
    this.message = message;
    this.render();
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

  /** Notes of an import or export in the banner (the first ten, and how many more). */
  showNotes(lead: string, notes: string[]): void {
    const shown = notes.slice(0, 10).join("\n") + (notes.length > 10 ? `\n… and ${notes.length - 10} more` : "");
    this.showError({ code: "invalid", message: shown }, lead);
    this.banner.dataset.code = "notes";
  }
}
