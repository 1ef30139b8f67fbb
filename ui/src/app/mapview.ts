// The map on screen: its canvas and minimap, the frame drawn on the next animation frame,
// the viewport (the first look at a plan, fit, zoom, centring on a card or a handoff, the
// minimap's click), the tooltip of a handoff under the pointer, and the map's side of the
// pointer gestures (map/interaction.ts). It moves only the viewport and the overlay: a
// gesture that changes the plan (move, connect, double-click) is handed to the host.
import { h, plural } from "../dom";
import { type Host as GestureHost, Interaction } from "../map/interaction";
import type { LinkInfo, MapModel } from "../map/model";
import { Minimap, type Overlay, Renderer, TEXT_SCALE } from "../map/render";
import type * as S from "../map/selection";
import { bounds, centreOn, fit, fitClear, type Rect, type Viewport, zoomAt } from "../map/viewport";
import { type Ctx, viewportOf } from "./context";

export interface MapHost extends Pick<GestureHost, "moved" | "connect" | "addAt" | "open"> {
  /** The zoom changed: the toolbar's figure. */
  zoomShown(): void;
}

export class MapView implements GestureHost {
  readonly pane = h("div", { class: "map", "data-testid": "map" });
  readonly canvas = h("canvas", { class: "map-canvas", tabindex: "0", "data-testid": "map-canvas", "aria-label": "Dependency map" });
  readonly minimapCanvas = h("canvas", { class: "minimap", "data-testid": "minimap", title: "Click to move the view" });
  readonly tooltip = h("div", { class: "tooltip hidden", "data-testid": "tooltip" });
  readonly empty = h("div", { class: "map-empty hidden" });
  readonly renderer: Renderer;
  readonly minimap: Minimap;
  private frame = 0;
  /** The time each of the last frames took to draw (the map and the minimap), in ms: a
   *  ring, read by tests/e2e/perf.mjs through `window.__bridger.frameTimes`. */
  private readonly drawTimes = new Float64Array(4096);
  private drawCount = 0;

  /** `keyBox`: the key over the map (colouring.ts), placed between the minimap and the tooltip. */
  constructor(
    private readonly ctx: Ctx,
    private readonly host: MapHost,
    private readonly keyBox: HTMLElement,
  ) {
    this.renderer = new Renderer(this.canvas);
    this.minimap = new Minimap(this.minimapCanvas);
    this.pane.append(this.canvas, this.minimapCanvas, keyBox, this.tooltip, this.empty);
    new Interaction(this.canvas, this);
    new ResizeObserver(() => this.redraw()).observe(this.pane);
    this.minimapCanvas.addEventListener("pointerdown", (e) => this.minimapPress(e));
    this.minimapCanvas.addEventListener("pointermove", (e) => {
      if (e.buttons & 1) this.minimapPress(e);
    });
  }

  // ------------------------------------------------------------ the gestures' host

  get viewport(): Viewport {
    return viewportOf(this.ctx.state);
  }

  get overlay(): Overlay {
    return this.ctx.state.overlay;
  }

  currentModel(): MapModel | null {
    return this.ctx.state.model;
  }

  select(sel: S.Selection): void {
    this.ctx.select(sel);
  }

  moved(ids: string[], dx: number, dy: number): void {
    this.host.moved(ids, dx, dy);
  }

  connect(from: string, to: string): void {
    this.host.connect(from, to);
  }

  addAt(wx: number, wy: number): void {
    this.host.addAt(wx, wy);
  }

  open(card: string): void {
    this.host.open(card);
  }

