// The plan tab: the plan's settings (name, start, working days, holidays: a `patch` of
// the changed setting only; target, distribution, summary and asks: one `patch` of the plan each) and the tables of teams, sites and waves, edited in place (a change
// sends a `patch` of only its field). Removing one the plan still uses is refused by the
// core, whose message names the users; the host shows it. Counts of users are lookups.
import type { Calendar, CapacityChange, Edit, Plan, PlanView, Team } from "../bindings";
import { button, h, plural } from "../dom";

export type PlanKind = "team" | "site" | "wave";

export interface PlanHost {
  apply(edits: Edit[]): void;
  patch(kind: PlanKind, id: string, fields: Record<string, unknown>): void;
  add(kind: PlanKind): void;
  remove(kind: PlanKind, id: string, name: string): void;
}

const WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"] as const;

export function planView(host: PlanHost, v: PlanView): HTMLElement {
  const p = v.plan;
  return h(
    "div",
    { class: "plan-view", "data-testid": "plan-view" },
    settings(host, p),
    brief(host, p),
    h("div", { class: "plan-pair" }, teams(host, p), waves(host, p)),
    sites(host, p),
  );
}

// ------------------------------------------------------------------ settings

function settings(host: PlanHost, p: Plan): HTMLElement {
  const send = (next: { name?: string; start?: string; calendar?: Calendar }) => {
    // Only what changed, as a patch of the plan's settings: a setting another program wrote
    // meanwhile (the summary, the leveling basis, the working days when the holidays
    // change) is never sent back over it.
    const fields: Record<string, unknown> = {};
    if (next.name !== undefined && next.name !== p.name) fields.name = next.name;
    if (next.start !== undefined && next.start !== p.start) fields.start = next.start;
    if (next.calendar !== undefined) {
      const { working_days, holidays } = next.calendar;
      if (JSON.stringify(working_days) !== JSON.stringify(p.calendar.working_days)) fields.working_days = working_days;
      if (JSON.stringify(holidays) !== JSON.stringify(p.calendar.holidays)) fields.holidays = holidays;
    }
    if (Object.keys(fields).length > 0) host.apply([{ op: "patch", value: { kind: "plan", id: "plan", fields } }]);
  };
  const name = h("input", { type: "text", id: "plan-setting-name", "data-testid": "plan-setting-name", required: "", autocomplete: "off" });
  name.value = p.name;
  name.addEventListener("change", () => {
    if (name.value.trim()) send({ name: name.value.trim() });
  });
  const start = h("input", { type: "text", placeholder: "YYYY-MM-DD", inputmode: "numeric", maxlength: "10", class: "date", id: "plan-setting-start", "data-testid": "plan-setting-start", required: "" });
  start.value = p.start;
  start.addEventListener("change", () => {
    if (start.value) send({ start: start.value });
  });
  for (const i of [name, start]) enterBlurs(i, () => (i === name ? p.name : p.start));

  const days = WEEKDAYS.map((d) => {
    const c = h("input", { type: "checkbox", id: `plan-day-${d}`, "data-testid": `plan-day-${d}` });
    c.checked = p.calendar.working_days.includes(d);
    c.addEventListener("change", () => {
      const working = WEEKDAYS.filter((w) => (w === d ? c.checked : p.calendar.working_days.includes(w)));
      send({ calendar: { ...p.calendar, working_days: working } });
    });
    return h("label", { class: "day", for: c.id }, c, d);
  });

  const holidays = [...p.calendar.holidays].sort();
  const chips = holidays.map((d) => {
    const x = h("button", { type: "button", class: "chip-x", title: `Remove the holiday ${d}`, "aria-label": `Remove the holiday ${d}`, "data-testid": "plan-holiday-remove", "data-date": d }, "×");
    x.addEventListener("click", () => send({ calendar: { ...p.calendar, holidays: p.calendar.holidays.filter((y) => y !== d) } }));
    return h("span", { class: "chip" }, h("span", { class: "chip-text" }, d), x);
  });
  const newDay = h("input", { type: "text", placeholder: "YYYY-MM-DD", inputmode: "numeric", maxlength: "10", class: "date", id: "plan-holiday-new", "data-testid": "plan-holiday-new", "aria-label": "A holiday to add" });
  const addDay = () => {
    if (!newDay.value || p.calendar.holidays.includes(newDay.value)) return;
    send({ calendar: { ...p.calendar, holidays: [...p.calendar.holidays, newDay.value].sort() } });
  };
  newDay.addEventListener("keydown", (e) => {
    if (e.key === "Enter") addDay();
  });
  const field = (label: string, ...input: (HTMLElement | string)[]) => h("div", { class: "field" }, h("span", { class: "field-label" }, label), ...input);
  return h(
    "section",
    { class: "plan-card", "data-testid": "plan-settings" },
    h("div", { class: "panel-head" }, h("h2", {}, "Plan settings"), h("span", { class: "muted" }, "the calendar every date is counted in")),
    h(
      "div",
      { class: "settings-grid" },
      h("label", { class: "field", for: name.id }, h("span", { class: "field-label" }, "Name"), name),
      h("label", { class: "field", for: start.id }, h("span", { class: "field-label" }, "Start (day 0)"), start),
      field("Working days", h("div", { class: "days", role: "group", "aria-label": "Working days" }, ...days)),
      field(
        `Holidays (${holidays.length})`,
        h("div", { class: "chips holidays", "data-testid": "plan-holidays" }, ...chips, holidays.length === 0 && h("span", { class: "muted" }, "none")),
        h("div", { class: "add-row" }, newDay, button("plan-holiday-add", "+ Add holiday", "Add this date as a holiday", addDay, "btn small")),
      ),
    ),
  );
}

