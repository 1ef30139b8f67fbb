// The template editor of the Sites tab (issue 28, item 5): a rollout template's steps and
// handoffs drawn where the core laid them out (api::rollout::template_layout, the map's
// engine), edited as the map edits a plan: pick a step or a handoff and change its fields
// beside the drawing, add a step, drag from a step's right edge to another step to add a
// handoff, Delete what is picked. Every change is the whole template sent as one
// `update_template` edit (one undo step; the core carries it to every site but its
// overrides). Below, the sites that use the template and what each overrides, with Clear.
import type { Edit, Kind, Quantity, StepEstimate, Plan, Template, TemplateLayout, TemplateRisk, TemplateStep } from "../bindings";
import { button, type Child, h, plural, svg } from "../dom";
import * as E from "./templateedits";

export interface TemplateHost {
  /** Edits to the plan as one undo step (the window shows the view after them). */
  apply(edits: Edit[]): Promise<boolean>;
  /** Another template chosen: its drawing read. */
  choose(template: string): void;
  siteName(site: string): string;
}

type Picked = { kind: "step" | "link"; id: string } | null;

const KINDS: [Kind, string][] = [
  ["FS", "FS: finish → start"],
  ["SS", "SS: start → start"],
  ["FF", "FF: finish → finish"],
  ["SF", "SF: start → finish"],
];
const FIELD: Record<string, string> = {
  name: "name",
  duration: "estimate",
  team: "team",
  effort: "effort",
  owner: "owner",
  start_no_earlier_than: "start no earlier than",
  finish_no_later_than: "deadline",
  handoffs: "handoffs",
  skipped: "skipped here",
};
const PAD = 16;

export class TemplateEditor {
  private picked: Picked = null;
  /** The drawing's zoom; null: as large as fits, within reason (`fitted`). */
  private scale: number | null = null;

  constructor(private readonly host: TemplateHost) {}

  /** Another plan: nothing picked. */
  forget(): void {
    this.picked = null;
    this.scale = null;
  }

  /** The editor of template `t` laid out as `lay`, among the plan's templates, in a pane
   *  `width` pixels wide. */
  render(plan: Plan, t: Template, lay: TemplateLayout, width: number): HTMLElement {
    const anchors = new Set(lay.anchors.map((a) => a.id));
    if (this.picked?.kind === "step" && !t.initiatives.some((s) => s.id === this.picked!.id)) this.picked = null;
    if (this.picked?.kind === "link" && !lay.layout.handoffs.some((r) => r.id === this.picked!.id)) this.picked = null;
    const choose = h("select", { class: "cell-input", "data-testid": "template-choose", "aria-label": "Template" });
    for (const x of plan.templates ?? []) choose.append(h("option", { value: x.id }, x.name));
    choose.value = t.id;
    choose.addEventListener("change", () => {
      this.picked = null;
      this.host.choose(choose.value);
    });
    const overrides = lay.overrides.reduce((n, s) => n + s.overrides.length, 0);
    const add = button("template-add-step", "Add step", "Add a step of one working day to the template (every site using it gets it)", () => void this.addStep(plan, t));
    const del = button("template-delete", "Delete", "Delete the picked step or handoff from the template (Delete key)", () => void this.deletePicked(t), "btn");
    del.disabled = this.picked === null;
    const head = h(
      "div",
      { class: "card-head" },
      h("h3", {}, "Template"),
      choose,
      h("span", { class: "muted", "data-testid": "template-usage" }, `used at ${plural(lay.sites.length, ["site", "sites"])}${overrides > 0 ? ` · ${plural(overrides, ["override", "overrides"])}` : ""}`),
      h("span", { class: "push" }),
      add,
      del,
    );
    const natural = extent(lay).width;
    // the room beside the form: the pane less its padding, the form and the gaps
    const room = Math.max(320, (width > 0 ? width : 1200) - 36 - 30 - 290 - 16);
    const fit = Math.min(1, room / natural);
    const scale = this.scale ?? Math.max(0.85, fit);
    const zoom = (to: number | null) => () => {
      this.scale = to === null ? null : Math.min(1.5, Math.max(0.2, to));
      this.rerender?.();
    };
    const zooms = h(
      "div",
      { class: "seg te-zoom", role: "group" },
      button("template-zoom-out", "−", "Smaller", zoom(scale / 1.25), "btn seg-btn"),
      button("template-zoom-fit", `${Math.round(scale * 100)}%`, "The whole template in view", zoom(fit), "btn seg-btn"),
      button("template-zoom-in", "+", "Larger", zoom(scale * 1.25), "btn seg-btn"),
    );
    head.insertBefore(zooms, add);
    const hint = h("p", { class: "muted te-hint" }, "A change here reaches every site using the template, except what a site overrides. Click a step or a handoff to edit it; drag from a step's right edge to another step to add a handoff.");
    const left = h("div", { class: "te-main" }, h("div", { class: "te-drawing" }, this.drawingOf(plan, t, lay, anchors, scale)), this.sitesOf(t, lay));
    const body = h("div", { class: "te-body" }, left, h("div", { class: "te-side", "data-testid": "template-side" }, this.side(plan, t, lay)));
    return h("div", { class: "card te", "data-testid": "template-editor", "data-template": t.id }, head, hint, body);
  }

