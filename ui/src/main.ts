// The overview window: the plan's dates, its initiatives in schedule order, and its findings.
// Display only: every date, float, flag and finding shown here was computed by the core.
import "./style.css";
import iconUrl from "../../icons/128x128.png";
import { overview } from "./backend";
import type { ApiError, Finding, Overview, Schedule, ScheduledInitiative, Severity, PlanError, Team } from "./bindings";

const SEVERITIES: readonly Severity[] = ["critical", "warning", "info"];
const SEVERITY_NOUN: Record<Severity, [string, string]> = {
  critical: ["critical", "critical"],
  warning: ["warning", "warnings"],
  info: ["info", "info"],
};

type Child = Node | string | null | undefined | false;

/** A DOM element with a class, children and attributes; text always goes in as text. */
function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, value);
  for (const c of children) if (c) el.append(c);
  return el;
}

function plural(n: number, [one, many]: [string, string]): string {
  return `${n} ${n === 1 ? one : many}`;
}

function tag(text: string, kind: string): HTMLElement {
  return h("span", { class: `tag tag-${kind}` }, text);
}

// ---------------------------------------------------------------- header

function header(o: Overview): HTMLElement {
  const s = o.schedule;
  return h(
    "header",
    { class: "bar" },
    h("img", { class: "mark", src: iconUrl, alt: "" }),
    h("div", { class: "title" }, h("h1", { id: "plan-name" }, o.name), h("p", { class: "path", title: o.path }, o.path)),
    s ? facts(s) : null,
    counts(o),
  );
}

function facts(s: Schedule): HTMLElement {
  const fact = (label: string, value: string, id: string) =>
    h("div", { class: "fact" }, h("dt", {}, label), h("dd", { id }, value));
  return h(
    "dl",
    { class: "facts" },
    fact("Start", s.start_date, "plan-start"),
    fact("Finish", s.finish_date, "plan-finish"),
    fact("Length", plural(s.makespan_days, ["working day", "working days"]), "plan-length"),
  );
}

function counts(o: Overview): HTMLElement {
  const chips = SEVERITIES.map((sev) => {
    const n = o.report.findings.filter((f) => f.severity === sev).length;
    return h("span", { class: `count sev-${sev}${n === 0 ? " zero" : ""}`, "data-severity": sev }, plural(n, SEVERITY_NOUN[sev]));
  });
  const errors = o.report.errors.length;
  return h(
    "div",
    { class: "counts", "aria-label": "Findings by severity" },
    h("span", { class: "counts-label" }, "Findings"),
    errors > 0 && h("span", { class: "count sev-error" }, plural(errors, ["error", "errors"])),
    ...chips,
  );
}

// ---------------------------------------------------------------- initiatives

function initiatives(o: Overview, s: Schedule): HTMLElement {
  const teams = new Map(o.teams.map((t: Team) => [t.id, t.name]));
  const missed = new Set(o.report.findings.filter((f) => f.code === "missed-deadline").map((f) => f.subject));
  // Display order only: the core's early start, then its early finish.
  const rows = s.initiatives; // the core returns them in the order the work runs
  const critical = s.critical_path.length;
  return h(
    "section",
    { class: "panel schedule" },
    h(
      "div",
      { class: "panel-head" },
      h("h2", {}, "Initiatives"),
      h("span", { class: "muted" }, `${rows.length} in order of start · ${critical} on the critical path`),
      rows.length > 0 && criticalFilter(),
    ),
    rows.length === 0
      ? h("p", { class: "empty" }, "This plan has no initiatives yet.")
      : h("div", { class: "scroll" }, table(rows.map((r) => row(r, teams, missed.has(r.id))))),
  );
}

function table(rows: HTMLElement[]): HTMLElement {
  const th = (text: string, cls: string, title?: string) =>
    h("th", { class: cls, scope: "col", ...(title ? { title } : {}) }, text);
  const head = h(
    "tr",
    {},
    th("Initiative", "c-name"),
    th("Team", "c-team"),
    th("Owner", "c-owner"),
    th("Start", "c-date"),
    th("Finish", "c-date"),
    th("Float (days)", "c-float", "Total float, in working days"),
  );
  return h("table", { id: "initiatives" }, h("thead", {}, head), h("tbody", {}, ...rows));
}

/** Shows only the rows the core marked critical; the table keeps every row. */
function criticalFilter(): HTMLElement {
  const input = h("input", { type: "checkbox", id: "only-critical" });
  input.addEventListener("change", () => document.getElementById("initiatives")?.classList.toggle("only-critical", input.checked));
  return h("label", { class: "filter", for: "only-critical" }, input, "Critical path only");
}

