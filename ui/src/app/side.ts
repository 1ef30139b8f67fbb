// The side panel beside the map: the inspector of the selected initiative or handoff (a
// change sends a `patch` of that field), a list for a multiple selection, and with nothing
// selected the plan's findings (click one to show its subject) and the map's legend. The
// findings are the core's, listed as they come; the panel only links them to the map.
import type { PlanView } from "../bindings";
import { h } from "../dom";
import { STATUS_COLOUR } from "../map/render";
import * as S from "../map/selection";
import { foldButtons, groupInspector, linkPanel } from "../panels/group";
import { type EntityKind, handoffInspector, initiativeInspector } from "../panels/inspector";
import type { Ctx } from "./context";
import { patch } from "./edits";
import { SEVERITY_NOUN } from "./status";
import { help } from "../panels/dialogs";
import { TERM } from "../words";

/** How many findings the side panel lists (the rest are counted). */
const FINDINGS_SHOWN = 200;
const STATUS_NAME: Record<string, string> = { not_started: "Not started", on_track: "On track", at_risk: "At risk", blocked: "Blocked", done: "Done" };

export interface SideHost {
  centreOnHandoff(id: string): void;
}

export class Side {
  readonly el = h("aside", { class: "side", "data-testid": "side-panel" });

  constructor(
    private readonly ctx: Ctx,
    private readonly host: SideHost,
  ) {}

  render(): void {
    const st = this.ctx.state;
    const v = st.view;
    const m = st.model;
    if (!v || !m) return;
    const focused = (document.activeElement as HTMLElement | null)?.dataset?.testid;
    const sel = st.overlay.selection;
    const codes = (id: string) => v.report.findings.filter((f) => f.subject === id).map((f) => f.code);
    const host = {
      patch: (kind: EntityKind, id: string, fields: Record<string, unknown>) => void this.ctx.apply([patch(kind, id, fields)]),
      select: (kind: EntityKind, id: string) => {
        this.ctx.select(kind === "initiative" ? S.only(id) : S.handoff(id));
        if (kind === "initiative") this.ctx.centreOnCard(id);
      },
    };
    const folds = { fold: this.ctx.fold };
    let content: HTMLElement;
    const line = sel.handoff === null ? -1 : m.index.lineIndex(sel.handoff);
    const group = line >= 0 ? m.linkInfo[line]!.group : null;
    if (group) {
      content = linkPanel(folds, (id) => m.groups.get(id)?.name ?? m.initiatives.get(id)?.name ?? id, group, m.groups);
    } else if (sel.cards.size === 1 && m.groups.has([...sel.cards][0]!)) {
      content = groupInspector(folds, v.plan, m.groups.get([...sel.cards][0]!)!);
    } else if (sel.handoff !== null && m.handoffs.has(sel.handoff)) {
      const x = m.handoffs.get(sel.handoff)!;
      const route = m.links[m.index.lineIndex(x.id)];
      const s = v.schedule?.handoffs.find((r) => r.id === x.id);
      content = handoffInspector(host, v.plan, x, s, route?.seam ?? false, codes(x.id));
    } else if (sel.cards.size === 1) {
      const id = [...sel.cards][0]!;
      const i = m.initiatives.get(id);
      const s = v.schedule?.initiatives.find((r) => r.id === id);
      content = i ? initiativeInspector(host, v.plan, i, s, codes(id)) : h("p", {}, id);
      const buttons = i && v.layout.fold ? foldButtons(folds, v.plan, i) : null;
      if (buttons) content.querySelector(".insp-head")?.after(buttons);
    } else if (sel.cards.size > 1) {
      content = h(
        "div",
        { class: "inspector", "data-testid": "inspector-many" },
        h("header", { class: "insp-head" }, h("span", { class: "insp-kind" }, `${sel.cards.size} initiatives selected`)),
        h("p", { class: "muted" }, "Drag one of them to move them together (one undo step). Del deletes them."),
        h("ul", { class: "many" }, ...[...sel.cards].slice(0, 30).map((id) => h("li", {}, m.initiatives.get(id)?.name ?? id))),
      );
    } else {
      content = this.planPanel(v);
    }
    this.el.replaceChildren(content);
    if (focused) this.el.querySelector<HTMLElement>(`[data-testid="${CSS.escape(focused)}"]`)?.focus();
  }