  // ------------------------------------------------------------------ the drawing

  private drawingOf(plan: Plan, t: Template, lay: TemplateLayout, anchors: Set<string>, scale: number): SVGSVGElement {
    const cards = lay.layout.cards;
    const { x: minX, y: minY, width, height } = extent(lay);
    const root = svg("svg", {
      class: "te-svg",
      viewBox: `${minX} ${minY} ${width} ${height}`,
      width: Math.round(width * scale),
      height: Math.round(height * scale),
      role: "img",
      tabindex: "0",
      "data-testid": "template-drawing",
      "aria-label": `The steps of template ${t.name} and their handoffs`,
    });
    root.append(svg("defs", {}, svg("marker", { id: "te-arrow", viewBox: "0 0 8 8", refX: 8, refY: 4, markerWidth: 7, markerHeight: 7, orient: "auto-start-reverse" }, svg("path", { d: "M0 0 L8 4 L0 8 z", class: "te-arrowhead" }))));
    root.addEventListener("keydown", (e) => {
      // the template's, not the map's selection (the window's keys): kept from them
      if (e.key === "Delete" || e.key === "Backspace") {
        e.preventDefault();
        e.stopPropagation();
        if (this.picked) void this.deletePicked(t);
      } else if (e.key === "Escape") {
        e.stopPropagation();
        this.pick(null);
      }
    });
    root.addEventListener("pointerdown", (e) => {
      if (e.target === root) this.pick(null);
    });
    const links = svg("g", { class: "te-links" });
    for (const r of lay.layout.handoffs) {
      const d = r.points.map((p, k) => `${k === 0 ? "M" : "L"}${p[0]} ${p[1]}`).join(" ");
      const on = this.picked?.kind === "link" && this.picked.id === r.id;
      // a link to wave-level work (the gate, an anchor, the completion) is drawn lighter
      const x = E.handoffOf(t, r.id);
      const wave = x ? x.from.startsWith("@") || x.to.startsWith("@") : true;
      const unowned = x !== undefined && x.owner.trim() === "";
      const g = svg(
        "g",
        { class: `te-link${on ? " picked" : ""}${wave ? " wave" : ""}${unowned ? " unowned" : ""}`, "data-testid": "template-link", "data-id": r.id },
        svg("path", { d, class: "te-hit" }),
        svg("path", { d, class: "te-line", "marker-end": "url(#te-arrow)" }),
        svg("title", {}, this.linkTitle(t, r.id)),
      );
      g.addEventListener("pointerdown", (e) => {
        e.stopPropagation();
        this.pick({ kind: "link", id: r.id });
      });
      links.append(g);
    }
    root.append(links);
    for (const c of cards) {
      const anchor = anchors.has(c.id);
      const step = t.initiatives.find((s) => s.id === c.id);
      const on = this.picked?.kind === "step" && this.picked.id === c.id;
      const name = anchor ? (lay.anchors.find((a) => a.id === c.id)?.name ?? c.id) : (step?.name ?? c.id);
      const g = svg("g", { class: `te-card${anchor ? " anchor" : ""}${on ? " picked" : ""}`, "data-testid": anchor ? "template-anchor" : "template-step", "data-id": c.id });
      g.append(svg("rect", { x: c.x, y: c.y, width: c.width, height: c.height, rx: 6, class: "te-box" }));
      const lines = wrap(name, Math.max(8, Math.floor((c.width - 16) / 7)), Math.max(1, Math.floor((c.height - 22) / 14)));
      lines.forEach((line, k) => g.append(svg("text", { x: c.x + 8, y: c.y + 17 + k * 14, class: "te-name" }, line)));
      if (step) {
        const team = step.team ? ` · ${plan.teams.find((x) => x.id === step.team)?.name ?? step.team}` : "";
        const chain = (t.chains ?? []).find((x) => x.step === step.id);
        const sub = `${estimate(step.duration)}${team}${chain ? ` · ${plural(chain.crews, ["crew", "crews"])}` : ""}`;
        g.append(svg("text", { x: c.x + 8, y: c.y + c.height - 8, class: "te-sub" }, sub));
        const port = svg("circle", { cx: c.x + c.width, cy: c.y + c.height / 2, r: 6, class: "te-port", "data-testid": "template-port" }, svg("title", {}, "Drag to another step to add a handoff"));
        port.addEventListener("pointerdown", (e) => this.startDrawing(e, root, c.id, c.x + c.width, c.y + c.height / 2, t));
        g.append(port);
      } else if (c.id === E.GATE) {
        // the gate hands off to steps: drawn from too
        const port = svg("circle", { cx: c.x + c.width, cy: c.y + c.height / 2, r: 6, class: "te-port" }, svg("title", {}, "Drag to a step: it waits for the wave's gate"));
        port.addEventListener("pointerdown", (e) => this.startDrawing(e, root, c.id, c.x + c.width, c.y + c.height / 2, t));
        g.append(port);
      }
      g.append(svg("title", {}, anchor ? `${name}: wave-level work, named by each wave` : `${name}: click to edit`));
      g.addEventListener("pointerdown", (e) => {
        if ((e.target as Element).classList.contains("te-port")) return;
        e.stopPropagation();
        if (step) this.pick({ kind: "step", id: c.id });
      });
      if (step) {
        // reached by Tab too: Enter or Space picks it
        g.setAttribute("tabindex", "0");
        g.id = `template-card-${c.id}`; // focus found again after the editor is drawn again
        g.setAttribute("role", "button");
        g.setAttribute("aria-label", `Step ${name}`);
        g.addEventListener("keydown", (e) => {
          if (e.key !== "Enter" && e.key !== " ") return;
          e.preventDefault();
          this.pick({ kind: "step", id: c.id });
        });
      }
      root.append(g);
    }
    return root;
  }

