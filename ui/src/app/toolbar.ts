// The top of the window: the header (the plan's name, path, start, finish and length as the
// core scheduled them, and the find box) and the toolbar (the File menu, the tabs, Flow /
// Seams, New initiative, Delete, Undo / Redo, and on the map Arrange and the zoom). It draws
// the buttons from the state and hands every press to the host; it does nothing itself.
import iconUrl from "../../../icons/128x128.png";
import type { Arrangement } from "../bindings";
import { button, h, plural } from "../dom";
import type { FileHost } from "../panels/files";
import { fileButton } from "../panels/files";
import * as S from "../map/selection";
import { describe } from "./calls";
import type { Ctx } from "./context";

export interface ToolbarHost {
  /** The File menu's commands. */
  readonly files: FileHost;
  step(dir: "undo" | "redo"): Promise<void>;
  switchArrangement(a: Arrangement): Promise<void>;
  /** A new initiative in the middle of the map. */
  addInitiative(): Promise<void>;
  deleteSelection(): Promise<void>;
  arrange(): Promise<void>;
  fit(): void;
  zoom(factor: number): void;
  /** The map's zoom, for its figure. */
  scale(): number;
}

export class Toolbar {
  readonly header = h("header", { class: "bar" });
  readonly bar = h("div", { class: "toolbar", role: "toolbar" });
  /** The map's By wave toggle, over the map's bottom-left corner (main.ts places it): the
   *  toolbar has no room left at 1280 px. */
  readonly foldBox = h("div", { class: "map-fold" });

  /** `search`: the find box, which sits in the header. */
  constructor(
    private readonly ctx: Ctx,
    private readonly search: HTMLInputElement,
    private readonly host: ToolbarHost,
  ) {}

  renderHeader(): void {
    const v = this.ctx.state.view;
    if (!v) return;
    const s = v.schedule;
    const fact = (label: string, value: string, id: string) => h("div", { class: "fact" }, h("dt", {}, label), h("dd", { id }, value));
    this.header.replaceChildren(
      h("img", { class: "mark", src: iconUrl, alt: "" }),
      h("div", { class: "title" }, h("h1", { id: "plan-name", title: v.plan.name }, v.plan.name), h("p", { class: "path", title: v.path }, v.path)),
      s
        ? h("dl", { class: "facts" }, fact("Start", s.start_date, "plan-start"), fact("Finish", s.finish_date, "plan-finish"), fact("Length", plural(s.makespan_days, ["working day", "working days"]), "plan-length"))
        : h("p", { class: "no-schedule", id: "schedule-error-short", title: v.schedule_error?.message ?? "" }, "Cannot be scheduled: ", v.schedule_error?.message ?? ""),
      this.search,
    );
  }

