// The Sites tab (issue 28, item 5): every site of the rollout against its wave (the core's
// figures and flags, api::sites), filtered by wave, region or flag and sorted by any column
// (panels/sitelist.ts, pure), and a wave timeline: each wave's span in the plan, its gate
// and completion, and its P50..P80 from a current forecast. This module only places what the
// core returned. With a template in the plan, its editor (panels/template.ts) is the tab's
// other part.
import "./sites.css";
import * as backend from "../backend";
import type { Edit, Plan, SiteRow, SitesView, TemplateLayout, WaveRow } from "../bindings";
import { button, h, plural, svg } from "../dom";
import { type LazyHost, LazyPanel } from "./lazy";
import { ALL, type SiteFilter, filterSites, regions, sortSites, waveName } from "./sitelist";
import { nextSort, type SortState } from "./sorting";
import { TemplateEditor } from "./template";

export interface SitesHost extends LazyHost {
  /** Select the work of a site and show it on the map. */
  showSite(site: string): void;
  /** The plan as last shown (its templates and teams). */
  plan(): Plan | null;
  /** Edits to the plan as one undo step (the window shows the view after them). */
  apply(edits: Edit[]): Promise<boolean>;
}

/** What the tab reads from the core: the sites and waves, and the drawing of the template
 *  being edited (none when the plan has no template). */
export interface SitesData {
  view: SitesView;
  template: TemplateLayout | null;
}

/** The columns: key, heading, tooltip, and whether the largest matters first. */
const COLUMNS: [string, string, string, boolean][] = [
  ["name", "Site", "The site, and why it is unlike its wave", false],
  ["wave", "Wave", "Its wave", false],
  ["region", "Region", "", false],
  ["start", "Start", "The first start of its work", false],
  ["finish", "Finish", "The last finish of its work", false],
  ["span", "Work days", "Working days on which its work runs (from its first start to its last finish, less the days it waits for a gate, a crew or a handoff): what is compared with its wave", true],
  ["p80", "P50 / P80", "Its finish in the kept forecast (none when there is no current forecast)", false],
  ["late", "Late", "Working days later than the baseline of record, else than its wave's median finish", true],
  ["blocked", "Blocked", "Initiatives blocked", true],
  ["risks", "Risks", "Open risks hitting its work", true],
  ["overrides", "Overrides", "Template fields this site does its own way", true],
];
const DESC_FIRST = new Set(COLUMNS.filter((c) => c[3]).map((c) => c[0]));

const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;

export class SitesPanel extends LazyPanel<SitesData> {
  private filter: SiteFilter = ALL;
  private sort: SortState | null = { key: "flags", dir: "desc" };
  /** Which part shows: the sites and waves, or the template editor. */
  private part: "sites" | "template" = "sites";
  /** The template being edited (the plan's first when none was chosen). */
  private chosen: string | null = null;
  private readonly editor: TemplateEditor;

  constructor(
    pane: HTMLElement,
    readonly host: SitesHost,
  ) {
    super(pane, host, "The sites could not be read.");
    this.editor = new TemplateEditor({
      apply: (edits) => host.apply(edits),
      choose: (id) => {
        this.chosen = id;
        this.dirty = true;
        void this.refresh();
      },
      siteName: (id) => this.data?.view.sites.find((s) => s.id === id)?.name ?? id,
    });
    this.editor.rerender = () => this.render();
  }

  protected async load(): Promise<SitesData> {
    const view = await backend.sites();
    const templates = this.host.plan()?.templates ?? [];
    const id = templates.find((t) => t.id === this.chosen)?.id ?? templates[0]?.id ?? null;
    this.chosen = id;
    return { view, template: id === null ? null : await backend.templateLayout(id) };
  }

  protected forgotten(): void {
    this.filter = ALL;
    this.chosen = null;
    this.part = "sites";
    this.editor.forget();
  }