  private startDrawing(e: PointerEvent, root: SVGSVGElement, from: string, x: number, y: number, t: Template): void {
    e.preventDefault();
    e.stopPropagation();
    const line = svg("line", { x1: x, y1: y, x2: x, y2: y, class: "te-drawing-line" });
    root.append(line);
    const at = (ev: PointerEvent) => {
      const m = root.getScreenCTM();
      if (!m) return { x, y };
      const p = new DOMPoint(ev.clientX, ev.clientY).matrixTransform(m.inverse());
      return { x: p.x, y: p.y };
    };
    const move = (ev: PointerEvent) => {
      const p = at(ev);
      line.setAttribute("x2", String(p.x));
      line.setAttribute("y2", String(p.y));
    };
    const up = (ev: PointerEvent) => {
      window.removeEventListener("pointermove", move);
      window.removeEventListener("pointerup", up);
      line.remove();
      const target = document.elementFromPoint(ev.clientX, ev.clientY)?.closest<SVGGElement>(".te-card");
      const to = target?.dataset.id;
      if (to) void this.connect(t, from, to);
    };
    window.addEventListener("pointermove", move);
    window.addEventListener("pointerup", up);
  }

  private pick(p: Picked): void {
    this.picked = p;
    this.rerender?.();
  }

  /** Draws the editor again from the same data (set by the panel). */
  rerender: (() => void) | null = null;