// ------------------------------------------------------------------ forecast and brief

/** The target date and the simulation's distribution (the Analysis tab's forecast), and the
 *  program manager's own words for leaders (page 1 of the PDF brief): each change one
 *  `patch` of the plan's settings, so nothing else of the plan is sent. */
function brief(host: PlanHost, p: Plan): HTMLElement {
  const send = (fields: Record<string, unknown>) => host.apply([{ op: "patch", value: { kind: "plan", id: "plan", fields } }]);
  const target = h("input", { type: "text", placeholder: "YYYY-MM-DD", inputmode: "numeric", maxlength: "10", class: "date", id: "plan-setting-target", "data-testid": "plan-setting-target" });
  target.value = p.target ?? "";
  target.addEventListener("change", () => send({ target: target.value.trim() || null }));
  enterBlurs(target, () => p.target ?? "");
  const distribution = h(
    "select",
    { id: "plan-setting-distribution", "data-testid": "plan-setting-distribution" },
    h("option", { value: "triangular" }, "Triangular"),
    h("option", { value: "pert" }, "PERT (Beta)"),
  );
  distribution.value = p.distribution ?? "triangular";
  // Progress over time: the day progress is true at the end of, and how often owners say
  // where their work stands (calendar days); each one patch of the plan's settings.
  const statusDate = h("input", { type: "text", placeholder: "YYYY-MM-DD", inputmode: "numeric", maxlength: "10", class: "date", id: "plan-setting-status-date", "data-testid": "plan-setting-status-date" });
  statusDate.value = p.status_date ?? "";
  statusDate.addEventListener("change", () => {
    const next = statusDate.value.trim() || null;
    if (next !== (p.status_date ?? null)) send({ status_date: next });
  });
  enterBlurs(statusDate, () => p.status_date ?? "");
  const rhythm = h("input", { type: "number", min: "1", max: "366", step: "1", class: "num", id: "plan-setting-review-every-days", "data-testid": "plan-setting-review-every-days" });
  rhythm.value = String(p.review_every_days ?? 7);
  rhythm.addEventListener("change", () => {
    const n = numberOf(rhythm);
    if (n !== undefined && n !== (p.review_every_days ?? 7)) send({ review_every_days: n });
  });
  enterBlurs(rhythm, () => String(p.review_every_days ?? 7));
  distribution.addEventListener("change", () => send({ distribution: distribution.value }));
  const words = (id: string, value: string, field: "summary" | "asks", placeholder: string) => {
    const t = h("textarea", { id, "data-testid": id, rows: "4", placeholder });
    t.value = value;
    t.addEventListener("change", () => send({ [field]: t.value }));
    return t;
  };
  const summary = words("plan-setting-summary", p.summary ?? "", "summary", "Where the program stands, in your words (page 1 of the brief)");
  const asks = words("plan-setting-asks", p.asks ?? "", "asks", "What you need from leaders: decisions, people, money");
  return h(
    "section",
    { class: "plan-card", "data-testid": "plan-brief" },
    h("div", { class: "panel-head" }, h("h2", {}, "Forecast and brief"), h("span", { class: "muted" }, "the target the forecast is measured against, and your words for leaders")),
    h(
      "div",
      { class: "settings-grid brief-grid" },
      h("label", { class: "field", for: target.id }, h("span", { class: "field-label" }, "Target date"), target),
      h("label", { class: "field", for: distribution.id }, h("span", { class: "field-label" }, "Durations drawn from"), distribution),
      h("label", { class: "field", for: statusDate.id }, h("span", { class: "field-label" }, "Status date"), statusDate, h("span", { class: "field-hint" }, "progress is true at the end of this day")),
      h("label", { class: "field", for: rhythm.id }, h("span", { class: "field-label" }, "Review every (days)"), rhythm, h("span", { class: "field-hint" }, "how often owners update their work")),
      h("label", { class: "field", for: summary.id }, h("span", { class: "field-label" }, "Summary"), summary),
      h("label", { class: "field", for: asks.id }, h("span", { class: "field-label" }, "Asks of leaders"), asks),
    ),
  );
}

