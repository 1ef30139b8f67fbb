// The risk register and the 5 x 5 heat map beside it. The register is a table edited in
// place: each cell sends a `patch` of only its field; the score, the band and the heat-map
// cell of each risk are the core's (PlanView.risk_scores and PlanView.heat), never computed
// here. A click on a heat-map cell filters the register to the cell's risks (and the host
// highlights their initiatives on the map).
import type { Estimate, HeatCell, PlanView, Risk, RiskScore, RiskStatus } from "../bindings";
import { button, type Child, h, plural } from "../dom";
import { type SortState, type SortValue, keepRows, nextSort, risksInCell, sortRows } from "./sorting";
import { suggest } from "./suggest";

export interface Cell {
  readonly probability: number;
  readonly impact: number;
}

export interface RiskHost {
  patch(id: string, fields: Record<string, unknown>): void;
  add(): void;
  remove(risk: Risk): void;
  /** A heat-map cell was clicked (null: the filter was cleared). */
  pickCell(cell: Cell | null): void;
  /** Show the initiatives of the filtered risks on the map. */
  showOnMap(): void;
  setSort(s: SortState): void;
  /** Something in the register went wrong before reaching the core (an unknown initiative). */
  note(message: string): void;
  /** Show on the map what the risk can delay downstream. */
  exposure?(risk: Risk): void;
}

const STATUS_LABEL: Record<RiskStatus, string> = { open: "Open", mitigating: "Mitigating", closed: "Closed" };
const STATUS_ORDER: Record<RiskStatus, number> = { open: 0, mitigating: 1, closed: 2 };
const IMPACT_LABEL = ["", "1 · minor", "2 · moderate", "3 · serious", "4 · major", "5 · severe"];

interface Row {
  readonly id: string;
  readonly risk: Risk;
  readonly score: RiskScore | undefined;
}

interface Column {
  readonly key: string;
  readonly label: string;
  readonly cls: string;
  readonly title?: string;
  readonly value?: (r: Row) => SortValue;
}

const COLUMNS: readonly Column[] = [
  { key: "title", label: "Risk", cls: "r-title", value: (r) => r.risk.title },
  { key: "owner", label: "Owner", cls: "r-owner", value: (r) => r.risk.owner },
  { key: "probability", label: "Prob.", cls: "r-num", title: "Probability that it happens, 0-100%", value: (r) => r.risk.probability },
  { key: "impact", label: "Impact", cls: "r-impact", title: "Impact if it happens, 1 (minor) to 5 (severe)", value: (r) => r.risk.impact },
  { key: "score", label: "Score", cls: "r-score", title: "Probability level × impact, 1–25: the risk's heat-map cell (the core's score)", value: (r) => r.score?.score ?? null },
  { key: "mitigation", label: "Mitigation", cls: "r-mitigation", value: (r) => r.risk.mitigation },
  { key: "status", label: "Status", cls: "r-status", value: (r) => STATUS_ORDER[r.risk.status] },
  { key: "initiatives", label: "Hits", cls: "r-links", title: "The initiatives it hits", value: (r) => r.risk.initiatives.length },
  { key: "schedule_impact", label: "Delay (days)", cls: "r-delay", title: "Working days added to each initiative it hits: min / likely / max", value: (r) => r.risk.schedule_impact?.likely ?? null },
  { key: "", label: "", cls: "r-remove" },
];
/** Columns whose largest value matters first. */
const DESC_FIRST = new Set(["score", "probability", "impact", "schedule_impact", "initiatives"]);