  /** A link of the drawing in words: "Site survey → Install lanes". */
  private linkName(t: Template, id: string): string {
    const name = (s: string) => (s === E.GATE ? "the wave's gate" : s === E.COMPLETION ? "the wave's completion" : s.startsWith("@") ? `the wave's ${s.slice(1)}` : (t.initiatives.find((x) => x.id === s)?.name ?? s));
    if (id.startsWith(`${E.GATE}>`)) return `${name(id.slice(E.GATE.length + 1))} waits for the wave's gate`;
    if (id.endsWith(`>${E.COMPLETION}`)) return `The wave's completion waits for ${name(id.slice(0, -E.COMPLETION.length - 1))}`;
    const x = E.handoffOf(t, id);
    return x ? `${name(x.from)} → ${name(x.to)}` : id;
  }

  /** The link's tooltip: its words, and a handoff's kind, lag and owner. */
  private linkTitle(t: Template, id: string): string {
    const x = E.handoffOf(t, id);
    return x ? `${this.linkName(t, id)} (${x.kind}${x.lag ? `, lag ${x.lag}` : ""})${x.owner ? `, owned by ${x.owner}` : ", nobody owns it"}` : this.linkName(t, id);
  }

  // ------------------------------------------------------------------ edits

  private async save(t: Template, picked: Picked = this.picked): Promise<void> {
    this.picked = picked;
    await this.host.apply([E.save(t)]);
  }

  private async addStep(plan: Plan, t: Template): Promise<void> {
    const { template, id } = E.addStep(t, "New step", plan.teams[0]?.id ?? null);
    await this.save(template, { kind: "step", id });
  }

  private async connect(t: Template, from: string, to: string): Promise<void> {
    const made = E.connect(t, from, to);
    if (made) await this.save(made.template, { kind: "link", id: made.id });
  }

  private async deletePicked(t: Template): Promise<void> {
    const p = this.picked;
    if (!p) return;
    await this.save(p.kind === "step" ? E.removeStep(t, p.id) : E.removeLink(t, p.id), null);
  }

  // ------------------------------------------------------------------ the side

  private side(plan: Plan, t: Template, lay: TemplateLayout): HTMLElement {
    const p = this.picked;
    if (p?.kind === "step") {
      const s = t.initiatives.find((x) => x.id === p.id);
      if (s) return this.stepForm(plan, t, s, lay);
    }
    if (p?.kind === "link") {
      const x = E.handoffOf(t, p.id);
      if (x) return this.handoffForm(t, x.id);
      return h("div", {}, h("h4", {}, "Link to the wave"), h("p", { class: "muted" }, this.linkName(t, p.id), ". Delete takes it away."));
    }
    const name = field("template-name", "Template name", input("text", t.name), (v) => (v.trim() && v !== t.name ? { ...t, name: v.trim() } : null), (x) => void this.save(x));
    return h(
      "div",
      {},
      h("h4", {}, t.name),
      name,
      h("p", { class: "muted" }, `${plural(t.initiatives.length, ["step", "steps"])}, ${plural(t.handoffs.length, ["handoff", "handoffs"])}, ${plural(t.risks.length, ["risk", "risks"])} per site.`),
      ...(t.chains ?? []).map((c) => h("p", { class: "muted" }, `${t.initiatives.find((s) => s.id === c.step)?.name ?? c.step}: ${plural(c.crews, ["crew walks", "crews walk"])} the sites of a wave in turn.`)),
      h("p", { class: "muted" }, "Pick a step or a handoff to edit it."),
      t.risks.length > 0 ? h("h4", { class: "te-risks-head" }, "Risks each site runs") : null,
      ...t.risks.map((r) => this.riskForm(t, r)),
    );
  }

