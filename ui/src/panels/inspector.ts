// The inspectors: every field of the selected initiative, or of the selected handoff, as a
// form. A change sends a `patch` of only the field changed, so what another program changed
// in other fields meanwhile is kept. The form always shows the saved values: after a refused
// edit the caller renders it again from the plan as it is. Values shown here (dates, floats,
// findings) are the core's; the form computes none.
import type { Effort, Estimate, Handoff, Initiative, Kind, Pin, PinAt, Plan, ScheduledHandoff, ScheduledInitiative, Status } from "../bindings";
import { type Child, h } from "../dom";
import { explain, type Term, TERM } from "../words";
import { help } from "./dialogs";

export type EntityKind = "initiative" | "handoff";

export interface InspectorHost {
  patch(kind: EntityKind, id: string, fields: Record<string, unknown>): void;
  select(kind: EntityKind, id: string): void;
}

const STATUS_LABEL: Record<Status, string> = {
  not_started: "Not started",
  on_track: "On track",
  at_risk: "At risk",
  blocked: "Blocked",
  done: "Done",
};
const KIND_LABEL: Record<Kind, string> = {
  FS: "FS: finish → start",
  SS: "SS: start → start",
  FF: "FF: finish → finish",
  SF: "SF: start → finish",
};
const PROBLEM_LABEL: Record<string, string> = {
  "unowned-handoff": "Nobody owns this handoff",
  "unconfirmed-handoff": "The receiving side has not confirmed the assumption",
  "no-assumption": "No assumption stated",
  "missed-deadline": "Finishes after its deadline",
  "drives-missed-deadline": "Drives a missed deadline",
  "handoff-due-missed": "Arrives after the receiving team needs it",
  "no-team": "Not assigned to a team",
  "no-owner": "No owner: a stand-in for the person MS Project did not name",
  "effort-assumed": "Effort assumed: none stated",
};

type Getter = () => unknown;

/** A labelled row whose input sends `{name: read()}` when it changes from `saved`. */
function row(
  host: InspectorHost,
  kind: EntityKind,
  id: string,
  name: string,
  label: string,
  input: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement,
  saved: unknown,
  read: Getter,
  hint?: string,
  term?: Term,
): HTMLElement {
  const testid = `${kind}-${name.replaceAll("_", "-")}`;
  input.id = testid;
  input.dataset.testid = testid;
  input.name = name;
  input.addEventListener("change", () => {
    const value = read();
    if (value === undefined) return; // not a valid entry yet: the browser shows it
    if (JSON.stringify(value) !== JSON.stringify(saved ?? null)) host.patch(kind, id, { [name]: value });
  });
  if (input instanceof HTMLInputElement || input instanceof HTMLTextAreaElement) {
    input.addEventListener("keydown", (ev) => {
      const e = ev as KeyboardEvent;
      if (e.key === "Enter" && input instanceof HTMLInputElement) input.blur();
      if (e.key === "Escape") {
        restore(input, saved);
        input.blur();
      }
    });
  }
  // the "?" is a button: a click on it opens the glossary, not the field the label names
  return h("label", { class: "field", for: testid }, h("span", { class: "field-label" }, label, term && " ", term && help(term)), input, hint && h("span", { class: "field-hint" }, hint));
}

function restore(input: HTMLInputElement | HTMLTextAreaElement, saved: unknown): void {
  if (input instanceof HTMLInputElement && input.type === "checkbox") input.checked = saved === true;
  else input.value = saved === null || saved === undefined ? "" : String(saved);
}

function text(value: string, attrs: Record<string, string> = {}): HTMLInputElement {
  const i = h("input", { type: "text", autocomplete: "off", spellcheck: "false", ...attrs });
  i.value = value;
  return i;
}

function number(value: number, attrs: Record<string, string> = {}): HTMLInputElement {
  const i = h("input", { type: "number", ...attrs });
  i.value = String(value);
  return i;
}

function date(value: string | null | undefined): HTMLInputElement {
  const i = h("input", { type: "text", placeholder: "YYYY-MM-DD", inputmode: "numeric", maxlength: "10", class: "date" });
  i.value = value ?? "";
  return i;
}

function select(options: [string, string][], value: string): HTMLSelectElement {
  const s = h("select", {});
  for (const [v, label] of options) s.append(h("option", { value: v }, label));
  if (!options.some(([v]) => v === value)) s.append(h("option", { value }, `${value} (unknown)`));
  s.value = value;
  return s;
}