// ------------------------------------------------------------------ tables

interface Col {
  readonly label: string;
  readonly cls: string;
  readonly title?: string;
}

function table(kind: PlanKind, title: string, hint: string, host: PlanHost, cols: readonly Col[], rows: HTMLElement[], count: number): HTMLElement {
  return h(
    "section",
    { class: "plan-card", "data-testid": `${kind}s-section` },
    h(
      "div",
      { class: "panel-head" },
      h("h2", {}, title),
      h("span", { class: "muted" }, hint),
      button(`${kind}-add`, `+ New ${kind}`, `Add a ${kind}`, () => host.add(kind), "btn small push"),
    ),
    count === 0
      ? h("p", { class: "empty" }, `No ${kind}s yet.`)
      : h(
          "table",
          { class: "plan-table", id: `${kind}s`, "data-testid": `${kind}s-table` },
          h("thead", {}, h("tr", {}, ...cols.map((c) => h("th", { class: c.cls, scope: "col", title: c.title }, c.label)), h("th", { class: "p-remove" }, ""))),
          h("tbody", {}, ...rows),
        ),
  );
}

/** A cell input that patches `field` when it changes from `saved`; Escape puts it back. */
function cell(host: PlanHost, kind: PlanKind, id: string, field: string, el: HTMLInputElement | HTMLSelectElement, saved: unknown, shown: string, read: () => unknown, label: string): HTMLElement {
  el.id = `${kind}-${id}-${field}`;
  el.dataset.testid = `${kind}-${field.replaceAll("_", "-")}`;
  el.setAttribute("aria-label", label);
  el.classList.add("cell-input");
  el.value = shown;
  el.addEventListener("change", () => {
    const value = read();
    if (value === undefined) return;
    if (JSON.stringify(value) !== JSON.stringify(saved ?? null)) host.patch(kind, id, { [field]: value });
  });
  enterBlurs(el, () => shown);
  return el;
}

function enterBlurs(el: HTMLInputElement | HTMLSelectElement, shown: () => string): void {
  el.addEventListener("keydown", (ev) => {
    const e = ev as KeyboardEvent;
    if (e.key === "Enter") {
      e.preventDefault();
      el.blur();
    } else if (e.key === "Escape") {
      el.value = shown();
      el.blur();
    }
  });
}