/** The register tab: the table (filtered by `cell`, sorted by `sort`) and the heat map. */
export function riskView(host: RiskHost, v: PlanView, sort: SortState | null, cell: Cell | null): HTMLElement {
  const scores = new Map(v.risk_scores.map((s) => [s.id, s]));
  const all: Row[] = v.plan.risks.map((risk) => ({ id: risk.id, risk, score: scores.get(risk.id) }));
  const keep = cell ? new Set(risksInCell(v.heat, cell.probability, cell.impact)) : null;
  let rows = keepRows(all, keep);
  const col = sort ? COLUMNS.find((c) => c.key === sort.key) : undefined;
  if (sort && col?.value) rows = sortRows(rows, col.value, sort.dir);
  const names = new Map(v.plan.initiatives.map((i) => [i.id, i.name]));

  const head = h(
    "tr",
    {},
    ...COLUMNS.map((c) => {
      if (!c.value) return h("th", { class: c.cls, scope: "col" }, c.label);
      const on = sort?.key === c.key;
      const b = h("button", { type: "button", class: "sort", "data-testid": `risk-sort-${c.key}`, id: `risk-sort-${c.key}`, title: c.title ? `${c.title}. Click to sort` : "Click to sort" }, c.label, h("span", { class: "sort-mark" }, on ? (sort!.dir === "asc" ? "▲" : "▼") : ""), c.key === "schedule_impact" && h("span", { class: "sub" }, "min · likely · max"));
      b.addEventListener("click", () => host.setSort(nextSort(sort, c.key, DESC_FIRST)));
      return h("th", { class: `${c.cls}${on ? " sorted" : ""}`, scope: "col", "aria-sort": on ? (sort!.dir === "asc" ? "ascending" : "descending") : undefined }, b);
    }),
  );
  const body = h("tbody", {});
  for (const r of rows) body.append(riskRow(host, r, names));

  const filterBar: Child = cell
    ? h(
        "div",
        { class: "cell-filter", "data-testid": "risk-filter" },
        h("span", {}, `Showing the ${plural(rows.length, ["risk", "risks"])} of probability ${cell.probability} (${rangeOf(v, cell.probability)}) × impact ${cell.impact}`),
        button("risk-show-on-map", "Show on the map", "Select their initiatives on the map", () => host.showOnMap(), "btn small"),
        button("risk-filter-clear", "× Show all", "Show every risk", () => host.pickCell(null), "btn small"),
      )
    : null;
  const register = h(
    "section",
    { class: "register" },
    h(
      "div",
      { class: "panel-head" },
      h("h2", {}, "Risk register"),
      h("span", { class: "muted" }, `${plural(v.plan.risks.length, ["risk", "risks"])} · click a value to edit it, a column head to sort`),
      button("risk-add", "+ New risk", "Add a risk", () => host.add(), "btn small push"),
    ),
    filterBar,
    h(
      "div",
      { class: "scroll" },
      v.plan.risks.length === 0
        ? h("p", { class: "empty" }, "No risks yet. “+ New risk” adds one.")
        : h("table", { class: "risks", id: "risk-register", "data-testid": "risk-register" }, h("thead", {}, head), body),
    ),
  );
  return h("div", { class: "risk-view", "data-testid": "risk-view" }, register, heatMap(host, v.heat, cell));
}

function riskRow(host: RiskHost, r: Row, names: ReadonlyMap<string, string>): HTMLElement {
  const x = r.risk;
  const id = x.id;
  /** An input that patches `field` with read() when it changes from `saved` (in the
   *  model's unit); Escape puts back `shown`. */
  const edit = (field: string, el: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement, saved: unknown, shown: string, read: () => unknown, label: string): void => {
    el.id = `risk-${id}-${field}`;
    el.dataset.testid = `risk-${field.replaceAll("_", "-")}`;
    el.setAttribute("aria-label", `${label} of ${x.title}`);
    el.value = shown;
    el.addEventListener("change", () => {
      const value = read();
      if (value === undefined) return; // not valid yet: the browser marks it
      if (JSON.stringify(value) !== JSON.stringify(saved ?? null)) host.patch(id, { [field]: value });
    });
    el.addEventListener("keydown", (ev) => {
      const e = ev as KeyboardEvent;
      if (e.key === "Enter" && !(el instanceof HTMLTextAreaElement && e.shiftKey)) {
        e.preventDefault();
        el.blur();
      } else if (e.key === "Escape") {
        el.value = shown;
        el.blur();
      }
    });
  };
  const text = () => h("input", { type: "text", autocomplete: "off", class: "cell-input", required: "" });
  const title = h("textarea", { rows: String(linesFor(x.title, 19)), class: "cell-input strong", required: "" });
  edit("title", title, x.title, x.title, () => nonEmpty(title.value.replace(/\s*\n\s*/g, " ")), "Title");
  const owner = text();
  edit("owner", owner, x.owner, x.owner, () => nonEmpty(owner.value), "Owner");
  const prob = h("input", { type: "number", min: "0", max: "100", step: "any", class: "cell-input num" });
  edit("probability", prob, x.probability, String(Math.round(x.probability * 1000) / 10), () => {
    const n = numberOf(prob);
    return n === undefined ? undefined : n / 100;
  }, "Probability (%)");
  const impact = h("select", { class: "cell-input" }, ...[1, 2, 3, 4, 5].map((n) => h("option", { value: String(n) }, IMPACT_LABEL[n])));
  edit("impact", impact, x.impact, String(x.impact), () => Number(impact.value), "Impact");
  const mitigation = h("textarea", { rows: String(linesFor(x.mitigation, 22)), class: "cell-input", placeholder: "No mitigation yet" });
  edit("mitigation", mitigation, x.mitigation, x.mitigation, () => mitigation.value.trim(), "Mitigation");
  const status = h("select", { class: "cell-input" }, ...(Object.keys(STATUS_LABEL) as RiskStatus[]).map((s) => h("option", { value: s }, STATUS_LABEL[s])));
  edit("status", status, x.status, x.status, () => status.value, "Status");
  const s = r.score;
  const score = s
    ? h("span", { class: `score band-${s.band}`, "data-testid": "risk-score", title: `Probability level ${s.probability_level} × impact ${s.impact}: ${s.band}` }, String(s.score))
    : h("span", { class: "muted" }, "—");
  const del = button(`risk-remove-${id}`, "×", `Remove the risk ${x.title}`, () => host.remove(x), "btn icon ghost");
  del.dataset.testid = "risk-remove";
  del.tabIndex = -1; // Tab from the last field goes on to the next risk, not onto its remove button
  return h(
    "tr",
    { "data-id": id, "data-testid": "risk-row", class: x.status === "closed" ? "closed" : undefined },
    h("td", { class: "r-title" }, title, h("code", { class: "rid" }, id)),
    h("td", { class: "r-owner" }, owner),
    h("td", { class: "r-num" }, h("div", { class: "pct" }, prob, h("span", { class: "unit" }, "%"))),
    h("td", { class: "r-impact" }, impact),
    h("td", { class: "r-score" }, score),
    h("td", { class: "r-mitigation" }, mitigation),
    h("td", { class: "r-status" }, status),
    h("td", { class: "r-links" }, links(host, x, names), x.initiatives.length > 0 && host.exposure && button(`risk-exposure-${id}`, "Reach ⇢", `Show on the map what “${x.title}” can delay downstream`, () => host.exposure?.(x), "btn small ghost exposure")),
    h("td", { class: "r-delay" }, delay(host, x)),
    h("td", { class: "r-remove" }, del),
  );
}