function numberOrUndefined(i: HTMLInputElement): number | undefined {
  if (i.value.trim() === "" || !i.checkValidity()) return undefined;
  const n = Number(i.value);
  return Number.isFinite(n) ? n : undefined;
}

function section(title: string, ...children: Child[]): HTMLElement {
  return h("section", { class: "insp-section" }, h("h3", {}, title), ...children);
}

function problems(codes: readonly string[]): HTMLElement | null {
  if (codes.length === 0) return null;
  return h("ul", { class: "insp-problems", "data-testid": "inspector-problems" }, ...codes.map((c) => h("li", {}, PROBLEM_LABEL[c] ?? c)));
}

/** The inspector of one initiative: every field of the model, and its schedule read-only. */
export function initiativeInspector(
  host: InspectorHost,
  plan: Plan,
  i: Initiative,
  s: ScheduledInitiative | undefined,
  codes: readonly string[],
): HTMLElement {
  const r = (name: string, label: string, input: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement, saved: unknown, read: Getter, hint?: string, term?: Term) =>
    row(host, "initiative", i.id, name, label, input, saved, read, hint, term);
  const none: [string, string] = ["", "—"];

  const name = text(i.name, { required: "" });
  const owner = text(i.owner, { required: "" });
  const team = select([none, ...plan.teams.map((t): [string, string] => [t.id, t.name])], i.team ?? "");
  const status = select(Object.entries(STATUS_LABEL) as [string, string][], i.status);
  const progress = number(Math.round(i.progress * 100), { min: "0", max: "100", step: "1" });
  const site = select([none, ...plan.sites.map((x): [string, string] => [x.id, x.name])], i.site ?? "");
  const wave = select([none, ...plan.waves.map((x): [string, string] => [x.id, x.name])], i.wave ?? "");
  // Picking a site brings its wave along, in the same edit (one undo step): a site is
  // rolled out in its wave. Registered before the row's own handler, which it replaces then.
  site.addEventListener("change", (e) => {
    const w = plan.sites.find((x) => x.id === site.value)?.wave;
    if (!w || w === (i.wave ?? null) || !plan.waves.some((x) => x.id === w)) return;
    e.stopImmediatePropagation();
    host.patch("initiative", i.id, { site: site.value, wave: w });
  });
  const actualStart = date(i.actual_start);
  const actualFinish = date(i.actual_finish);
  // Working days left; empty: the core counts it from the progress.
  const remaining = number(0, { min: "0", step: "1", placeholder: "from progress" });
  remaining.value = i.remaining === undefined || i.remaining === null ? "" : String(i.remaining);
  const snet = date(i.start_no_earlier_than);
  const fnlt = date(i.finish_no_later_than);
  const pinned = pinField(host, i);
  const notes = h("textarea", { rows: "3" });
  notes.value = i.notes ?? "";
  const doneWhen = h("textarea", { rows: "2", placeholder: "What must be true for this to count as done", "data-testid": "initiative-done-when" });
  doneWhen.value = i.done_when ?? "";
  // Absent means the core's default (a priority of 500, no value): an empty field clears it
  // back to that default (a patch of null), so no default is written here.
  const priority = number(0, { min: "0", max: "1000", step: "1", placeholder: "default" });
  priority.value = i.priority === undefined ? "" : String(i.priority);
  const worth = number(0, { min: "0", step: "any", placeholder: "none" });
  worth.value = i.value === undefined ? "" : String(i.value);
  const orDefault = (input: HTMLInputElement) => () => (input.value.trim() === "" ? null : numberOrUndefined(input));

  const est = ["optimistic", "likely", "pessimistic"] as const;
  const estInputs = est.map((k) => {
    const n = number(i.duration[k], { min: "0", step: "1", "data-testid": `initiative-duration-${k}`, id: `initiative-duration-${k}`, "aria-label": `${k} duration` });
    n.addEventListener("change", () => {
      const d: Estimate = { ...i.duration };
      for (const [j, key] of est.entries()) {
        const v = numberOrUndefined(estInputs[j]!);
        if (v === undefined) return;
        d[key] = v;
      }
      if (JSON.stringify(d) !== JSON.stringify(i.duration)) host.patch("initiative", i.id, { duration: d });
    });
    n.addEventListener("keydown", (e) => {
      if (e.key === "Enter") n.blur();
    });
    return n;
  });

  const dates = s
    ? h(
        "dl",
        { class: "insp-dates", "data-testid": "initiative-schedule" },
        h("dt", {}, "Start"),
        h("dd", {}, s.start_date),
        h("dt", {}, "Finish"),
        h("dd", { class: codes.includes("missed-deadline") ? "bad" : undefined }, s.finish_date),
        h("dt", { title: explain(TERM.float) }, "Total float ", help(TERM.float)),
        h("dd", { class: s.total_float < 0 ? "bad" : undefined }, `${String(s.total_float).replace("-", "\u2212")} d`),
        h("dt", {}, "Free float"),
        h("dd", {}, `${s.free_float} d`),
      )
    : h("p", { class: "muted" }, "Not scheduled");

  return h(
    "div",
    { class: "inspector", "data-testid": "inspector-initiative", "data-id": i.id },
    h(
      "header",
      { class: "insp-head" },
      h("span", { class: "insp-kind" }, "Initiative"),
      s?.critical && h("span", { class: "tag tag-critical" }, "critical"),
      h("code", { class: "insp-id", title: "Id (fixed)" }, i.id),
    ),
    problems(codes),
    dates,
    section(
      "Work",
      r("name", "Name", name, i.name, () => (name.value.trim() === "" ? undefined : name.value.trim())),
      r("owner", "Owner", owner, i.owner, () => (owner.value.trim() === "" ? undefined : owner.value.trim())),
      r("team", "Team", team, i.team ?? null, () => team.value || null),
      h("div", { class: "two" },
        r("status", "Status", status, i.status, () => status.value),
        r("progress", "Progress %", progress, Math.round(i.progress * 100), () => {
          const v = numberOrUndefined(progress);
          return v === undefined ? undefined : v / 100;
        }),
      ),
    ),
    section(
      "Actuals",
      h("div", { class: "two" },
        r("actual_start", "Actual start", actualStart, i.actual_start ?? null, () => actualStart.value.trim() || null),
        r("actual_finish", "Actual finish", actualFinish, i.actual_finish ?? null, () => actualFinish.value.trim() || null),
      ),
      r("remaining", "Remaining (working days)", remaining, i.remaining ?? null, () => (remaining.value.trim() === "" ? null : numberOrUndefined(remaining)), "Wins over the progress when set"),
      i.updated && h("p", { class: "field-hint", "data-testid": "initiative-updated" }, `Last updated as of ${i.updated.status_date ?? i.updated.at.slice(0, 10)}`),
    ),
    section(
      "Duration (working days)",
      h("div", { class: "three" }, ...estInputs.map((n, j) => h("label", { class: "field", for: n.id }, h("span", { class: "field-label" }, ["Optimistic", "Likely", "Pessimistic"][j]), n))),
    ),
    connections(host, plan, i),
    section("Effort (person-days per team)", effortEditor(host, plan, i, codes.includes("effort-assumed"))),
    section(
      "Constraints",
      h("div", { class: "two" },
        r("start_no_earlier_than", "Start no earlier than", snet, i.start_no_earlier_than ?? null, () => snet.value || null),
        r("finish_no_later_than", "Deadline", fnlt, i.finish_no_later_than ?? null, () => fnlt.value || null),
      ),
      pinned,
    ),
    section(
      "What to stop",
      h("div", { class: "two" },
        r("priority", "Leveling priority (0–1000)", priority, i.priority ?? null, orDefault(priority), "Leveling places higher first", TERM.leveling),
        r("value", "Value", worth, i.value ?? null, orDefault(worth), "What it is worth, in the plan's own unit"),
      ),
    ),
    section(
      "Rollout",
      h("div", { class: "two" },
        r("site", "Site", site, i.site ?? null, () => site.value || null),
        r("wave", "Wave", wave, i.wave ?? null, () => wave.value || null),
      ),
    ),
    section("Definition of done", r("done_when", "Done when", doneWhen, i.done_when ?? "", () => doneWhen.value)),
    section("Notes", r("notes", "Notes", notes, i.notes ?? "", () => notes.value)),
    h("p", { class: "insp-foot muted" }, i.position ? `Placed by hand at ${Math.round(i.position.x)}, ${Math.round(i.position.y)}` : "Placed by the layout"),
  );
}