function row(r: ScheduledInitiative, teams: Map<string, string>, missedDeadline: boolean): HTMLElement {
  const team = r.team ? (teams.get(r.team) ?? r.team) : null;
  const classes = [r.critical ? "critical" : "", missedDeadline ? "missed" : ""].filter(Boolean).join(" ");
  const td = (cls: string, ...children: Child[]) => h("td", { class: cls }, ...children);
  return h(
    "tr",
    { "data-id": r.id, ...(classes ? { class: classes } : {}) },
    td(
      "c-name",
      h(
        "div",
        { class: "cell" },
        h("span", { class: "name clip", title: `${r.name} (${r.id})` }, r.name),
        r.critical && tag("critical", "critical"),
        missedDeadline && missedTag(r.deadline),
      ),
    ),
    td("c-team", team ? h("span", { class: "clip", title: team }, team) : h("span", { class: "muted" }, "no team")),
    td("c-owner", h("span", { class: "clip", title: r.owner }, r.owner)),
    td("c-date", r.start_date),
    td("c-date c-finish", r.finish_date, r.deadline && h("span", { class: "due", title: "Finish no later than" }, `due ${r.deadline}`)),
    td(`c-float${r.total_float < 0 ? " negative" : ""}`, String(r.total_float).replace("-", "\u2212")),
  );
}

/** Whether a deadline is missed is the core's finding ("missed-deadline"), not a date check here. */
function missedTag(deadline: string | null): HTMLElement {
  const el = tag("missed deadline", "missed");
  el.title = deadline ? `Finishes after its deadline (${deadline})` : "Finishes after its deadline";
  return el;
}

// ---------------------------------------------------------------- no schedule

function scheduleError(e: ApiError): HTMLElement {
  return h(
    "section",
    { class: "panel schedule" },
    h(
      "div",
      { class: "problem", id: "schedule-error", role: "alert" },
      h("h2", {}, "This plan cannot be scheduled"),
      h("p", { class: "message" }, e.message),
      h("p", { class: "muted" }, "Fix the plan and open it again; the findings beside may point at the cause."),
    ),
  );
}

// ---------------------------------------------------------------- findings

function findingsPanel(o: Overview, rowIds: Set<string>): HTMLElement {
  const { errors, findings } = o.report;
  const list = h("ol", { class: "findings", id: "findings" });
  for (const e of errors) list.append(errorItem(e));
  for (const f of findings) list.append(findingItem(f, rowIds.has(f.subject)));
  return h(
    "aside",
    { class: "panel side" },
    h("div", { class: "panel-head" }, h("h2", {}, "Findings"), h("span", { class: "muted" }, String(errors.length + findings.length))),
    errors.length + findings.length === 0
      ? h("p", { class: "empty" }, "No findings.")
      : h("div", { class: "scroll" }, list),
  );
}

function findingItem(f: Finding, onRow: boolean): HTMLElement {
  const item = h(
    "li",
    { class: `finding sev-${f.severity}`, "data-code": f.code },
    h("span", { class: "sev" }, SEVERITY_NOUN[f.severity][0]),
    h("p", {}, f.message),
  );
  if (onRow) {
    item.classList.add("linked");
    item.tabIndex = 0;
    item.title = "Show in the table";
    const show = () => showRow(f.subject);
    item.addEventListener("click", show);
    item.addEventListener("keydown", (ev) => {
      if (ev.key === "Enter" || ev.key === " ") {
        ev.preventDefault();
        show();
      }
    });
  }
  return item;
}

/** A validation error as the core sent it: its code and the things it names. */
function errorItem(e: PlanError): HTMLElement {
  return h(
    "li",
    { class: "finding sev-error", "data-code": e.code },
    h("span", { class: "sev" }, "error"),
    h("p", {}, e.message),
  );
}

function showRow(id: string): void {
  const tr = document.querySelector<HTMLElement>(`tr[data-id="${CSS.escape(id)}"]`);
  if (!tr) return;
  tr.scrollIntoView({ block: "center", behavior: "smooth" });
  tr.classList.remove("flash");
  void tr.offsetWidth; // restart the highlight
  tr.classList.add("flash");
}

// ---------------------------------------------------------------- page

function render(root: HTMLElement, o: Overview): void {
  const rowIds = new Set(o.schedule?.initiatives.map((i) => i.id) ?? []);
  const main = o.schedule
    ? initiatives(o, o.schedule)
    : scheduleError(o.schedule_error ?? { code: "internal", message: "The core returned no schedule and no reason" });
  root.replaceChildren(header(o), h("main", { class: "body" }, main, findingsPanel(o, rowIds)));
}

function renderFailure(root: HTMLElement, e: ApiError): void {
  root.replaceChildren(
    h(
      "div",
      { class: "fatal", id: "error", role: "alert" },
      h("img", { class: "mark", src: iconUrl, alt: "" }),
      h("h1", {}, "Bridger could not open the plan"),
      h("p", { class: "message" }, e.message),
      h("p", { class: "muted" }, `Error code: ${e.code}`),
    ),
  );
}

async function start(): Promise<void> {
  const root = document.getElementById("app");
  if (!root) return;
  try {
    render(root, await overview());
  } catch (e) {
    renderFailure(root, e as ApiError);
  }
}

void start();