  /** Nothing selected: the findings (click one to show its subject) and the map's legend. */
  private planPanel(v: PlanView): HTMLElement {
    const list = h("ol", { class: "findings", id: "findings" });
    for (const e of v.report.errors) list.append(h("li", { class: "finding sev-error", "data-code": e.code }, h("span", { class: "sev" }, "error"), h("p", {}, e.message)));
    // The core lists findings most severe first. A large plan has thousands; drawing
    // them all costs WebKit seconds of style and layout for a list nobody scrolls, so the
    // panel shows the first ones and says how many more `bridger check` lists.
    const shown = v.report.findings.slice(0, FINDINGS_SHOWN);
    for (const f of shown) {
      const item = h("li", { class: `finding sev-${f.severity}`, "data-code": f.code, tabindex: "0" }, h("span", { class: "sev" }, SEVERITY_NOUN[f.severity][0]), h("p", {}, f.message));
      const m = this.ctx.state.model;
      if (m && (m.initiatives.has(f.subject) || m.handoffs.has(f.subject))) {
        item.classList.add("linked");
        item.title = "Show on the map";
        const go = () => {
          if (m.initiatives.has(f.subject)) {
            this.ctx.select(S.only(f.subject));
            this.ctx.centreOnCard(f.subject);
          } else {
            this.ctx.select(S.handoff(f.subject));
            this.host.centreOnHandoff(f.subject);
          }
        };
        item.addEventListener("click", go);
        item.addEventListener("keydown", (e) => {
          if (e.key === "Enter") go();
        });
      } else if (v.plan.sites.some((s) => s.id === f.subject)) {
        // a site unlike its wave: its row on the Sites tab says why
        item.classList.add("linked");
        item.title = "Show on the Sites tab";
        const go = () => this.ctx.setTab("sites");
        item.addEventListener("click", go);
        item.addEventListener("keydown", (e) => {
          if (e.key === "Enter") go();
        });
      }
      list.append(item);
    }
    // a first view holds only the findings of what the folded map draws: the counts are the whole plan's
    const p = v.partial;
    const all = p ? p.critical + p.warnings + p.infos : v.report.findings.length;
    const hidden = all - shown.length;
    if (hidden > 0) {
      list.append(h("li", { class: "finding more", "data-testid": "findings-more" }, h("p", { class: "muted" }, `${hidden} more (bridger check lists every finding)`)));
    }
    const total = v.report.errors.length + all;
    const swatch = (cls: string, label: string, more?: HTMLElement) => h("li", {}, h("span", { class: `swatch ${cls}` }), label, more && " ", more);
    return h(
      "div",
      { class: "plan-panel", "data-testid": "plan-panel" },
      h("div", { class: "panel-head" }, h("h2", {}, "Findings"), h("span", { class: "muted" }, String(total))),
      total === 0 ? h("p", { class: "empty" }, "No findings.") : h("div", { class: "scroll" }, list),
      h(
        "div",
        { class: "legend", "data-testid": "legend" },
        h("h3", {}, "Legend"),
        h(
          "ul",
          {},
          ...Object.keys(STATUS_COLOUR).map((s) => swatch(`st-${s}`, STATUS_NAME[s] ?? s)),
          swatch("ln-critical", "Critical path", help(TERM.criticalPath)),
          swatch("ln-seam", "Seam (between teams)"),
          swatch("ln-bad", "Seam nobody owns or confirmed"),
        ),
      ),
    );
  }
}