/** The pinned date: which end ("Pinned start", "Pinned finish", or none) and its date, sent
 *  as one `pinned` patch once both say something (a pin keeps where it came from while its
 *  end stays the same). */
function pinField(host: InspectorHost, i: Initiative): HTMLElement {
  const at = select([["", "Not pinned"], ["start", "Pinned start"], ["finish", "Pinned finish"]], i.pinned?.at ?? "");
  const day = date(i.pinned?.date);
  at.id = at.dataset.testid = "initiative-pinned-at";
  day.id = day.dataset.testid = "initiative-pinned-date";
  day.setAttribute("aria-label", "Pinned date");
  const send = () => {
    const end = at.value as PinAt | "";
    const d = day.value.trim();
    if (end !== "" && d === "") return; // waits for its date
    const source = i.pinned?.at === end ? i.pinned.source : undefined;
    const next: Pin | null = end === "" ? null : { at: end, date: d, ...(source ? { source } : {}) };
    if (JSON.stringify(next) !== JSON.stringify(i.pinned ?? null)) host.patch("initiative", i.id, { pinned: next });
  };
  at.addEventListener("change", send);
  day.addEventListener("change", send);
  day.addEventListener("keydown", (e) => {
    if (e.key === "Enter") day.blur();
  });
  return h("div", { class: "two" },
    h("label", { class: "field", for: at.id }, h("span", { class: "field-label" }, "Pinned"), at),
    h("label", { class: "field", for: day.id }, h("span", { class: "field-label" }, "On"), day, h("span", { class: "field-hint" }, "Holds whatever its handoffs allow")),
  );
}