  render(): void {
    const st = this.ctx.state;
    const host = this.host;
    const seg = (items: [string, string, boolean, () => void, string][]) =>
      h(
        "div",
        { class: "seg", role: "group" },
        ...items.map(([id, label, on, fn, title]) => {
          const b = button(id, label, title, fn, `seg-btn${on ? " on" : ""}`);
          b.setAttribute("aria-pressed", String(on));
          return b;
        }),
      );
    const v = st.view;
    const sel = st.overlay.selection;
    const tab = st.tab;
    const setTab = (t: typeof tab) => () => this.ctx.setTab(t);
    const undo = button("undo", "↶ Undo", v?.undo ? `Undo ${describe(v.undo)} (Ctrl+Z)` : "Nothing to undo (Ctrl+Z)", () => void host.step("undo"));
    undo.disabled = !v?.undo;
    const redo = button("redo", "↷ Redo", v?.redo ? `Redo ${describe(v.redo)} (Ctrl+Shift+Z)` : "Nothing to redo (Ctrl+Shift+Z)", () => void host.step("redo"));
    redo.disabled = !v?.redo;
    const del = button("delete", "Delete", "Delete the selection (Del)", () => void host.deleteSelection());
    // the selection is the map's and the schedule table's: elsewhere it is not in sight
    del.disabled = S.isEmpty(sel) || (tab !== "map" && tab !== "schedule");
    const mapOnly = (...children: Node[]) => h("span", { class: `toolbar-group${tab === "map" ? "" : " hidden"}` }, ...children);
    const some = sel.cards.size > 0;
    // one label whatever is selected: a longer one made the toolbar wrap at 1280 px when a
    // card was selected, and the map jumped down a row under the pointer (the title says which)
    const arrange = button("arrange", "Arrange", some ? `Lay out the ${plural(sel.cards.size, ["selected card", "selected cards"])} again (their hand-placed positions are cleared; Undo brings them back)` : "Lay out the whole map again (hand-placed positions are cleared; Undo brings them back)", () => void host.arrange());
    arrange.disabled = !v || v.plan.initiatives.length === 0;
    // a rollout's waves and sites, each one card (the map by wave) or every initiative
    const folded = !!v?.layout.fold;
    const byWave = v && (v.plan.waves.length > 0 || v.plan.sites.length > 0)
      ? button("fold-all", "By wave", folded ? "Show every initiative (expand every wave and site)" : "One card per wave: each wave and site collapsed (double-click a card to expand it)", () => this.ctx.fold({ op: folded ? "expand_all" : "collapse_all" }), `btn${folded ? " on" : ""}`)
      : null;
    byWave?.setAttribute("aria-pressed", String(folded));
    this.bar.replaceChildren(
      fileButton(host.files),
      h("span", { class: "sep" }),
      seg([
        ["tab-map", "Map", tab === "map", setTab("map"), "The dependency map"],
        ["tab-schedule", "Schedule", tab === "schedule", setTab("schedule"), "The schedule as a table"],
        ["tab-risks", "Risks", tab === "risks", setTab("risks"), "The risk register and the heat map"],
        ["tab-update", "Update", tab === "update", setTab("update"), "The work due for an update around the status date: what each owner says, saved as one step"],
        ["tab-plan", "Plan", tab === "plan", setTab("plan"), "Plan settings, teams, sites and waves"],
        ["tab-analysis", "Analysis", tab === "analysis", setTab("analysis"), "Risk analysis: the simulation's dates, the chance of meeting the target, what drives them"],
        ["tab-capacity", "Capacity", tab === "capacity", setTab("capacity"), "Load against capacity per team and week, the Timeline, and leveling"],
        ["tab-sites", "Sites", tab === "sites", setTab("sites"), "Each site of the rollout against its wave: the sites unlike their wave, and each wave's span, gate and completion"],
        ["tab-priorities", "Priorities", tab === "priorities", setTab("priorities"), "The strategic priorities by rank: their owners, the work serving each, its finish and load; re-rank them, and What to stop to meet a date"],
        ["tab-health", "Health", tab === "health", setTab("health"), "Schedule health: the DCMA 14-point assessment and the ownership checks, each against its threshold, and the grade"],
      ]),
      // the map's own controls show on the map only (the other tabs have no drawing to arrange)
      mapOnly(
        seg([
          ["arrangement-flow", "Flow", st.arrangement === "flow", () => void host.switchArrangement("flow"), "Left to right along the handoffs"],
          ["arrangement-seams", "Seams", st.arrangement === "seams", () => void host.switchArrangement("seams"), "One lane per team: the handoffs between teams stand out"],
        ]),
      ),
      h("span", { class: "sep" }),
      button("add-initiative", "+ New", "Add an initiative (N, or double-click the map)", () => void host.addInitiative()),
      del,
      h("span", { class: "sep" }),
      undo,
      redo,
      mapOnly(
        h("span", { class: "sep" }),
        arrange,
        button("zoom-fit", "Fit", "Zoom to fit the whole plan (F)", () => host.fit()),
        button("zoom-out", "−", "Zoom out (-)", () => host.zoom(1 / 1.25), "btn icon"),
        h("span", { class: "zoom", "data-testid": "zoom-level" }, ""),
        button("zoom-in", "+", "Zoom in (+)", () => host.zoom(1.25), "btn icon"),
      ),
    );
    this.foldBox.replaceChildren(...(byWave ? [byWave] : []));
    this.foldBox.classList.toggle("hidden", !byWave || tab !== "map");
    this.renderZoom();
  }

  /** The zoom figure, without building the toolbar again. */
  renderZoom(): void {
    const z = this.bar.querySelector(".zoom");
    if (z) z.textContent = `${Math.round(this.host.scale() * 100)}%`;
  }
}
