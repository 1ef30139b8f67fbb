// The Analysis tab (issue 14): the last simulation of the open plan (the S-curve and the
// histogram with P50, P80 and the target marked, the chance of meeting the target, the
// tornado of risk drivers, each wave's and milestone's P50/P80, the most critical work),
// the run itself (in the background on a snapshot of the plan, with a progress bar and
// Cancel: edits go on meanwhile), and what the map shows from it: criticality as a
// colouring, a risk's downstream exposure. Also the Brief (PDF) command, which prints the
// same stored run. Every figure is the core's (api::analysis); nothing is computed here.
import "./analysis.css";
import * as backend from "../backend";
import type { Analysis, ApiError, PlanView, RiskReach, SimProgress, SimulationView } from "../bindings";
import { button, h, plural } from "../dom";
import { type BandCount, criticalityLegend, criticalityPaint, type Drawn, EXPOSURE, exposurePaint } from "../map/criticality";
import type { Paint } from "../map/render";
import { finishChart, tornadoChart } from "./charts";
import { askBrief, help } from "./dialogs";
import { explain, type Term, TERM } from "../words";

export interface AnalysisHost {
  /** A call to the core behind the window's other calls (the app's one queue). */
  queue<T>(fn: () => Promise<T>): Promise<T>;
  view(): PlanView | null;
  note(message: string): void;
  showError(e: ApiError, lead: string): void;
  /** The map's paint or key changed (criticality numbers, an exposure). */
  repaint(): void;
  /** Show the map, fitted to these initiatives. */
  showOnMap(ids: readonly string[]): void;
  /** Colour the map by criticality and show it. */
  colourByCriticality(): void;
}

const DEFAULT_ITERATIONS = 5_000;

const pct = (p: number) => `${Math.round(p * 100)}%`;
const when = (at: string) => (at.length >= 16 ? `${at.slice(0, 10)} ${at.slice(11, 16)} UTC` : at);
const days = (d: number) => `${d < 10 ? d.toFixed(1) : Math.round(d)} working days`;

export class AnalysisPanel {
  /** The last analysis the core returned; null until asked. */
  data: Analysis | null = null;
  /** A run in progress. */
  progress: SimProgress | null = null;
  /** The risk whose exposure the map shows. */
  exposure: RiskReach | null = null;
  private iterations = DEFAULT_ITERATIONS;
  /** The next run within the teams' capacity (shown as such, never kept in the file). */
  private levelled = false;
  private shown = false;
  /** The plan changed since `data` was read: read it again when it is needed. */
  private dirty = true;
  private busy = false;

  constructor(
    readonly pane: HTMLElement,
    readonly host: AnalysisHost,
  ) {}

  get simulation(): SimulationView | null {
    return this.data?.simulation ?? null;
  }

  /** The tab is shown (true) or left. */
  setShown(shown: boolean): void {
    this.shown = shown;
    if (shown) void this.refresh();
  }

  /** The plan changed (an edit, undo, another program): the stored run may be stale now, an
   *  exposure may reach other initiatives. */
  planChanged(mapUsesIt: boolean): void {
    this.dirty = true;
    if (this.shown || mapUsesIt) void this.refresh();
    if (this.exposure) void this.showExposure(this.exposure.risk, false);
  }

  /** Another plan was opened: nothing of the last one holds. */
  forget(): void {
    this.data = null;
    this.exposure = null;
    this.dirty = true;
  }

  /** Reads the stored run again (cheap: one row of the plan file). */
  async refresh(): Promise<void> {
    if (!this.dirty) {
      this.render();
      return;
    }
    try {
      this.data = await this.host.queue(() => backend.analysis());
      this.dirty = false;
    } catch (e) {
      this.host.showError(e as ApiError, "The analysis could not be read.");
    }
    this.render();
    this.host.repaint();
  }