/** What the initiative is joined to: the handoffs into and out of it (click one to inspect
 *  it) and the risks that name it, as the plan lists them. */
function connections(host: InspectorHost, plan: Plan, i: Initiative): HTMLElement {
  const name = (id: string) => plan.initiatives.find((x) => x.id === id)?.name ?? id;
  const item = (h0: Handoff, other: string, arrow: string) => {
    const kind = h0.kind === "FS" && h0.lag === 0 ? "" : ` (${h0.kind}${h0.lag === 0 ? "" : ` ${h0.lag > 0 ? "+" : "\u2212"}${Math.abs(h0.lag)}d`})`;
    const b = h("button", { type: "button", class: "link-item", "data-testid": `initiative-handoff-${h0.id}`, title: h0.owner ? `Owned by ${h0.owner}` : "Nobody owns this handoff" }, `${arrow} ${name(other)}${kind}`, !h0.owner && h("span", { class: "tag tag-warn" }, "no owner"));
    b.addEventListener("click", () => host.select("handoff", h0.id));
    return h("li", {}, b);
  };
  const into = plan.handoffs.filter((x) => x.to === i.id).map((x) => item(x, x.from, "waits for"));
  const out = plan.handoffs.filter((x) => x.from === i.id).map((x) => item(x, x.to, "feeds"));
  const risks = plan.risks.filter((r) => r.initiatives.includes(i.id));
  return section(
    "Handoffs and risks",
    into.length + out.length === 0 ? h("p", { class: "muted" }, "No handoffs: drag from the card's handle to connect it.") : h("ul", { class: "links", "data-testid": "initiative-handoffs" }, ...into, ...out),
    risks.length > 0 && h("ul", { class: "links", "data-testid": "initiative-risks" }, ...risks.map((r) => h("li", { class: "risk-item" }, `⚠ ${r.title}`, h("span", { class: "muted" }, ` · ${r.status.replace("_", " ")}`)))),
  );
}

/** The effort rows; `assumed`: the core counts a default for this work (its finding). */
function effortEditor(host: InspectorHost, plan: Plan, i: Initiative, assumed: boolean): HTMLElement {
  const saved: Effort[] = i.effort ?? [];
  const send = (next: Effort[]) => {
    if (JSON.stringify(next) !== JSON.stringify(saved)) host.patch("initiative", i.id, { effort: next });
  };
  const teams: [string, string][] = plan.teams.map((t) => [t.id, t.name]);
  const rows = saved.map((e, k) => {
    const t = select(teams, e.team);
    t.setAttribute("aria-label", "Team");
    t.dataset.testid = `initiative-effort-team-${k}`;
    const d = number(e.person_days, { min: "0", step: "any", "aria-label": "Person-days", "data-testid": `initiative-effort-days-${k}` });
    t.addEventListener("change", () => send(saved.map((x, j) => (j === k ? { ...x, team: t.value } : x))));
    d.addEventListener("change", () => {
      const v = numberOrUndefined(d);
      if (v !== undefined) send(saved.map((x, j) => (j === k ? { ...x, person_days: v } : x)));
    });
    const del = h("button", { type: "button", class: "btn icon", title: "Remove this effort", "aria-label": "Remove this effort", "data-testid": `initiative-effort-remove-${k}` }, "×");
    del.addEventListener("click", () => send(saved.filter((_, j) => j !== k)));
    return h("div", { class: "effort-row" }, t, d, del);
  });
  // A new row starts as what the plan counts without one: its own team, one person per
  // working day (the core's default, `Initiative::effort_by_team`); then any other team.
  const free = plan.teams.find((t) => t.id === i.team && !saved.some((e) => e.team === t.id)) ?? plan.teams.find((t) => !saved.some((e) => e.team === t.id));
  const add = h("button", { type: "button", class: "btn small", "data-testid": "initiative-effort-add" }, "+ Add effort");
  add.disabled = !free;
  add.addEventListener("click", () => {
    if (free) send([...saved, { team: free.id, person_days: free.id === i.team ? Math.max(i.duration.likely, 1) : 1 }]);
  });
  const none = assumed ? "None stated: one person of its team per working day is assumed" : "No effort planned";
  return h("div", { class: "effort" }, ...rows, rows.length === 0 && h("p", { class: "muted" }, none), add);
}