  protected render(): void {
    const v = this.data?.view;
    const root = h("div", { class: "sites", "data-testid": "sites" });
    if (!v) {
      this.pane.replaceChildren(root);
      return;
    }
    const templates = this.host.plan()?.templates ?? [];
    if (v.sites.length === 0 && templates.length === 0) {
      root.append(
        h("div", { class: "panel-head" }, h("h2", {}, "Sites")),
        h("p", { class: "u-empty", "data-testid": "sites-empty" }, "This plan has no sites. A rollout adds them: bridger rollout PLAN --template ID --sites SITES.csv."),
      );
      this.pane.replaceChildren(root);
      return;
    }
    const flagged = v.sites.filter((s) => s.flags.length > 0).length;
    const seg = (part: "sites" | "template", label: string, title: string) =>
      button(`sites-part-${part}`, label, title, () => {
        this.part = part;
        this.render();
      }, `btn seg-btn${this.part === part ? " on" : ""}`);
    const parts = templates.length > 0 ? h("div", { class: "seg push", role: "group" }, seg("sites", "Sites and waves", "Each site against its wave, and the waves' timeline"), seg("template", "Template", "The rollout template: its steps and handoffs, the sites using it and their overrides")) : null;
    root.append(
      h(
        "div",
        { class: "panel-head" },
        h("h2", {}, "Sites"),
        h("span", { class: `c-chip ${flagged > 0 ? "over" : "fits"}`, "data-testid": "sites-flagged-count" }, flagged > 0 ? `${flagged} unlike their wave` : "Every site like its wave"),
        h(
          "span",
          { class: "muted" },
          `${plural(v.sites.length, ["site", "sites"])} in ${plural(v.waves.length, ["wave", "waves"])} · late against ${v.baseline ? `baseline “${v.baseline}”` : "the wave's median finish"} · ${v.forecast ? "P50/P80 from the kept forecast" : "no current forecast: run one on the Analysis tab for P50/P80"}`,
        ),
        parts,
      ),
    );
    const plan = this.host.plan();
    const t = templates.find((x) => x.id === this.data?.template?.template);
    if (this.part === "template" && plan && t && this.data?.template) {
      root.append(this.editor.render(plan, t, this.data.template, this.pane.clientWidth));
    } else {
      if (v.waves.length > 0) root.append(this.timeline(v));
      if (v.sites.length === 0) root.append(h("p", { class: "u-empty", "data-testid": "sites-empty" }, "No site uses a template yet: bridger rollout PLAN --template ID --sites SITES.csv adds them."));
      else root.append(this.filters(v), this.table(v));
    }
    // drawn again after an edit: the field typed in and the scroll stay
    const focused = this.pane.contains(document.activeElement) ? document.activeElement?.id : undefined;
    const top = this.pane.firstElementChild?.scrollTop ?? 0;
    const drawing = this.pane.querySelector(".te-drawing");
    const [left, down] = [drawing?.scrollLeft ?? 0, drawing?.scrollTop ?? 0];
    this.pane.replaceChildren(root);
    root.scrollTop = top;
    const again = root.querySelector(".te-drawing");
    if (again) [again.scrollLeft, again.scrollTop] = [left, down];
    if (focused) document.getElementById(focused)?.focus();
  }

  private filters(v: SitesView): HTMLElement {
    const select = (testid: string, label: string, value: string, options: [string, string][], set: (x: string) => void) => {
      const s = h("select", { class: "cell-input", "data-testid": testid, "aria-label": label });
      for (const [val, text] of options) {
        const o = h("option", { value: val }, text);
        if (val === value) o.selected = true;
        s.append(o);
      }
      s.addEventListener("change", () => set(s.value));
      return h("label", { class: "st-filter" }, h("span", { class: "muted" }, label), s);
    };
    const waves: [string, string][] = [["", "All waves"], ...v.waves.map((w): [string, string] => [w.id, w.name])];
    if (v.sites.some((s) => s.wave === null)) waves.push(["-", "No wave"]);
    const regs: [string, string][] = [["", "All regions"], ...regions(v.sites).map((r): [string, string] => [r, r])];
    const only = h("input", { type: "checkbox", "data-testid": "sites-flagged-only" });
    only.checked = this.filter.flagged;
    only.addEventListener("change", () => this.set({ ...this.filter, flagged: only.checked }));
    return h(
      "div",
      { class: "st-filters" },
      select("sites-wave", "Wave", this.filter.wave, waves, (wave) => this.set({ ...this.filter, wave })),
      select("sites-region", "Region", this.filter.region, regs, (region) => this.set({ ...this.filter, region })),
      h("label", { class: "st-filter" }, only, "Only sites unlike their wave"),
    );
  }