/** The linked initiatives as chips (× unlinks) and a field that links one more by name or id. */
function links(host: RiskHost, x: Risk, names: ReadonlyMap<string, string>): HTMLElement {
  const chips = x.initiatives.map((i) => {
    const un = h("button", { type: "button", class: "chip-x", title: `Unlink ${names.get(i) ?? i}`, "aria-label": `Unlink ${names.get(i) ?? i}`, "data-testid": "risk-unlink", "data-initiative": i }, "×");
    un.addEventListener("click", () => host.patch(x.id, { initiatives: x.initiatives.filter((j) => j !== i) }));
    return h("span", { class: "chip", title: `${names.get(i) ?? "unknown"} (${i})` }, h("span", { class: "chip-text" }, names.get(i) ?? `${i} (unknown)`), un);
  });
  const add = h("input", { type: "text", class: "cell-input link-input", placeholder: "+ link…", title: "Link an initiative: type its name (Down: the names that match)", "data-testid": "risk-link", id: `risk-${x.id}-link`, "aria-label": `Link an initiative to ${x.title}`, autocomplete: "off" });
  let sent = false;
  const link = (found: string) => {
    if (sent) return;
    if (x.initiatives.includes(found)) {
      add.value = "";
      return;
    }
    sent = true;
    host.patch(x.id, { initiatives: [...x.initiatives, found] });
  };
  // the initiatives it does not hit yet, by name
  const keys = suggest(add, () => [...names].filter(([id]) => !x.initiatives.includes(id)).map(([value, label]) => ({ value, label })), (s) => link(s.value));
  const commit = () => {
    const q = add.value.trim();
    if (!q || sent) return;
    let found: string | undefined = names.has(q) ? q : undefined;
    if (!found) for (const [id, name] of names) if (name === q) found = id;
    if (!found) {
      const lower = q.toLowerCase();
      for (const [id, name] of names)
        if (name.toLowerCase() === lower || id.toLowerCase() === lower) {
          found = id;
          break;
        }
    }
    if (!found) {
      host.note(`No initiative is called “${q}”`);
      add.classList.add("miss");
      return;
    }
    link(found);
  };
  // A suggestion picked (click, or Down and Enter), or a name typed whole and Enter, links at
  // once (WebKit fires no "change" for a typed name until the field loses focus).
  add.addEventListener("change", commit);
  add.addEventListener("input", () => add.classList.remove("miss"));
  add.addEventListener("keydown", (e) => {
    if (keys(e)) return;
    if (e.key === "Enter") {
      e.preventDefault();
      commit();
    } else if (e.key === "Escape") {
      add.value = "";
      add.blur();
    }
  });
  return h("div", { class: "chips" }, ...chips, add);
}