function row(kind: PlanKind, id: string, name: string, host: PlanHost, cells: HTMLElement[], users: number): HTMLElement {
  const del = button(`${kind}-remove-${id}`, "×", `Remove the ${kind} ${name}`, () => host.remove(kind, id, name), "btn icon ghost");
  del.dataset.testid = `${kind}-remove`;
  return h(
    "tr",
    { "data-id": id, "data-testid": `${kind}-row` },
    ...cells.map((c, n) => h("td", { class: n === 0 ? "p-name" : undefined }, n === 0 ? h("div", { class: "name-cell" }, c, h("code", { class: "pid", title: `Id: ${id}` }, id)) : c)),
    h("td", { class: "p-users muted" }, users === 0 ? "unused" : plural(users, ["initiative", "initiatives"])),
    h("td", { class: "p-remove" }, del),
  );
}

function text(): HTMLInputElement {
  return h("input", { type: "text", autocomplete: "off" });
}

function num(attrs: Record<string, string>): HTMLInputElement {
  return h("input", { type: "number", ...attrs });
}

function numberOf(i: HTMLInputElement): number | undefined {
  if (i.value.trim() === "" || !i.checkValidity()) return undefined;
  const n = Number(i.value);
  return Number.isFinite(n) ? n : undefined;
}

function teams(host: PlanHost, p: Plan): HTMLElement {
  const users = new Map<string, number>();
  for (const i of p.initiatives) {
    const seen = new Set<string>();
    if (i.team) seen.add(i.team);
    for (const e of i.effort ?? []) seen.add(e.team);
    for (const t of seen) users.set(t, (users.get(t) ?? 0) + 1);
  }
  const rows = p.teams.map((t) => {
    const name = text();
    const lead = text();
    const fte = num({ min: "0", step: "any", class: "num" });
    const util = num({ min: "0", max: "100", step: "any", class: "num" });
    const corr = num({ min: "0", max: "1", step: "0.1", class: "num" });
    return row("team", t.id, t.name, host, [
      cell(host, "team", t.id, "name", name, t.name, t.name, () => name.value.trim() || undefined, `Name of the team ${t.name}`),
      cell(host, "team", t.id, "lead", lead, t.lead ?? "", t.lead ?? "", () => lead.value.trim(), `Lead of the team ${t.name}`),
      cell(host, "team", t.id, "fte", fte, t.fte, String(t.fte), () => numberOf(fte), `People of ${t.name}`),
      cell(host, "team", t.id, "utilization_target", util, t.utilization_target, String(Math.round(t.utilization_target * 1000) / 10), () => {
        const n = numberOf(util);
        return n === undefined ? undefined : n / 100;
      }, `Utilization target of ${t.name} (%)`),
      cell(host, "team", t.id, "correlation", corr, t.correlation ?? 0, String(t.correlation ?? 0), () => numberOf(corr), `Correlation of ${t.name}'s durations in the forecast (0 to 1)`),
      capacityChanges(host, t),
    ], users.get(t.id) ?? 0);
  });
  return table(
    "team",
    "Teams",
    "who does the work; the lanes of the Seams map",
    host,
    [
      { label: "Name", cls: "p-name" },
      { label: "Lead", cls: "p-lead", title: "Who speaks for the team" },
      { label: "People", cls: "p-num", title: "People (full-time equivalents) available per working day" },
      { label: "Utilization target %", cls: "p-num wide", title: "Share of the people that may be planned" },
      { label: "Correlation", cls: "p-num", title: "How much the team's durations run late together in the forecast: 0 independent, 1 all at once" },
      { label: "Changes over time", cls: "p-capacity", title: "From a date on, the team has this many people" },
      { label: "Used by", cls: "p-users" },
    ],
    rows,
    p.teams.length,
  );
}

/** A team's capacity changes over time: each "from a date, so many people" with a remove
 *  button, and a date and a number to add one; each change one `patch` of the team's
 *  `capacity` (the core refuses two changes on one date and names them). */
