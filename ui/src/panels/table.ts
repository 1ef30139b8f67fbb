// The schedule as a table: the initiatives in the order the core schedules them, with the
// same selection as the map (click a row: the card is selected and centred; select a card:
// its row is marked). Every date, float and flag is the core's.
import type { PlanView, ScheduledInitiative } from "../bindings";
import { h } from "../dom";
import { explain } from "../words";

export interface TableHost {
  /** A row was clicked; `additive` with shift/ctrl. */
  pick(id: string, additive: boolean): void;
  /** A row was double-clicked: show it on the map. */
  open(id: string): void;
}

export function scheduleTable(host: TableHost, v: PlanView): HTMLElement {
  const s = v.schedule;
  if (!s) {
    return h(
      "div",
      { class: "problem", id: "schedule-error", role: "alert" },
      h("h2", {}, "This plan cannot be scheduled"),
      h("p", { class: "message" }, v.schedule_error?.message ?? "The core returned no schedule and no reason"),
      h("p", { class: "muted" }, "Fix it on the map (undo the last edit, or remove the handoff the message names)."),
    );
  }
  const teams = new Map(v.plan.teams.map((t) => [t.id, t.name]));
  const missed = new Set(v.report.findings.filter((f) => f.code === "missed-deadline").map((f) => f.subject));
  const th = (text: string, cls: string, title?: string) => h("th", { class: cls, scope: "col", title }, text);
  const body = h("tbody", {});
  // Built as one fragment: 5,000 rows in one insertion.
  const frag = document.createDocumentFragment();
  for (const r of s.initiatives) frag.append(row(r, teams, missed.has(r.id)));
  body.append(frag);
  body.addEventListener("click", (e) => {
    const tr = (e.target as HTMLElement).closest("tr");
    if (tr?.dataset.id) host.pick(tr.dataset.id, e.shiftKey || e.ctrlKey || e.metaKey);
  });
  body.addEventListener("dblclick", (e) => {
    const tr = (e.target as HTMLElement).closest("tr");
    if (tr?.dataset.id) host.open(tr.dataset.id);
  });
  const filter = h("input", { type: "checkbox", id: "only-critical", "data-testid": "only-critical" });
  const table = h(
    "table",
    { id: "initiatives", "data-testid": "schedule-table" },
    h(
      "thead",
      {},
      h(
        "tr",
        {},
        th("Initiative", "c-name"),
        th("Team", "c-team"),
        th("Owner", "c-owner"),
        th("Start", "c-date"),
        th("Finish", "c-date"),
        th("Float (days)", "c-float", explain("Float")),
      ),
    ),
    body,
  );
  filter.addEventListener("change", () => table.classList.toggle("only-critical", filter.checked));
  return h(
    "section",
    { class: "schedule" },
    h(
      "div",
      { class: "panel-head" },
      h("h2", {}, "Schedule"),
      h("span", { class: "muted" }, `${s.initiatives.length} in order of start · ${s.critical_path.length} on the critical path · double-click a row to show it on the map`),
      h("label", { class: "filter", for: "only-critical" }, filter, "Critical path only"),
    ),
    h("div", { class: "scroll" }, table),
  );
}

function row(r: ScheduledInitiative, teams: Map<string, string>, missedDeadline: boolean): HTMLElement {
  const team = r.team ? (teams.get(r.team) ?? r.team) : null;
  const cls = [r.critical ? "critical" : "", missedDeadline ? "missed" : ""].filter(Boolean).join(" ");
  return h(
    "tr",
    { "data-id": r.id, class: cls || undefined },
    h(
      "td",
      { class: "c-name" },
      h(
        "div",
        { class: "cell" },
        h("span", { class: "name clip", title: `${r.name} (${r.id})` }, r.name),
        r.critical && h("span", { class: "tag tag-critical" }, "critical"),
        missedDeadline && h("span", { class: "tag tag-missed", title: r.deadline ? `Finishes after its deadline (${r.deadline})` : "" }, "missed deadline"),
      ),
    ),
    h("td", { class: "c-team" }, team ? h("span", { class: "clip", title: team }, team) : h("span", { class: "muted" }, "no team")),
    h("td", { class: "c-owner" }, h("span", { class: "clip", title: r.owner }, r.owner)),
    h("td", { class: "c-date" }, r.start_date),
    h("td", { class: "c-date c-finish" }, r.finish_date, r.deadline && h("span", { class: "due", title: "Finish no later than" }, `due ${r.deadline}`)),
    h("td", { class: `c-float${r.total_float < 0 ? " negative" : ""}` }, String(r.total_float).replace("-", "\u2212")),
  );
}

/** Marks the selected rows; scrolls the first into view when asked. */
export function markRows(root: HTMLElement, selected: ReadonlySet<string>, reveal: boolean): void {
  for (const tr of root.querySelectorAll<HTMLElement>("tr.selected")) if (!selected.has(tr.dataset.id ?? "")) tr.classList.remove("selected");
  let first: HTMLElement | null = null;
  for (const id of selected) {
    const tr = root.querySelector<HTMLElement>(`tr[data-id="${CSS.escape(id)}"]`);
    if (!tr) continue;
    tr.classList.add("selected");
    first ??= tr;
  }
  if (reveal && first) first.scrollIntoView({ block: "center" });
}