  /** Runs a simulation in the background; the window stays usable. */
  async run(): Promise<void> {
    if (this.progress) return;
    this.progress = { done: 0, total: this.iterations };
    this.render();
    const started = performance.now();
    try {
      // Not in the app's queue: edits go on while it runs (the core simulates a snapshot).
      this.data = await backend.simulate(
        this.iterations,
        (p) => {
          this.progress = p;
          this.renderProgress();
        },
        this.levelled,
      );
      this.dirty = false;
      const s = this.data.simulation;
      const secs = ((performance.now() - started) / 1000).toFixed(1);
      this.host.note(s ? `Simulated ${s.levelled ? "(levelled, teams' capacity) " : ""}${s.iterations.toLocaleString("en")} runs in ${secs} s: P50 ${s.p50.date}, P80 ${s.p80.date}${s.target ? `, ${pct(s.target.probability)} chance of meeting the target` : ""}` : "Simulated");
    } catch (e) {
      const err = e as ApiError;
      if (err.code === "cancelled") this.host.note("Simulation cancelled: the last results are kept");
      else this.host.showError(err, "Not simulated.");
    } finally {
      this.progress = null;
    }
    this.render();
    this.host.repaint();
  }

  async cancel(): Promise<void> {
    try {
      await backend.cancelSimulation();
    } catch (e) {
      this.host.showError(e as ApiError, "Not cancelled.");
    }
  }

  /** What risk `id` can delay, on the map. `fit` moves the map to it. */
  async showExposure(id: string, fit = true): Promise<void> {
    try {
      const reach = await this.host.queue(() => backend.exposure(id));
      this.exposure = reach;
      this.host.repaint();
      if (fit) this.host.showOnMap(reach.hits);
    } catch (e) {
      this.exposure = null;
      this.host.repaint();
      if (fit) this.host.showError(e as ApiError, "Cannot show its reach.");
    }
  }

  clearExposure(): void {
    this.exposure = null;
    this.host.repaint();
  }

  /** The map's paint from the analysis: a risk's exposure, else criticality when the map is
   *  coloured by it; null to leave the map's own colouring. */
  paint(m: Drawn, criticality: boolean): Paint | null {
    if (this.exposure) return exposurePaint(m, this.exposure);
    const s = this.simulation;
    if (criticality && s) return criticalityPaint(m, s.criticality, s.handoff_criticality);
    return null;
  }

  /** The map key's criticality legend, null before any run. */
  criticalityKey(): { legend: BandCount[]; note: string } | null {
    const s = this.simulation;
    if (!s) return null;
    const note = `Share of ${s.iterations.toLocaleString("en")} runs in which it drove the finish (run ${when(s.at)})${s.stale ? " · the plan changed since this run" : ""}`;
    return { legend: criticalityLegend(s.criticality), note };
  }

  /** The map key's line about the exposure shown, null when none is. */
  exposureNote(): string | null {
    const x = this.exposure;
    if (!x) return null;
    const downstream = x.reached.length - x.hits.length;
    let text = `“${x.title}” hits ${plural(x.hits.length, ["initiative", "initiatives"])} and can delay ${plural(downstream, ["more", "more"])} downstream`;
    if (x.measured) {
      const worst = x.reached.reduce((a, r) => Math.max(a, r.p80_delay_days ?? 0), 0);
      const delayed = x.reached.filter((r) => (r.p80_delay_days ?? 0) > 0).length;
      text += ` · in the last run it delayed ${delayed} of them, up to ${days(worst)} at P80`;
      if (x.stale) text += " (run before the last edit)";
    } else {
      text += " · run a simulation to see by how much";
    }
    return text;
  }

  /** The legend entries the exposure paint uses. */
  exposureLegend(): { label: string; colour: string }[] {
    const x = this.exposure;
    if (!x) return [];
    return x.measured ? [EXPOSURE[0], EXPOSURE[1], EXPOSURE[2]] : [EXPOSURE[0], EXPOSURE[3]];
  }