  private set(filter: SiteFilter): void {
    this.filter = filter;
    this.render();
  }

  private table(v: SitesView): HTMLElement {
    let rows = filterSites(v.sites, this.filter);
    if (this.sort) rows = sortSites(rows, v.waves, this.sort.key, this.sort.dir);
    const head = COLUMNS.map(([key, label, title]) => {
      const mark = this.sort?.key === key ? (this.sort.dir === "asc" ? " ▲" : " ▼") : "";
      const b = h("button", { type: "button", class: "st-sort", "data-testid": `sites-sort-${key}`, title: title ? `${title}. Sort by it` : "Sort by it" }, label + mark);
      b.addEventListener("click", () => {
        this.sort = nextSort(this.sort, key, DESC_FIRST);
        this.render();
      });
      const sorted = this.sort?.key === key ? (this.sort.dir === "asc" ? "ascending" : "descending") : undefined;
      return h("th", { scope: "col", class: `st-${key}`, "aria-sort": sorted }, b);
    });
    const body = rows.map((r) => this.row(v, r));
    return h(
      "div",
      { class: "u-scroll" },
      h("table", { class: "u-table st-table", "data-testid": "sites-table" }, h("thead", {}, h("tr", {}, ...head)), h("tbody", {}, ...body)),
      rows.length === 0 ? h("p", { class: "st-none muted" }, "No site matches the filter.") : null,
    );
  }

  private row(v: SitesView, r: SiteRow): HTMLElement {
    const name = h("button", { type: "button", class: "u-link", title: "Show its work on the map", "data-testid": "sites-name" }, r.name);
    name.addEventListener("click", () => this.host.showSite(r.id));
    const reasons = r.flags.map((f) => h("span", { class: "st-flag", "data-testid": "sites-flag", "data-code": f.code }, f.reason));
    const late = r.late_days === null ? "" : r.late_days === 0 ? "0" : r.late_days > 0 ? `+${r.late_days}` : String(r.late_days);
    const num = (n: number, warn = false) => h("td", { class: `u-num${warn && n > 0 ? " st-warn" : ""}` }, String(n));
    return h(
      "tr",
      { class: `u-row${r.flags.length > 0 ? " st-flagged" : ""}`, "data-id": r.id, "data-testid": "sites-row", "data-flagged": String(r.flags.length > 0) },
      h("td", { class: "u-name" }, name, ...reasons),
      h("td", {}, waveName(v.waves, r.wave)),
      h("td", {}, r.region ?? ""),
      r.start === null ? h("td", { class: "muted" }, "no work") : h("td", { class: "u-last" }, r.start),
      h("td", { class: "u-last" }, r.finish ?? ""),
      h("td", { class: "u-num", title: r.span_days === null ? undefined : `${r.span_days} working days from first start to last finish` }, r.work_days === null ? "" : String(r.work_days)),
      r.p50 && r.p80
        ? h("td", { class: "u-last", title: "Finish at P50, then P80" }, r.p50, h("span", { class: "u-sub muted" }, r.p80))
        : h("td", { class: "muted" }, "—"),
      h("td", { class: `u-num${r.late_days !== null && r.late_days > 0 ? " st-warn" : ""}` }, late),
      num(r.status_counts.blocked, true),
      num(r.open_risks),
      num(r.overrides.length),
    );
  }