function capacityChanges(host: PlanHost, t: Team): HTMLElement {
  const saved = t.capacity ?? [];
  const send = (next: CapacityChange[]) => host.patch("team", t.id, { capacity: [...next].sort((a, b) => a.from.localeCompare(b.from)) });
  const chips = saved.map((c, k) => {
    const x = h("button", { type: "button", class: "chip-x", title: `Remove the change of ${c.from}`, "aria-label": `Remove the change of ${t.name} from ${c.from}`, "data-testid": "team-capacity-remove" }, "×");
    x.addEventListener("click", () => send(saved.filter((_, j) => j !== k)));
    return h("span", { class: "chip", "data-testid": "team-capacity-change" }, h("span", { class: "chip-text" }, `from ${c.from}: ${c.fte}`), x);
  });
  const from = h("input", { type: "text", placeholder: "YYYY-MM-DD", inputmode: "numeric", maxlength: "10", class: "date cell-input", "aria-label": `From when ${t.name} changes`, "data-testid": "team-capacity-from" });
  const fte = num({ min: "0", step: "any", class: "num cell-input", placeholder: "People", "aria-label": `People of ${t.name} from then on`, "data-testid": "team-capacity-fte" });
  const add = () => {
    const n = numberOf(fte);
    if (!from.value.trim() || n === undefined) return;
    send([...saved.filter((c) => c.from !== from.value.trim()), { from: from.value.trim(), fte: n }]);
  };
  for (const i of [from, fte]) i.addEventListener("keydown", (e) => (e as KeyboardEvent).key === "Enter" && add());
  return h("div", { class: "capacity-changes" }, h("div", { class: "chips" }, ...chips), h("div", { class: "add-row" }, from, fte, button(`team-capacity-add-${t.id}`, "+", `Add a change of ${t.name}'s people`, add, "btn small")));
}

function sites(host: PlanHost, p: Plan): HTMLElement {
  const users = new Map<string, number>();
  for (const i of p.initiatives) if (i.site) users.set(i.site, (users.get(i.site) ?? 0) + 1);
  const waves: [string, string][] = [["", "—"], ...[...p.waves].sort((a, b) => a.order - b.order).map((w): [string, string] => [w.id, w.name])];
  const rows = p.sites.map((s) => {
    const name = text();
    const region = text();
    const wave = h("select", {}, ...waves.map(([v, l]) => h("option", { value: v }, l)));
    if (s.wave && !waves.some(([v]) => v === s.wave)) wave.append(h("option", { value: s.wave }, `${s.wave} (unknown)`));
    return row("site", s.id, s.name, host, [
      cell(host, "site", s.id, "name", name, s.name, s.name, () => name.value.trim() || undefined, `Name of the site ${s.name}`),
      cell(host, "site", s.id, "region", region, s.region ?? null, s.region ?? "", () => region.value.trim() || null, `Region of ${s.name}`),
      cell(host, "site", s.id, "wave", wave, s.wave ?? null, s.wave ?? "", () => wave.value || null, `Wave of ${s.name}`),
    ], users.get(s.id) ?? 0);
  });
  return table("site", "Sites", "where the rollout lands", host, [{ label: "Name", cls: "p-name" }, { label: "Region", cls: "p-region" }, { label: "Wave", cls: "p-wave" }, { label: "Used by", cls: "p-users" }], rows, p.sites.length);
}

function waves(host: PlanHost, p: Plan): HTMLElement {
  const users = new Map<string, number>();
  for (const i of p.initiatives) if (i.wave) users.set(i.wave, (users.get(i.wave) ?? 0) + 1);
  const rows = [...p.waves]
    .sort((a, b) => a.order - b.order)
    .map((w) => {
      const name = text();
      const order = num({ step: "1", class: "num" });
      return row("wave", w.id, w.name, host, [
        cell(host, "wave", w.id, "name", name, w.name, w.name, () => name.value.trim() || undefined, `Name of the wave ${w.name}`),
        cell(host, "wave", w.id, "order", order, w.order, String(w.order), () => numberOf(order), `Order of ${w.name}`),
      ], users.get(w.id) ?? 0);
    });
  return table("wave", "Waves", "in their order", host, [{ label: "Name", cls: "p-name" }, { label: "Order", cls: "p-num" }, { label: "Used by", cls: "p-users" }], rows, p.waves.length);
}