/** A count of working days in words. */
function workingDays(n: number): string {
  return n === 1 ? "1 working day" : `${n} working days`;
}

/** What the schedule says of a handoff, in words: its relationship float and its due slack (the core's numbers). */
function handoffSchedule(s: ScheduledHandoff | undefined): HTMLElement {
  if (!s) return h("p", { class: "muted" }, "Not scheduled");
  const due =
    s.due_slack === undefined
      ? []
      : [
          h("dt", {}, "Due date"),
          h(
            "dd",
            { class: s.due_slack < 0 ? "bad" : undefined, "data-testid": "handoff-due-slack" },
            s.due_slack < 0 ? `${workingDays(-s.due_slack)} late` : s.due_slack === 0 ? "met, on the day" : `met, ${workingDays(s.due_slack)} to spare`,
          ),
        ];
  return h(
    "dl",
    { class: "insp-dates", "data-testid": "handoff-schedule" },
    h("dt", { title: explain(TERM.float) }, "Float on this handoff ", help(TERM.float)),
    h("dd", { "data-testid": "handoff-relationship-float" }, s.driving ? "none: drives the next start" : workingDays(s.relationship_float)),
    ...due,
  );
}

/** The inspector of one handoff: kind, lag, owner, assumption, confirmed, due; and its slack from the schedule `s`. */
export function handoffInspector(host: InspectorHost, plan: Plan, x: Handoff, s: ScheduledHandoff | undefined, seam: boolean, codes: readonly string[]): HTMLElement {
  const r = (name: string, label: string, input: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement, saved: unknown, read: Getter, hint?: string, term?: Term) =>
    row(host, "handoff", x.id, name, label, input, saved, read, hint, term);
  const names = new Map(plan.initiatives.map((i) => [i.id, i.name]));
  const end = (id: string) => {
    const b = h("button", { type: "button", class: "linklike", title: `Select ${id}` }, names.get(id) ?? id);
    b.addEventListener("click", () => host.select("initiative", id));
    return b;
  };
  const kind = select(Object.entries(KIND_LABEL) as [string, string][], x.kind);
  const lag = number(x.lag, { step: "1" });
  const owner = text(x.owner, { placeholder: "Nobody owns this seam" });
  const assumption = h("textarea", { rows: "4", placeholder: "What the receiving side assumes, in words" });
  assumption.value = x.assumption;
  const confirmed = h("input", { type: "checkbox" });
  confirmed.checked = x.confirmed;
  const due = date(x.due);
  return h(
    "div",
    { class: "inspector", "data-testid": "inspector-handoff", "data-id": x.id },
    h(
      "header",
      { class: "insp-head" },
      h("span", { class: "insp-kind" }, seam ? "Handoff · seam between teams" : "Handoff"),
      s?.critical && h("span", { class: "tag tag-critical" }, "critical"),
      h("code", { class: "insp-id", title: "Id (fixed)" }, x.id),
    ),
    h("p", { class: "insp-ends" }, end(x.from), h("span", { class: "arrow" }, " → "), end(x.to)),
    problems(codes),
    handoffSchedule(s),
    section(
      "Link",
      h("div", { class: "two wide-first" },
        r("kind", "Kind", kind, x.kind, () => kind.value, undefined, TERM.kind),
        r("lag", "Lag (working days)", lag, x.lag, () => numberOrUndefined(lag), "negative = lead", TERM.lag),
      ),
    ),
    section(
      "The seam",
      r("owner", "Owner", owner, x.owner, () => owner.value.trim()),
      r("assumption", "Assumption", assumption, x.assumption, () => assumption.value),
      h("div", { class: "two" },
        h("div", { class: "field check" }, r("confirmed", "Confirmed by the receiving side", confirmed, x.confirmed, () => confirmed.checked)),
        r("due", "Due", due, x.due ?? null, () => due.value || null),
      ),
    ),
  );
}