  private riskForm(t: Template, r: TemplateRisk): HTMLElement {
    const set = (fields: Partial<TemplateRisk>) => void this.save(E.withRisk(t, r.id, fields));
    const steps = r.initiatives.map((id) => t.initiatives.find((s) => s.id === id)?.name ?? id).join(", ");
    const number = (name: string, label: string, value: number, attrs: Record<string, string>, ok: (n: number) => boolean, send: (n: number) => void) =>
      h("label", { class: "te-est" }, h("span", { class: "muted" }, label), field(`template-risk-${r.id}-${name}`, "", input("number", String(value), attrs), (v) => (v.trim() !== "" && ok(Number(v)) && Number(v) !== value ? Number(v) : null), send));
    return h(
      "div",
      { class: "te-risk", "data-testid": "template-risk", "data-id": r.id },
      field(`template-risk-${r.id}-title`, "Risk", input("text", r.title), (v) => (v.trim() && v !== r.title ? v.trim() : null), (v) => set({ title: v })),
      h(
        "div",
        { class: "te-ests" },
        number("probability", "probability", r.probability, { min: "0", max: "1", step: "0.05" }, (n) => n >= 0 && n <= 1, (n) => set({ probability: n })),
        number("impact", "impact 1–5", r.impact, { min: "1", max: "5", step: "1" }, (n) => Number.isInteger(n) && n >= 1 && n <= 5, (n) => set({ impact: n })),
      ),
      steps ? h("p", { class: "muted te-links-of" }, `Hits ${steps}`) : null,
    );
  }

  private stepForm(plan: Plan, t: Template, s: TemplateStep, lay: TemplateLayout): HTMLElement {
    const set = (fields: Partial<TemplateStep>) => void this.save(E.withStep(t, s.id, fields));
    const overridden = lay.overrides.flatMap((o) => o.overrides.filter((x) => x.step === s.id).map((x) => `${this.host.siteName(o.site)} (${FIELD[x.field] ?? x.field})`));
    const est = (["optimistic", "likely", "pessimistic"] as const).map((k) => {
      // A number of days, or a formula of the site's values ("2 + ceil({lanes} / 4)"), which
      // the core reads and refuses, naming it, when it cannot.
      const i = input("text", String(s.duration[k]), { "aria-label": `${k} working days`, "data-testid": `template-step-${k}`, id: `template-step-${k}` });
      i.addEventListener("change", () => {
        const v = i.value.trim();
        if (v === "") return;
        const n = Number(v);
        if (!Number.isNaN(n) && (!Number.isInteger(n) || n < 0)) return;
        const q: Quantity<number> = Number.isNaN(n) ? v : n;
        const d: StepEstimate = { ...s.duration, [k]: q };
        if (d[k] !== s.duration[k]) set({ duration: d });
      });
      enterBlurs(i);
      return h("label", { class: "te-est" }, h("span", { class: "muted" }, k === "optimistic" ? "min" : k === "likely" ? "likely" : "max"), i);
    });
    const team = h("select", { "data-testid": "template-step-team", id: "template-step-team" });
    team.append(h("option", { value: "" }, "—"), ...plan.teams.map((x) => h("option", { value: x.id }, x.name)));
    team.value = s.team ?? "";
    team.addEventListener("change", () => set({ team: team.value || null }));
    const check = (testid: string, label: string, on: boolean, flip: (v: boolean) => Partial<TemplateStep>) => {
      const c = input("checkbox", "", { "data-testid": testid, id: testid });
      c.checked = on;
      c.addEventListener("change", () => set(flip(c.checked)));
      return h("label", { class: "te-check" }, c, label);
    };
    const outs = t.handoffs.filter((x) => x.from === s.id || x.to === s.id);
    const risks = t.risks.filter((r) => r.initiatives.includes(s.id));
    return h(
      "div",
      { "data-testid": "template-step-form", "data-id": s.id },
      h("h4", {}, "Step"),
      overridden.length > 0 ? h("p", { class: "te-overridden", "data-testid": "template-step-overridden" }, `Done its own way at ${overridden.join(", ")}: a change here leaves those fields there.`) : null,
      field("template-step-name", "Name", input("text", s.name), (v) => (v.trim() && v !== s.name ? v.trim() : null), (v) => set({ name: v })),
      h("div", { class: "te-field" }, h("span", { class: "te-label" }, "Estimate (working days)"), h("div", { class: "te-ests" }, ...est)),
      h("label", { class: "te-field" }, h("span", { class: "te-label" }, "Team"), team),
      field("template-step-owner", "Owner (the same at every site)", input("text", s.owner), (v) => (v !== s.owner ? v : null), (v) => set({ owner: v })),
      field("template-step-role", "Owner role (filled per site)", input("text", s.role ?? "", { placeholder: "e.g. site lead" }), (v) => (v !== (s.role ?? "") ? v : null), (v) => set({ role: v.trim() || null })),
      field(
        "template-step-crews",
        "Crews that walk a wave's sites",
        input("number", String((t.chains ?? []).find((c) => c.step === s.id)?.crews ?? 0), { min: "0", step: "1", title: "K crews do this step at the sites of a wave in turn: a site's step waits for the same step K sites before it. 0: every site has its own" }),
        (v) => (v.trim() !== "" && Number.isInteger(Number(v)) && Number(v) >= 0 && Number(v) !== ((t.chains ?? []).find((c) => c.step === s.id)?.crews ?? 0) ? Number(v) : null),
        (n) => void this.save(E.withCrews(t, s.id, n)),
      ),
      check("template-step-after-gate", "Waits for the wave's gate", s.after_gate === true, (v) => ({ after_gate: v })),
      check("template-step-before-completion", "The wave's completion waits for it", s.before_completion === true, (v) => ({ before_completion: v })),
      outs.length > 0 ? h("p", { class: "muted te-links-of" }, `Handoffs: ${outs.map((x) => this.linkName(t, x.id)).join("; ")}`) : null,
      risks.length > 0 ? h("p", { class: "muted te-links-of" }, `Risks at each site: ${risks.map((r) => r.title).join("; ")}`) : null,
    );
  }