  hover(link: LinkInfo | null, cx: number, cy: number): void {
    const t = this.tooltip;
    const m = this.ctx.state.model;
    if (!link || !m) {
      t.classList.add("hidden");
      return;
    }
    const x = link.handoff;
    const name = (id: string) => m.groups.get(id)?.name ?? m.initiatives.get(id)?.name ?? id;
    const g = link.group;
    if (g) {
      t.replaceChildren(
        h("div", { class: "tt-title" }, `${name(g.from)} → ${name(g.to)}`),
        h("div", { class: "tt-row" }, `${plural(g.count, ["handoff", "handoffs"])}${g.critical ? ", some on the critical path" : ""}`),
        h("div", { class: g.open > 0 ? "tt-row bad" : "tt-row ok" }, g.open > 0 ? `${g.open} nobody owns or confirmed` : "Every one owned and confirmed"),
        h("div", { class: "tt-row muted" }, "Double-click a collapsed card to see each one"),
      );
    } else t.replaceChildren(
      h("div", { class: "tt-title" }, `${name(x.from)} → ${name(x.to)}`),
      h("div", { class: "tt-row" }, `${x.kind}${x.lag ? `, lag ${x.lag} d` : ""}${x.due ? ` · due ${x.due}` : ""}`),
      h("div", { class: x.owner ? "tt-row" : "tt-row bad" }, x.owner ? `Owner: ${x.owner}` : "Nobody owns this handoff"),
      h("div", { class: x.assumption ? "tt-row tt-assumption" : "tt-row muted" }, x.assumption ? `“${x.assumption}”` : "No assumption stated"),
      h("div", { class: x.confirmed ? "tt-row ok" : "tt-row bad" }, x.confirmed ? "Confirmed by the receiving side" : "Not confirmed"),
    );
    t.classList.remove("hidden");
    const r = this.pane.getBoundingClientRect();
    const left = Math.min(cx - r.left + 14, r.width - 300);
    const top = Math.min(cy - r.top + 16, r.height - t.offsetHeight - 8);
    // through the CSSOM, which the CSP allows (a style attribute it would not)
    t.style.left = `${Math.max(4, left)}px`;
    t.style.top = `${Math.max(4, top)}px`;
  }

  // ------------------------------------------------------------ drawing

  /** A new view arrived: the first look at a plan not yet seen, the note of an empty map. */
  planChanged(): void {
    const m = this.ctx.state.model;
    if (!m) return;
    const vp = this.ctx.state.viewports[this.ctx.state.arrangement];
    if (!vp.fitted && m.bounds) {
      this.renderer.resize();
      vp.fitted = this.renderer.cssWidth > 1 && this.firstView(vp);
    }
    this.empty.classList.toggle("hidden", m.cards.length > 0);
    this.empty.replaceChildren(
      h("p", {}, "This plan has no initiatives yet."),
      h("p", { class: "muted" }, "Double-click the canvas, press N, or use “New initiative”."),
    );
  }