  /** Each wave's span as a bar (plan), its P50..P80 as a whisker, its gate and completion as
   *  marks; dates placed on one axis. */
  private timeline(v: SitesView): HTMLElement {
    const waves = v.waves.filter((w) => w.start !== null && w.finish !== null);
    const dates = waves.flatMap((w) => [w.start, w.finish, w.gate, w.completion, w.p80]).filter((d): d is string => d !== null);
    const wrap = h("div", { class: "st-timeline", "data-testid": "sites-timeline" }, h("h3", {}, "Waves"));
    if (dates.length === 0) return wrap;
    const first = Math.min(...dates.map(day));
    const last = Math.max(...dates.map(day)) + 1;
    const W = 1000;
    const label = 170;
    const rowH = 26;
    const top = 22;
    const H = top + waves.length * rowH + 6;
    const x = (iso: string) => label + ((day(iso) - first) / Math.max(1, last - first)) * (W - label - 12);
    const chart = svg("svg", { viewBox: `0 0 ${W} ${H}`, class: "st-chart", role: "img", "aria-label": "Each wave's span, gate and completion, plan and forecast" });
    // month ticks; the first month named at the axis' start when its own tick is far
    const d0 = new Date(first * 86_400_000);
    const month = (d: Date) => d.toLocaleString("en", { month: "short", year: "numeric", timeZone: "UTC" });
    const next = new Date(Date.UTC(d0.getUTCFullYear(), d0.getUTCMonth() + 1, 1)).toISOString().slice(0, 10);
    if (x(next) - label > 80) chart.append(svg("text", { x: label + 3, y: 11, class: "st-tick-text" }, month(d0)));
    for (let m = new Date(Date.UTC(d0.getUTCFullYear(), d0.getUTCMonth() + 1, 1)); m.getTime() / 86_400_000 < last; m = new Date(Date.UTC(m.getUTCFullYear(), m.getUTCMonth() + 1, 1))) {
      const iso = m.toISOString().slice(0, 10);
      chart.append(svg("line", { x1: x(iso), x2: x(iso), y1: 14, y2: H, class: "st-tick" }), svg("text", { x: x(iso) + 3, y: 11, class: "st-tick-text" }, month(m)));
    }
    waves.forEach((w: WaveRow, k) => {
      const y = top + k * rowH;
      const g = svg("g", { "data-wave": w.id });
      g.append(svg("text", { x: 0, y: y + 16, class: "st-wave-name" }, `${w.name}${w.flagged > 0 ? ` (${w.flagged} flagged)` : ""}`));
      const a = x(w.start!);
      const b = x(w.finish!) + (W - label) / Math.max(1, last - first);
      g.append(svg("rect", { x: a, y: y + 6, width: Math.max(2, b - a), height: 12, rx: 3, class: "st-bar" }, svg("title", {}, `${w.name}: ${w.start} to ${w.finish} (plan)`)));
      if (w.p50 && w.p80) {
        g.append(
          svg("line", { x1: x(w.p50), x2: x(w.p80), y1: y + 21, y2: y + 21, class: "st-whisker" }, svg("title", {}, `Forecast finish: P50 ${w.p50}, P80 ${w.p80}`)),
          svg("circle", { cx: x(w.p50), cy: y + 21, r: 2.5, class: "st-p50" }),
        );
      }
      if (w.gate) g.append(svg("path", { d: `M${x(w.gate)} ${y + 3} l5 9 l-5 9 l-5 -9 z`, class: "st-gate" }, svg("title", {}, `Gate${w.gate_name ? ` (${w.gate_name})` : ""}: ${w.gate}`)));
      if (w.completion) g.append(svg("path", { d: `M${x(w.completion)} ${y + 3} l5 9 l-5 9 l-5 -9 z`, class: "st-done" }, svg("title", {}, `Completion: ${w.completion}`)));
      chart.append(g);
    });
    const key = h(
      "div",
      { class: "st-key muted" },
      h("span", { class: "st-key-bar" }), "plan ",
      h("span", { class: "st-key-gate" }), "gate ",
      h("span", { class: "st-key-done" }), "completion ",
      h("span", { class: "st-key-whisker" }), v.forecast ? "forecast P50–P80" : "forecast P50–P80 (none current)",
    );
    wrap.append(chart, key);
    return wrap;
  }
}