  private handoffForm(t: Template, id: string): HTMLElement {
    const x = E.handoffOf(t, id)!;
    const set = (fields: Partial<typeof x>) => void this.save(E.withHandoff(t, id, fields));
    const kind = h("select", { "data-testid": "template-handoff-kind", id: "template-handoff-kind" });
    for (const [k, label] of KINDS) kind.append(h("option", { value: k }, label));
    kind.value = x.kind;
    kind.addEventListener("change", () => set({ kind: kind.value as Kind }));
    const confirmed = input("checkbox", "", { "data-testid": "template-handoff-confirmed", id: "template-handoff-confirmed" });
    confirmed.checked = x.confirmed;
    confirmed.addEventListener("change", () => set({ confirmed: confirmed.checked }));
    return h(
      "div",
      { "data-testid": "template-handoff-form", "data-id": id },
      h("h4", {}, "Handoff"),
      h("p", { class: "muted" }, this.linkName(t, id)),
      h("label", { class: "te-field" }, h("span", { class: "te-label" }, "Kind"), kind),
      field("template-handoff-lag", "Lag (working days)", input("number", String(x.lag), { step: "1" }), (v) => (v.trim() !== "" && Number.isInteger(Number(v)) && Number(v) !== x.lag ? Number(v) : null), (v) => set({ lag: v })),
      field("template-handoff-owner", "Owner of the seam", input("text", x.owner), (v) => (v !== x.owner ? v : null), (v) => set({ owner: v })),
      field("template-handoff-assumption", "What the receiving side assumes", input("text", x.assumption), (v) => (v !== x.assumption ? v : null), (v) => set({ assumption: v })),
      h("label", { class: "te-check" }, confirmed, "The receiving side confirmed it"),
    );
  }

  // ------------------------------------------------------------------ sites and overrides