  redraw(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      const st = this.ctx.state;
      if (st.tab !== "map") return;
      this.renderer.resize();
      const vp = st.viewports[st.arrangement];
      if (!vp.fitted && st.model?.bounds && this.renderer.cssWidth > 1) vp.fitted = this.firstView(vp);
      const started = performance.now();
      this.renderer.draw(st.model, this.viewport, st.overlay);
      if (st.model && performance.getEntriesByName("bridger:map-drawn").length === 0) performance.mark("bridger:map-drawn"); // first paint of the map, read by tests/e2e/perf.mjs
      this.minimap.draw(st.model, this.viewport, this.renderer.cssWidth, this.renderer.cssHeight);
      this.drawTimes[this.drawCount++ % this.drawTimes.length] = performance.now() - started;
      this.host.zoomShown();
    });
  }

  // ------------------------------------------------------------ the viewport

  /** The first look at a plan: all of it if it is readable so; otherwise its top-left
   *  corner, where the work begins (as a Gantt opens), at a zoom where cards can be read. */
  private firstView(vp: Viewport): boolean {
    const b = this.ctx.state.model?.bounds;
    if (!b) return false;
    this.fitClear(vp, b);
    if (vp.scale >= TEXT_SCALE) return true;
    vp.scale = 0.7;
    vp.x = b.x - 40 / vp.scale;
    vp.y = b.y - 30 / vp.scale;
    return true;
  }

  fit(): void {
    const b = this.ctx.state.model?.bounds;
    if (!b) return;
    this.renderer.resize();
    this.fitClear(this.viewport, b);
    this.redraw();
  }

  /** Fits the plan clear of the minimap and the colour key; Seams by its height (every lane
   *  in sight, its name readable), Flow whole. */
  private fitClear(vp: Viewport, b: Rect): void {
    const c = this.canvas.getBoundingClientRect();
    const over = [this.minimapCanvas, this.keyBox].map((e) => {
      const r = e.getBoundingClientRect();
      return { x: r.left - c.left, y: r.top - c.top, width: r.width, height: r.height };
    });
    fitClear(vp, b, this.renderer.cssWidth, this.renderer.cssHeight, over, 40, this.ctx.state.arrangement === "seams");
  }

  zoom(factor: number): void {
    zoomAt(this.viewport, this.renderer.cssWidth / 2, this.renderer.cssHeight / 2, factor);
    this.redraw();
  }

  /** The world point in the middle of the map as last drawn. */
  worldCentre(): [number, number] {
    const vp = this.viewport;
    return [vp.x + this.renderer.cssWidth / 2 / vp.scale, vp.y + this.renderer.cssHeight / 2 / vp.scale];
  }

  /** The card of initiative `id` (or the group card that holds it) in the middle of the map. */
  centreOnCard(id: string): void {
    const m = this.ctx.state.model;
    const i = m ? m.cardFor(id) : -1;
    if (!m || i < 0) return;
    const c = m.cards[i]!;
    const vp = this.viewport;
    if (vp.scale < 0.6) vp.scale = 0.8;
    centreOn(vp, c.x + c.width / 2, c.y + c.height / 2, this.renderer.cssWidth || 800, this.renderer.cssHeight || 600);
    this.redraw();
  }

  centreOnHandoff(id: string): void {
    const m = this.ctx.state.model;
    const i = m ? m.index.lineIndex(id) : -1;
    if (!m || i < 0) return;
    const pts = m.links[i]!.points;
    const mid = pts[Math.floor(pts.length / 2)];
    if (!mid) return;
    const vp = this.viewport;
    if (vp.scale < 0.6) vp.scale = 0.8;
    centreOn(vp, mid[0], mid[1], this.renderer.cssWidth || 800, this.renderer.cssHeight || 600);
    this.redraw();
  }

  /** The map tab, with these initiatives in view. */
  showCards(ids: readonly string[]): void {
    const m = this.ctx.state.model;
    this.ctx.setTab("map");
    if (!m || ids.length === 0) return;
    const boxes = ids.map((id) => m.cards[m.cardFor(id)]).filter((c) => c !== undefined);
    const b = bounds(boxes);
    if (!b) return;
    this.renderer.resize();
    fit(this.viewport, b, this.renderer.cssWidth, this.renderer.cssHeight, 80);
    if (this.viewport.scale > 1) zoomAt(this.viewport, this.renderer.cssWidth / 2, this.renderer.cssHeight / 2, 1 / this.viewport.scale);
    this.redraw();
  }

  /** As showCards; when they are too many to read at once, the leftmost of them at a zoom
   *  where cards can be read. */
  showReadable(ids: readonly string[]): void {
    this.showCards(ids);
    const m = this.ctx.state.model;
    const first = m ? ids.map((id) => m.cards[m.cardFor(id)]).reduce((a, c) => (c && (!a || c.x < a.x) ? c : a), undefined as (typeof m.cards)[number] | undefined) : undefined;
    if (first && this.viewport.scale < TEXT_SCALE) this.centreOnCard(first.id);
  }

  private minimapPress(e: PointerEvent): void {
    const r = this.minimapCanvas.getBoundingClientRect();
    const [wx, wy] = this.minimap.toWorld(e.clientX - r.left, e.clientY - r.top);
    centreOn(this.viewport, wx, wy, this.renderer.cssWidth, this.renderer.cssHeight);
    this.redraw();
  }

  /** The drawing time of the frames drawn since the last call (at most the ring's size), ms. */
  takeFrameTimes(): number[] {
    const n = Math.min(this.drawCount, this.drawTimes.length);
    const out: number[] = [];
    for (let k = this.drawCount - n; k < this.drawCount; k++) out.push(this.drawTimes[k % this.drawTimes.length]!);
    this.drawCount = 0;
    return out;
  }

  /** Card `id`'s rectangle in client (CSS) pixels, null if it is not on the map (for the
   *  WebDriver test). */
  cardScreenRect(id: string): { x: number; y: number; width: number; height: number } | null {
    const m = this.ctx.state.model;
    const i = m ? m.index.cardIndex(id) : -1;
    if (!m || i < 0) return null;
    const c = m.cards[i]!;
    const r = this.canvas.getBoundingClientRect();
    const v = this.viewport;
    return { x: r.left + (c.x - v.x) * v.scale, y: r.top + (c.y - v.y) * v.scale, width: c.width * v.scale, height: c.height * v.scale };
  }
}
