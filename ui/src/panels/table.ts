// The schedule as a table: the initiatives in the order the core schedules them, with the
// same selection as the map (click a row: the card is selected and centred; select a card:
// its row is marked), each row's status and progress, and a filter and a grouping by team,
// site, wave or status (which rows show, in which groups: nothing is computed here). Every
// date, float and flag is the core's.
import type { Initiative, PlanView, ScheduledInitiative, Status } from "../bindings";
import { h } from "../dom";
import { type Attribute, ATTRIBUTE_LABEL, ATTRIBUTES, legend, STATUS_LABEL, valueOf } from "../map/attributes";

/** The table's choices, kept across redraws of the table (a new view after each edit). */
const choice: { filter: Partial<Record<Attribute, string>>; group: Attribute | "" } = { filter: {}, group: "" };
const NO_COLOURS = { not_started: "", on_track: "", at_risk: "", blocked: "", done: "" } as Record<Status, string>;
import { explain, TERM } from "../words";
import { help } from "./dialogs";

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
  const plan = new Map(v.plan.initiatives.map((i) => [i.id, i]));
  const missed = new Set(v.report.findings.filter((f) => f.code === "missed-deadline").map((f) => f.subject));
  const th = (text: string, cls: string, title?: string, more?: HTMLElement) => h("th", { class: cls, scope: "col", title }, text, more && " ", more);
  const body = h("tbody", {});
  const columns = 8;
  const fill = () => {
    // Built as one fragment: 5,000 rows in one insertion.
    const frag = document.createDocumentFragment();
    const kept = s.initiatives.filter((r) => {
      const i = plan.get(r.id);
      return ATTRIBUTES.every((a) => choice.filter[a] === undefined || (i !== undefined && valueOf(i, a) === choice.filter[a]));
    });
    if (choice.group === "") {
      for (const r of kept) frag.append(row(r, plan.get(r.id), teams, missed.has(r.id)));
    } else {
      const by = choice.group;
      for (const entry of legend(v.plan, by, NO_COLOURS)) {
        const rows = kept.filter((r) => {
          const i = plan.get(r.id);
          return i !== undefined && valueOf(i, by) === entry.key;
        });
        if (rows.length === 0) continue;
        frag.append(h("tr", { class: "group-row" }, h("th", { colspan: String(columns), scope: "rowgroup" }, `${entry.label} · ${rows.length}`)));
        for (const r of rows) frag.append(row(r, plan.get(r.id), teams, missed.has(r.id)));
      }
    }
    body.replaceChildren(frag);
    shown.textContent = kept.length === s.initiatives.length ? "" : `${kept.length} of ${s.initiatives.length} shown`;
  };
  const shown = h("span", { class: "muted", "data-testid": "schedule-shown" }, "");
  // One filter per attribute (all, or one value), and the grouping.
  const filters = ATTRIBUTES.map((a) => {
    const sel = h("select", { "data-testid": `schedule-filter-${a}`, "aria-label": `Show only one ${ATTRIBUTE_LABEL[a].toLowerCase()}` }, h("option", { value: "*" }, `Every ${ATTRIBUTE_LABEL[a].toLowerCase()}`), ...legend(v.plan, a, NO_COLOURS).map((e) => h("option", { value: e.key }, e.label)));
    sel.value = choice.filter[a] ?? "*";
    if (sel.value !== (choice.filter[a] ?? "*")) {
      delete choice.filter[a]; // the value is gone from the plan
      sel.value = "*";
    }
    sel.addEventListener("change", () => {
      if (sel.value === "*") delete choice.filter[a];
      else choice.filter[a] = sel.value;
      fill();
    });
    return sel;
  });
  const group = h("select", { "data-testid": "schedule-group", "aria-label": "Group the rows" }, h("option", { value: "" }, "No grouping"), ...ATTRIBUTES.map((a) => h("option", { value: a }, `Group by ${ATTRIBUTE_LABEL[a].toLowerCase()}`)));
  group.value = choice.group;
  group.addEventListener("change", () => {
    choice.group = group.value as Attribute | "";
    fill();
  });
  fill();
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
        th("Status", "c-status"),
        th("Done", "c-progress", "Share of the work done"),
        th("Start", "c-date"),
        th("Finish", "c-date"),
        th("Float (days)", "c-float", explain(TERM.float), help(TERM.float)),
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
      h("label", { class: "filter", for: "only-critical" }, filter, "Critical path only", help(TERM.criticalPath)),
    ),
    h("div", { class: "table-filters" }, ...filters, group, shown),
    h("div", { class: "scroll" }, table),
  );
}

function row(r: ScheduledInitiative, i: Initiative | undefined, teams: Map<string, string>, missedDeadline: boolean): HTMLElement {
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
    h("td", { class: `c-status status-${i?.status ?? "not_started"}` }, i ? STATUS_LABEL[i.status] : ""),
    h("td", { class: "c-progress" }, i ? `${Math.round((i.status === "done" ? 1 : i.progress) * 100)}%` : ""),
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