  /** Brief (PDF): the paper and the date first, then the shell asks where; the status bar
   *  names the file written. */
  async brief(): Promise<void> {
    if (this.busy) return;
    const now = new Date();
    const today = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, "0")}-${String(now.getDate()).padStart(2, "0")}`;
    const choice = await askBrief(today);
    if (!choice) return;
    this.busy = true;
    document.body.classList.add("busy");
    this.host.note("Writing the brief…");
    try {
      const w = await this.host.queue(() => backend.brief(choice.paper, choice.date));
      if (w) this.host.note(`Wrote the brief to ${w.path} (${Math.max(1, Math.round(w.bytes / 1024))} KB)`);
      else this.host.note("");
    } catch (e) {
      this.host.showError(e as ApiError, "No brief written.");
      this.host.note("");
    } finally {
      this.busy = false;
      document.body.classList.remove("busy");
    }
  }

  // ------------------------------------------------------------ the tab

  render(): void {
    if (!this.shown) return;
    const v = this.host.view();
    if (!v) return;
    const s = this.simulation;
    const scroll = this.pane.querySelector<HTMLElement>(".analysis")?.scrollTop ?? 0;
    const info = s
      ? h("span", { class: "muted" }, h("span", { "data-testid": "analysis-run", title: explain(TERM.seed) }, `${s.iterations.toLocaleString("en")} runs · ${s.distribution === "pert" ? "PERT" : "triangular"} · seed ${s.seed} · ${when(s.at)}`), " ", help(TERM.seed))
      : h("span", { class: "muted" }, "Not simulated yet");
    const body = h(
      "div",
      { class: "analysis", "data-testid": "analysis-view" },
      h("div", { class: "panel-head" }, h("h2", {}, "Risk analysis"), info, this.runBar()),
      this.data?.problem ? h("p", { class: "analysis-problem", role: "status" }, this.data.problem) : null,
      s?.levelled ? h("p", { class: "stale", "data-testid": "analysis-levelled", role: "status" }, "Levelled forecast (teams' capacity): every run waits for busy teams, and criticality is that of the levelled runs. It is not kept in the file: the plan keeps its plain forecast.") : null,
      s?.stale ? h("p", { class: "stale", "data-testid": "analysis-stale", role: "status" }, "The plan changed since this run: these figures are from the plan as it was. Run the simulation again for current ones.") : null,
      s ? this.results(s, v) : this.empty(v),
    );
    this.pane.replaceChildren(body);
    body.scrollTop = scroll;
  }

  private runBar(): HTMLElement {
    const p = this.progress;
    if (p) {
      const bar = h("progress", { max: String(p.total), value: String(p.done), "data-testid": "sim-progress", "aria-label": "Simulation progress" });
      return h(
        "div",
        { class: "run-bar push" },
        bar,
        h("span", { class: "progress-text", "data-testid": "sim-progress-text" }, `${p.done.toLocaleString("en")} of ${p.total.toLocaleString("en")} runs`),
        button("sim-cancel", "Cancel", "Stop the simulation (the last results are kept)", () => void this.cancel(), "btn small"),
      );
    }
    const n = h("input", { type: "number", min: "100", max: "1000000", step: "100", class: "iterations", id: "sim-iterations", "data-testid": "sim-iterations", "aria-label": "Runs" });
    n.value = String(this.iterations);
    n.addEventListener("change", () => {
      const x = Math.round(Number(n.value));
      if (Number.isFinite(x) && x >= 100 && x <= 1_000_000) this.iterations = x;
      else n.value = String(this.iterations);
    });
    const lev = h("input", { type: "checkbox", id: "sim-levelled", "data-testid": "sim-levelled" });
    lev.checked = this.levelled;
    lev.addEventListener("change", () => {
      this.levelled = lev.checked;
    });
    return h(
      "div",
      { class: "run-bar push" },
      h("label", { for: n.id }, "Runs"),
      n,
      h("label", { for: lev.id, title: "Schedule every run within the teams' capacity: the dates include the waiting for busy teams. Shown here, not kept in the file." }, lev, " Levelled (teams' capacity)"),
      button("sim-run", "▶ Run simulation", "Simulate the plan as it is now, in the background (you can keep editing)", () => void this.run(), "btn primary"),
    );
  }

  private renderProgress(): void {
    const p = this.progress;
    if (!p) return;
    const bar = this.pane.querySelector<HTMLProgressElement>("progress");
    const text = this.pane.querySelector(".progress-text");
    if (bar) bar.value = p.done;
    if (text) text.textContent = `${p.done.toLocaleString("en")} of ${p.total.toLocaleString("en")} runs`;
  }

  private empty(v: PlanView): HTMLElement {
    return h(
      "div",
      { class: "analysis-empty card" },
      h("h3", {}, "What date can you promise?"),
      h("p", {}, "The simulation runs the plan thousands of times: each initiative's duration drawn from its three-point estimate, each open risk firing with its probability. It gives the dates you can promise (P50, P80), the chance of meeting the target, the risks that move the finish most, and how often each initiative and seam drives it."),
      h("p", { class: "muted" }, v.plan.target ? `Target date: ${v.plan.target}.` : "The plan has no target date yet: with one, the simulation says how likely it is met.", " Press “Run simulation”; you can keep editing while it runs."),
    );
  }

  private results(s: SimulationView, v: PlanView): HTMLElement {
    const fact = (label: string, value: string, sub: string, id: string, cls = "", term?: Term) =>
      h("div", { class: `a-fact ${cls}` }, h("dt", {}, label, term && " ", term && help(term)), h("dd", { "data-testid": id, id }, value), h("p", { class: "sub" }, sub));
    const t = s.target;
    const facts = h(
      "dl",
      { class: "a-facts" },
      fact("P50 finish", s.p50.date, "as likely as not", "sim-p50", "", TERM.percentiles),
      fact("P80 finish", s.p80.date, "4 runs in 5 finish by then", "sim-p80", "strong", TERM.percentiles),
      t
        ? fact("Chance of meeting the target", pct(t.probability), `target ${t.date}`, "sim-on-target", t.probability >= 0.8 ? "good" : t.probability >= 0.5 ? "fair" : "poor")
        : fact("Target", "none", "the plan has no target date", "sim-on-target"),
      fact("Finish if nothing slips", s.cpm.date, "likely durations, no risk", "sim-cpm"),
    );
    const chart = h(
      "section",
      { class: "card" },
      h("h3", {}, "When will it finish?"),
      h("p", { class: "muted" }, "The curve: the chance of finishing by each date. The bars: how many runs finished then."),
      finishChart(s),
    );
    const names = new Map(v.plan.initiatives.map((i) => [i.id, i.name]));
    // Which dates are listed, and in what order, is the core's (SimulationView.deadlines).
    const deadlines =
      s.deadlines_checked === 0
        ? null
        : h(
            "section",
            { class: "card" },
            h("h3", {}, "Deadlines"),
            s.deadlines.length === 0
              ? h("p", { class: "empty", "data-testid": "sim-deadlines-met" }, `${plural(s.deadlines_checked, ["deadline or due date", "deadlines and due dates"])}: met in every run.`)
              : h(
                  "div",
                  { class: "scroll-small" },
                  h(
                    "table",
                    { class: "points", "data-testid": "sim-deadlines" },
                    h("thead", {}, h("tr", {}, h("th", {}, "Name"), h("th", { class: "num" }, "Deadline"), h("th", { class: "num" }, "Chance"), h("th", { class: "num" }, "P80"))),
                    h(
                      "tbody",
                      {},
                      ...s.deadlines.map((d) =>
                        h("tr", {}, h("td", { title: d.kind === "handoff" ? "handoff due" : "deadline" }, d.name), h("td", { class: "num" }, d.date), h("td", { class: "num strong" }, pct(d.probability)), h("td", { class: "num" }, d.p80?.date ?? "")),
                      ),
                    ),
                  ),
                ),
          );
    const tornado = h(
      "section",
      { class: "card" },
      h("h3", {}, "What moves P80 ", help(TERM.percentiles)),
      s.tornado.length === 0
        ? h("p", { class: "empty" }, "No risk was measured: link open risks to initiatives and give them a schedule impact.")
        : h("div", {}, h("p", { class: "muted" }, "Each risk against the same runs without it. Click one to see what it can delay on the map."), tornadoChart(s.tornado.slice(0, 12), (risk) => void this.showExposure(risk))),
    );
    const rows = [...s.waves.map((w) => ({ kind: "Wave", ...w })), ...s.milestones.map((m) => ({ kind: "Milestone", ...m }))];
    const points = h(
      "section",
      { class: "card" },
      h("h3", {}, "Waves and milestones"),
      rows.length === 0
        ? h("p", { class: "empty" }, "The plan has no waves or milestones.")
        : h(
            "div",
            { class: "scroll-small" },
            h(
              "table",
              { class: "points", "data-testid": "sim-points" },
              h("thead", {}, h("tr", {}, h("th", {}, ""), h("th", {}, "Name"), h("th", { class: "num" }, "P10"), h("th", { class: "num" }, "P50"), h("th", { class: "num" }, "P80"), h("th", { class: "num" }, "P90"))),
              h(
                "tbody",
                {},
                ...rows.map((r) =>
                  h(
                    "tr",
                    {},
                    h("td", { class: "muted" }, r.kind),
                    h("td", { class: "name", title: r.id }, r.name),
                    h("td", { class: "num muted" }, r.percentiles.find((p) => p.percent === 10)?.date ?? ""),
                    h("td", { class: "num" }, r.p50.date),
                    h("td", { class: "num strong" }, r.p80.date),
                    h("td", { class: "num muted" }, r.percentiles.find((p) => p.percent === 90)?.date ?? ""),
                  ),
                ),
              ),
            ),
          ),
    );
    // The work that drives the finish in (nearly) every run is counted, not listed ten times
    // at 100%: the list is of the work that only sometimes does, the uncertain part.
    const sorted = [...s.criticality].sort((a, b) => b.share - a.share);
    const always = sorted.filter((c) => c.share >= 0.995).length;
    const top = sorted.filter((c) => c.share < 0.995 && c.share > 0).slice(0, 10);
    const crit = h(
      "section",
      { class: "card" },
      h("div", { class: "card-head" }, h("h3", {}, "What drives the finish"), button("sim-colour-map", "Colour the map by criticality", "Show criticality on the map: cards and seams by how often they drive the finish", () => this.host.colourByCriticality(), "btn small push")),
      h("p", { class: "muted", "data-testid": "sim-always-critical" }, always > 0 ? `${always === 1 ? "1 initiative drives" : `${always} initiatives drive`} the finish in every run. ${top.length > 0 ? "These do in some runs:" : "No other work ever does."}` : "No initiative drives the finish in every run. The most often:"),
      h(
        "ol",
        { class: "crit-list", "data-testid": "sim-critical" },
        ...top.map((c) => {
          const fill = h("span", { class: "crit-fill" });
          fill.style.width = `${Math.round(c.share * 100)}%`; // CSSOM, not an inline attribute
          return h("li", {}, h("span", { class: "crit-name", title: c.id }, names.get(c.id) ?? c.id), h("span", { class: "crit-bar" }, fill), h("span", { class: "crit-pct" }, pct(c.share)));
        }),
      ),
    );
    return h("div", { class: "a-body" }, facts, deadlines, chart, h("div", { class: "a-cols" }, tornado, h("div", { class: "a-stack" }, points, crit)));
  }
}