/** Min / likely / max working days added if it fires: all three, or none (no delay). */
function delay(host: RiskHost, x: Risk): HTMLElement {
  const saved = x.schedule_impact ?? null;
  const keys = ["optimistic", "likely", "pessimistic"] as const;
  const labels = ["min", "likely", "max"];
  const inputs = keys.map((k, n) => {
    const i = h("input", { type: "number", min: "0", step: "1", class: "cell-input num", placeholder: labels[n], "data-testid": `risk-delay-${labels[n]}`, id: `risk-${x.id}-delay-${labels[n]}`, "aria-label": `${labels[n]} delay of ${x.title}`, title: `${labels[n]} working days` });
    i.value = saved ? String(saved[k]) : "";
    return i;
  });
  const send = () => {
    const values = inputs.map((i) => i.value.trim());
    let next: Estimate | null;
    if (values.every((s) => s === "")) next = null;
    else if (values.some((s) => s === "") || inputs.some((i) => !i.checkValidity())) return; // the rest still to type
    else next = { optimistic: Number(values[0]), likely: Number(values[1]), pessimistic: Number(values[2]) };
    if (JSON.stringify(next) !== JSON.stringify(saved)) host.patch(x.id, { schedule_impact: next });
  };
  for (const i of inputs) {
    i.addEventListener("change", send);
    i.addEventListener("keydown", (e) => {
      if (e.key === "Enter") i.blur();
    });
  }
  return h("div", { class: "delay" }, ...inputs);
}

/** The 5 x 5 grid: probability up the side (5 on top), impact along the bottom, each cell in
 *  its band's colour with the number of open risks in it. */
function heatMap(host: RiskHost, heat: readonly HeatCell[], picked: Cell | null): HTMLElement {
  const grid = h("div", { class: "heat-grid", role: "grid", "aria-label": "Risks by probability and impact" });
  for (let p = 5; p >= 1; p--) {
    grid.append(h("div", { class: "heat-axis heat-p", title: heat.find((x) => x.probability === p)?.probability_range ?? "" }, String(p)));
    for (let i = 1; i <= 5; i++) {
      const c = heat.find((x) => x.probability === p && x.impact === i);
      const n = c?.risks.length ?? 0;
      const on = picked?.probability === p && picked.impact === i;
      const b = h(
        "button",
        {
          type: "button",
          class: `heat-cell band-${c?.band ?? "low"}${n === 0 ? " empty" : ""}${on ? " on" : ""}`,
          "data-testid": `heat-${p}-${i}`,
          id: `heat-${p}-${i}`,
          "data-count": String(n),
          "aria-pressed": String(on),
          title: `Probability ${p} (${c?.probability_range ?? ""}) × impact ${i}: ${plural(n, ["open risk", "open risks"])}${n > 0 ? (on ? ". Click to show all" : ". Click to show them") : ""}`,
        },
        n > 0 ? String(n) : "",
      );
      b.disabled = n === 0 && !on;
      b.addEventListener("click", () => host.pickCell(on ? null : { probability: p, impact: i }));
      grid.append(b);
    }
  }
  grid.append(h("div", {}), ...[1, 2, 3, 4, 5].map((i) => h("div", { class: "heat-axis" }, String(i))));
  const open = heat.reduce((n, c) => n + c.risks.length, 0);
  return h(
    "aside",
    { class: "heat", "data-testid": "heat-map" },
    h("h2", {}, "Heat map"),
    h("p", { class: "muted" }, `${plural(open, ["open risk", "open risks"])} (closed risks are not on it). Click a cell to filter.`),
    h("div", { class: "heat-frame" }, h("div", { class: "heat-ylabel" }, "Probability"), grid),
    h("div", { class: "heat-xlabel" }, "Impact"),
    h("ul", { class: "heat-legend" }, ...(["high", "medium", "low"] as const).map((b) => h("li", {}, h("span", { class: `swatch band-${b}` }), b))),
  );
}

/** Rows a text area needs to show `text` at about `perLine` characters a line (1-5; more
 *  scrolls when focused). */
function linesFor(text: string, perLine: number): number {
  return Math.max(1, Math.min(5, Math.ceil(text.length / perLine)));
}

function nonEmpty(s: string): string | undefined {
  const t = s.trim();
  return t === "" ? undefined : t;
}

function numberOf(i: HTMLInputElement): number | undefined {
  if (i.value.trim() === "" || !i.checkValidity()) return undefined;
  const n = Number(i.value);
  return Number.isFinite(n) ? n : undefined;
}

/** Grows each text area of the register to show its whole text (up to 6 lines; more
 *  scrolls when focused). Call once the register is in the document (it measures). */
export function fitTextAreas(root: HTMLElement): void {
  for (const t of root.querySelectorAll<HTMLTextAreaElement>("textarea.cell-input")) {
    while (t.scrollHeight > t.clientHeight + 1 && t.rows < 6) t.rows++;
  }
}

/** The ids of the initiatives the given risks hit, for the map. */
export function initiativesOf(v: PlanView, risks: readonly string[]): Set<string> {
  const want = new Set(risks);
  const out = new Set<string>();
  for (const r of v.plan.risks) if (want.has(r.id)) for (const i of r.initiatives) out.add(i);
  return out;
}

/** The probabilities a level stands for, as the core labels them on its heat map. */
function rangeOf(v: PlanView, level: number): string {
  return v.heat.find((c) => c.probability === level)?.probability_range ?? "";
}
