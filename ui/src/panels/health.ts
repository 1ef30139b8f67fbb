// The Health tab (issue 31): the DCMA 14-point assessment of the schedule and Bridger's
// ownership checks (api::assessment), each against its threshold, and the grade. A row's
// "on the map" and "in the schedule" show the initiatives it counts there. This module only
// places what the core returned; the words and what a row stands for on the map are the
// pure healthlist's.
import "./health.css";
import * as backend from "../backend";
import type { ApiError, HealthReport, Measure, Plan } from "../bindings";
import { h, plural } from "../dom";
import { LazyPanel } from "./lazy";
import { countWords, failing, GRADE_WORDS, initiativesOf, thresholdWords, valueWords, verdict } from "./healthlist";

export interface HealthHost {
  /** A call to the core behind the window's other calls (the app's one queue). */
  queue<T>(fn: () => Promise<T>): Promise<T>;
  plan(): Plan | null;
  showError(e: ApiError, lead: string): void;
  /** Select these initiatives and show them on the map. */
  showOnMap(ids: string[]): void;
  /** Select these initiatives and show them in the schedule table. */
  showInSchedule(ids: string[]): void;
  /** The grade read (the status bar shows it); null: none (another plan, or a failed read). */
  graded(r: HealthReport | null): void;
}

const VERDICT_WORDS = { pass: "pass", fail: "fail", none: "n/a" } as const;

export class HealthPanel extends LazyPanel<HealthReport> {
  constructor(
    pane: HTMLElement,
    readonly host: HealthHost,
  ) {
    super(pane, host, "The schedule's health could not be read.");
  }

  /** The plan changed: read again now if the tab shows; else only the grade, for the status
   *  bar (the table is drawn when the tab is next shown). */
  planChanged(): void {
    super.planChanged();
    if (!this.isShown) {
      void this.host.queue(() => backend.health()).then(
        (r) => this.host.graded(r),
        () => this.host.graded(null),
      );
    }
  }

  protected forgotten(): void {
    this.host.graded(null);
  }

  protected async load(): Promise<HealthReport> {
    const r = await backend.health();
    this.host.graded(r);
    return r;
  }

  protected render(): void {
    const r = this.data;
    const root = h("div", { class: "health", "data-testid": "health" });
    if (!r) {
      this.pane.replaceChildren(root);
      return;
    }
    const bad = failing(r);
    root.append(
      h(
        "div",
        { class: "panel-head" },
        h("h2", {}, "Schedule health"),
        h("span", { class: `hl-grade ${r.grade}`, "data-testid": "health-grade" }, GRADE_WORDS[r.grade]),
        h("span", { class: "muted" }, bad.length === 0 ? "Every metric and check that can be computed passes" : `${plural(bad.length, ["metric or check fails", "metrics and checks fail"])}`),
      ),
      h("h3", {}, "DCMA 14-point assessment"),
      this.table(r.metrics, "health-metrics"),
      h("h3", {}, "Ownership checks"),
      this.table(r.checks, "health-checks"),
      h("p", { class: "hl-note muted" }, "Red when metric 2, 7, 9 or 12 fails or more than 3 metrics fail; amber when any metric or check fails (docs/health.md). A row's links show what it counts."),
    );
    this.pane.replaceChildren(root);
  }

  private table(ms: Measure[], testid: string): HTMLElement {
    const plan = this.host.plan();
    const rows = ms.map((m) => {
      const v = verdict(m);
      const ids = plan ? initiativesOf(m, plan) : [];
      const what: (HTMLElement | string)[] = [];
      if (m.reason) what.push(m.reason);
      else if (ids.length > 0 && m.pass !== true) {
        const onMap = h("button", { type: "button", class: "linklike", "data-testid": "health-show-map" }, "on the map");
        onMap.addEventListener("click", () => this.host.showOnMap(ids));
        const inTable = h("button", { type: "button", class: "linklike", "data-testid": "health-show-schedule" }, "in the schedule");
        inTable.addEventListener("click", () => this.host.showInSchedule(ids));
        what.push(`${plural(ids.length, ["initiative", "initiatives"])}: `, onMap, " · ", inTable);
      }
      return h(
        "tr",
        { class: `hl-row ${v}`, "data-testid": `health-row-${m.id}` },
        h("td", { class: "num" }, typeof m.id === "number" ? String(m.id) : ""),
        h("td", {}, m.name),
        h("td", {}, h("span", { class: `hl-verdict ${v}` }, VERDICT_WORDS[v])),
        h("td", { class: "num" }, countWords(m)),
        h("td", { class: "num" }, valueWords(m)),
        h("td", { class: "num" }, thresholdWords(m)),
        h("td", {}, ...what),
      );
    });
    return h(
      "table",
      { class: "hl-table", "data-testid": testid },
      h("thead", {}, h("tr", {}, h("th", {}, "#"), h("th", {}, "Measure"), h("th", {}, "Result"), h("th", {}, "Count"), h("th", {}, "Value"), h("th", {}, "Threshold"), h("th", {}, "What it counts"))),
      h("tbody", {}, ...rows),
    );
  }
}