  private sitesOf(t: Template, lay: TemplateLayout): HTMLElement {
    const box = h("div", { class: "te-sites", "data-testid": "template-sites" });
    if (lay.sites.length === 0) {
      box.append(h("p", { class: "muted" }, "No site uses this template yet: bridger rollout PLAN --template ", t.id, " --sites SITES.csv applies it."));
      return box;
    }
    const with_ = new Set(lay.overrides.map((o) => o.site));
    box.append(h("h4", {}, `Used at ${plural(lay.sites.length, ["site", "sites"])}`, with_.size > 0 ? `; ${plural(with_.size, ["does", "do"])} some of its work its own way` : "; none overrides it"));
    if (with_.size > 0) {
      const rows: Child[] = [];
      for (const o of lay.overrides) {
        for (const x of o.overrides) {
          const step = t.initiatives.find((s) => s.id === x.step)?.name ?? x.step;
          const clear = button(`template-clear-${x.initiative}-${x.field}`, "Clear", `Give ${this.host.siteName(o.site)}'s ${step} the template's ${FIELD[x.field] ?? x.field} again`, () => void this.host.apply([{ op: "clear_override", value: { initiative: x.initiative, field: x.field } }]), "btn small");
          rows.push(h("tr", { "data-testid": "template-override", "data-site": o.site, "data-field": x.field }, h("td", {}, this.host.siteName(o.site)), h("td", {}, step), h("td", {}, FIELD[x.field] ?? x.field), h("td", {}, clear)));
        }
      }
      box.append(h("table", { class: "u-table te-overrides" }, h("thead", {}, h("tr", {}, h("th", {}, "Site"), h("th", {}, "Step"), h("th", {}, "Its own"), h("th", {}, ""))), h("tbody", {}, ...rows)));
    }
    const rest = lay.sites.filter((s) => !with_.has(s));
    if (rest.length > 0) box.append(h("p", { class: "muted te-plain" }, `As the template: ${rest.slice(0, 12).map((s) => this.host.siteName(s)).join(", ")}${rest.length > 12 ? ` and ${rest.length - 12} more` : ""}.`));
    return box;
  }
}

/** The box around every card of the drawing, with a margin. */
function extent(lay: TemplateLayout): { x: number; y: number; width: number; height: number } {
  const cards = lay.layout.cards;
  const x = Math.min(0, ...cards.map((c) => c.x)) - PAD;
  const y = Math.min(0, ...cards.map((c) => c.y)) - PAD;
  const maxX = Math.max(0, ...cards.map((c) => c.x + c.width)) + PAD;
  const maxY = Math.max(0, ...cards.map((c) => c.y + c.height)) + PAD;
  return { x, y, width: maxX - x, height: maxY - y };
}

function input(type: string, value: string, attrs: Record<string, string> = {}): HTMLInputElement {
  const i = h("input", { type, autocomplete: "off", spellcheck: "false", ...attrs });
  if (type !== "checkbox") i.value = value;
  return i;
}

function enterBlurs(i: HTMLInputElement): void {
  i.addEventListener("keydown", (e) => {
    if (e.key === "Enter") i.blur();
  });
}

/** A labelled text field that sends `send(make(value))` when it changes to something `make`
 *  accepts (null: nothing to save). */
function field<T>(testid: string, label: string, i: HTMLInputElement, make: (v: string) => T | null, send: (v: T) => void): HTMLElement {
  i.id = testid;
  i.dataset.testid = testid;
  i.addEventListener("change", () => {
    const v = make(i.value);
    if (v !== null) send(v);
  });
  enterBlurs(i);
  return h("label", { class: "te-field", for: testid }, label ? h("span", { class: "te-label" }, label) : null, i);
}

function estimate(d: StepEstimate): string {
  if (d.optimistic === 0 && d.likely === 0 && d.pessimistic === 0) return "milestone";
  return d.optimistic === d.pessimistic ? `${d.likely} d` : `${d.optimistic}–${d.likely}–${d.pessimistic} d`;
}

/** `text` in at most `lines` lines of `width` characters, the last cut with "…". */
function wrap(text: string, width: number, lines: number): string[] {
  const out: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/)) {
    if (line && (line + " " + word).length > width) {
      out.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) out.push(line);
  if (out.length <= lines) return out;
  const kept = out.slice(0, lines);
  kept[lines - 1] = `${kept[lines - 1]!.slice(0, width - 1)}…`;
  return kept;
}
