// The map's Canvas2D renderer. Draws only what is in view (the grid of MapIndex), batches
// paths by style (one stroke per style per frame), and changes its level of detail with the
// zoom: far out, boxes and lines; close up, each card's text and badges. It is called on
// requestAnimationFrame only when something changed, and allocates nothing per card.
import type { Status } from "../bindings";
import { cardBadges, FONT_LABEL } from "./badges";
import { fitText, NAME_LINE, nameLines, wrapLines } from "./cardtext";
import { handleX, handleY } from "./hittest";
import { BAD_SEAM, CRITICAL, type MapModel, PLAIN, STYLES } from "./model";
import type { Selection } from "./selection";
import { type Rect, type Viewport, visibleWorld } from "./viewport";

/** What the interaction layer shows on top of the plan. */
export interface Overlay {
  selection: Selection;
  hoverCard: number;
  hoverLink: number;
  /** Cards being dragged: the selection, moved by (dx, dy) world units. */
  moving: boolean;
  dx: number;
  dy: number;
  /** Rubber band, in world units. */
  band: Rect | null;
  /** A connection being dragged from a card's handle to a world point. */
  connectFrom: number;
  connectX: number;
  connectY: number;
  connectTo: number;
  /** Cards to make stand out (search hit). */
  flash: string | null;
  /** Cards coloured by an attribute and dimmed by a filter; null: coloured by status. */
  paint: Paint | null;
  /** Cards marked as a group (the initiatives of a heat-map cell). */
  highlight: ReadonlySet<string> | null;
}

/** Colours and dimming per card of one model (map/attributes.ts computes them). */
export interface Paint {
  /** The model the arrays are indexed for; another model ignores the paint. */
  readonly model: MapModel;
  /** Per card: its index in `colours`, -1 for none. */
  readonly entry: Int32Array;
  readonly colours: readonly string[];
  /** Light versions of `colours` filling the card's body, or null (the body stays white). */
  readonly tints: readonly string[] | null;
  /** Per card / per handoff route: 1 if the filter dims it; null when nothing is filtered. */
  readonly dimCards: Uint8Array | null;
  readonly dimLinks: Uint8Array | null;
  /** Handoffs drawn heavier on top (criticality, a risk's reach): per route an index in
   *  `colours` and `widths` (screen pixels), -1 for none. */
  readonly links?: { readonly entry: Int32Array; readonly colours: readonly string[]; readonly widths: readonly number[] } | null;
}

export const STATUS_COLOUR: Record<Status, string> = {
  not_started: "#9aa3af",
  on_track: "#2e7d32",
  at_risk: "#d98e04",
  blocked: "#c62828",
  done: "#3d5a99",
};
const STATUSES = Object.keys(STATUS_COLOUR) as Status[];

const LINK_COLOUR = ["#8b95a5", "#2f5fb3", "#c62828", "#e8590c"];
const LINK_WIDTH = [1.2, 1.6, 2.2, 3];
const ACCENT = "#1e3a8a";
const HIGHLIGHT = "rgba(124, 58, 237, 0.85)";
const DIMMED_LINK = "#d3d8e0";
const VEIL = "rgba(243, 244, 247, 0.78)";
const BG = "#f3f4f7";

/** Zoom (CSS px per unit) from which a card's text is drawn: below it the text is unreadable. */
export const TEXT_SCALE = 0.42;
/** Zoom below which arrowheads and labels are left out. */
const DETAIL_SCALE = 0.22;

const FONT_NAME = "600 11.5px system-ui, -apple-system, 'Segoe UI', Roboto, Ubuntu, 'Noto Sans', sans-serif";
const FONT_SMALL = "10px system-ui, -apple-system, 'Segoe UI', Roboto, Ubuntu, 'Noto Sans', sans-serif";
const FONT_FLAG = "600 10px system-ui, -apple-system, 'Segoe UI', Roboto, Ubuntu, 'Noto Sans', sans-serif";
/** The height a group card has over a card of the same name (the core's `fold::GROUP_EXTRA`). */
const GROUP_EXTRA = 26;
const FONT_LANE = "600 11.5px system-ui, -apple-system, 'Segoe UI', Roboto, Ubuntu, 'Noto Sans', sans-serif";

export class Renderer {
  private readonly ctx: CanvasRenderingContext2D;
  private width = 0;
  private height = 0;
  private dpr = 1;
  private readonly view: Rect = { x: 0, y: 0, width: 0, height: 0 };
  private readonly visibleCards: number[] = [];
  private readonly visibleLinks: number[] = [];

  constructor(readonly canvas: HTMLCanvasElement) {
    const ctx = canvas.getContext("2d", { alpha: false });
    if (!ctx) throw new Error("no 2D canvas");
    this.ctx = ctx;
  }

  /** Matches the backing store to the element's size; true if it changed. */
  resize(): boolean {
    const r = this.canvas.getBoundingClientRect();
    const dpr = window.devicePixelRatio || 1;
    const w = Math.max(1, Math.round(r.width));
    const h = Math.max(1, Math.round(r.height));
    if (w === this.width && h === this.height && dpr === this.dpr) return false;
    this.width = w;
    this.height = h;
    this.dpr = dpr;
    this.canvas.width = Math.round(w * dpr);
    this.canvas.height = Math.round(h * dpr);
    return true;
  }

  get cssWidth(): number {
    return this.width;
  }
  get cssHeight(): number {
    return this.height;
  }

  draw(m: MapModel | null, v: Viewport, o: Overlay): void {
    const ctx = this.ctx;
    const dpr = this.dpr;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.fillStyle = BG;
    ctx.fillRect(0, 0, this.width, this.height);
    if (!m) return;
    const k = v.scale;
    const view = visibleWorld(v, this.width, this.height, this.view);
    // Cards and routes that poke in from outside: a margin of one card.
    view.x -= 200;
    view.y -= 80;
    view.width += 400;
    view.height += 160;

    if (m.lanes.length > 0) this.lanes(m, v, false);

    // world transform for everything of the plan
    ctx.setTransform(dpr * k, 0, 0, dpr * k, -v.x * k * dpr, -v.y * k * dpr);
    const links = m.index.linesNear(view, this.visibleLinks);
    const cards = m.index.cardsNear(view, this.visibleCards);
    this.links(m, links, k, o);
    this.cards(m, cards, k, o);
    if (o.moving) this.movingCards(m, k, o);
    this.overlay(m, k, o);
    if (m.lanes.length > 0) {
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      this.lanes(m, v, true);
    }
  }

  /** The lanes' bands (under the plan), or their names (over it, so no card hides one). */
  private lanes(m: MapModel, v: Viewport, names: boolean): void {
    const ctx = this.ctx;
    const k = v.scale;
    ctx.font = FONT_LANE;
    ctx.textBaseline = "middle";
    m.lanes.forEach((lane, i) => {
      const top = (lane.top - v.y) * k;
      const bottom = (lane.bottom - v.y) * k;
      if (bottom < 0 || top > this.height) return;
      if (!names) {
        ctx.fillStyle = i % 2 === 0 ? "#ffffff" : "#eceff4";
        ctx.fillRect(0, top, this.width, bottom - top);
        ctx.fillStyle = "#c9d0da";
        ctx.fillRect(0, bottom - 0.5, this.width, 1);
        return;
      }
      // the team's name stays at the left edge while the map pans
      const y = Math.max(top + 12, Math.min(bottom - 12, 12));
      if (bottom - top >= 18) {
        const w = ctx.measureText(lane.name).width + 14;
        ctx.fillStyle = "rgba(30, 58, 138, 0.85)";
        roundRect(ctx, 6, y - 9, w, 18, 9);
        ctx.fill();
        ctx.fillStyle = "#ffffff";
        ctx.fillText(lane.name, 13, y + 0.5);
      }
    });
  }

  private links(m: MapModel, visible: readonly number[], k: number, o: Overlay): void {
    const ctx = this.ctx;
    const moving = o.moving ? o.selection.cards : null;
    const detail = k >= DETAIL_SCALE;
    const dim = o.paint?.model === m ? o.paint.dimLinks : null;
    ctx.lineJoin = "round";
    ctx.lineCap = "round";
    if (dim) {
      // what the filter dims: one faint stroke under the rest
      ctx.beginPath();
      for (let j = 0; j < visible.length; j++) {
        const i = visible[j]!;
        if (!dim[i]) continue;
        const pts = m.links[i]!.points;
        if (pts.length < 2) continue;
        ctx.moveTo(pts[0]![0], pts[0]![1]);
        for (let p = 1; p < pts.length; p++) ctx.lineTo(pts[p]![0], pts[p]![1]);
      }
      ctx.strokeStyle = DIMMED_LINK;
      ctx.lineWidth = Math.max(1, 1 / k);
      ctx.stroke();
    }
    for (let style = 0; style < STYLES; style++) {
      ctx.beginPath();
      let any = false;
      for (let j = 0; j < visible.length; j++) {
        const i = visible[j]!;
        const info = m.linkInfo[i]!;
        if (info.style !== style || dim?.[i]) continue;
        if (moving && (moving.has(info.from) || moving.has(info.to))) continue;
        const pts = m.links[i]!.points;
        if (pts.length < 2) continue;
        ctx.moveTo(pts[0]![0], pts[0]![1]);
        for (let p = 1; p < pts.length; p++) ctx.lineTo(pts[p]![0], pts[p]![1]);
        any = true;
      }
      if (!any) continue;
      ctx.strokeStyle = LINK_COLOUR[style]!;
      // never thinner than a hairline on screen, never fatter than the card's border zoomed in
      ctx.lineWidth = Math.max(LINK_WIDTH[style]!, (style === BAD_SEAM ? 2.5 : 1) / k);
      ctx.setLineDash(style === BAD_SEAM ? [9, 6] : []);
      ctx.stroke();
      ctx.setLineDash([]);
      if (detail) {
        ctx.beginPath();
        for (let j = 0; j < visible.length; j++) {
          const i = visible[j]!;
          const info = m.linkInfo[i]!;
          if (info.style !== style || dim?.[i]) continue;
          if (moving && (moving.has(info.from) || moving.has(info.to))) continue;
          arrowHead(ctx, m.links[i]!.points, 8);
        }
        ctx.fillStyle = LINK_COLOUR[style]!;
        ctx.fill();
      }
    }
    // Weighted handoffs (criticality, a risk's reach), one stroke per entry.
    const heavy = o.paint?.model === m ? o.paint.links : null;
    if (heavy) {
      heavy.colours.forEach((colour, e) => {
        ctx.beginPath();
        for (let j = 0; j < visible.length; j++) {
          const i = visible[j]!;
          if (heavy.entry[i] !== e) continue;
          const pts = m.links[i]!.points;
          if (pts.length < 2) continue;
          ctx.moveTo(pts[0]![0], pts[0]![1]);
          for (let p = 1; p < pts.length; p++) ctx.lineTo(pts[p]![0], pts[p]![1]);
        }
        ctx.strokeStyle = colour;
        ctx.lineWidth = Math.max(heavy.widths[e] ?? 2, (heavy.widths[e] ?? 2) / k);
        ctx.stroke();
      });
    }
    // The selected and the hovered handoff on top.
    const sel = o.selection.handoff === null ? -1 : m.index.lineIndex(o.selection.handoff);
    for (const i of [o.hoverLink, sel]) {
      if (i < 0) continue;
      const pts = m.links[i]!.points;
      ctx.beginPath();
      ctx.moveTo(pts[0]![0], pts[0]![1]);
      for (let p = 1; p < pts.length; p++) ctx.lineTo(pts[p]![0], pts[p]![1]);
      ctx.strokeStyle = i === sel ? ACCENT : "rgba(30, 58, 138, 0.55)";
      ctx.lineWidth = Math.max(3, 3 / k);
      ctx.stroke();
      ctx.beginPath();
      arrowHead(ctx, pts, 9);
      ctx.fillStyle = ctx.strokeStyle;
      ctx.fill();
    }
    // Warning glyphs on unowned or unconfirmed seams: screen-sized, so they show at any zoom.
    const g = 9 / k;
    for (let j = 0; j < visible.length; j++) {
      const i = visible[j]!;
      const info = m.linkInfo[i]!;
      if (info.style !== BAD_SEAM || dim?.[i]) continue;
      if (moving && (moving.has(info.from) || moving.has(info.to))) continue;
      const [x, y] = midpoint(m.links[i]!.points);
      ctx.beginPath();
      ctx.moveTo(x, y - g);
      ctx.lineTo(x + g, y + g * 0.8);
      ctx.lineTo(x - g, y + g * 0.8);
      ctx.closePath();
      ctx.fillStyle = LINK_COLOUR[BAD_SEAM]!;
      ctx.fill();
      ctx.lineWidth = 1.5 / k;
      ctx.strokeStyle = "#ffffff";
      ctx.stroke();
      if (k >= DETAIL_SCALE) {
        ctx.fillStyle = "#ffffff";
        ctx.font = `700 ${11 / k}px system-ui, sans-serif`;
        ctx.textAlign = "center";
        ctx.textBaseline = "middle";
        ctx.fillText("!", x, y + g * 0.2);
        ctx.textAlign = "start";
      }
    }
    // Kind and lag labels close up.
    if (k >= TEXT_SCALE) {
      ctx.font = FONT_LABEL;
      ctx.textBaseline = "middle";
      for (let j = 0; j < visible.length; j++) {
        const i = visible[j]!;
        const info = m.linkInfo[i]!;
        if (info.label === "" || dim?.[i]) continue;
        if (moving && (moving.has(info.from) || moving.has(info.to))) continue;
        const pts = m.links[i]!.points;
        const last = pts[pts.length - 1]!;
        const w = ctx.measureText(info.label).width + 8;
        // just before the arrow, above the line entering the successor
        const x = last[0] - w - 12;
        const y = last[1] - 9;
        ctx.fillStyle = "rgba(255,255,255,0.92)";
        roundRect(ctx, x, y - 7, w, 14, 7);
        ctx.fill();
        ctx.lineWidth = 1;
        ctx.strokeStyle = LINK_COLOUR[info.style === PLAIN ? PLAIN : info.style]!;
        ctx.stroke();
        ctx.fillStyle = "#1c2430";
        ctx.fillText(info.label, x + 4, y + 0.5);
      }
    }
  }

  private cards(m: MapModel, visible: readonly number[], k: number, o: Overlay): void {
    const ctx = this.ctx;
    const moving = o.moving ? o.selection.cards : null;
    const text = k >= TEXT_SCALE;
    // 0. a group card (a collapsed wave or site) stands on a pile of cards: two edges behind it
    if (m.groups.size > 0) {
      ctx.beginPath();
      for (let j = 0; j < visible.length; j++) {
        const i = visible[j]!;
        if (!m.info[i]!.group) continue;
        const c = m.cards[i]!;
        ctx.rect(c.x + 8, c.y - 8, c.width, c.height);
        ctx.rect(c.x + 4, c.y - 4, c.width, c.height);
      }
      ctx.fillStyle = "#eef0f4";
      ctx.fill();
      ctx.lineWidth = Math.max(1, 0.8 / k);
      ctx.strokeStyle = "#b9c0cb";
      ctx.stroke();
    }
    // 1. bodies, one fill
    ctx.beginPath();
    for (let j = 0; j < visible.length; j++) {
      const c = m.cards[visible[j]!]!;
      if (moving?.has(c.id)) continue;
      ctx.rect(c.x, c.y, c.width, c.height);
    }
    ctx.fillStyle = "#ffffff";
    ctx.fill();
    ctx.lineWidth = Math.max(1, 0.8 / k);
    ctx.strokeStyle = "#b9c0cb";
    ctx.stroke();
    const paint = o.paint?.model === m ? o.paint : null;
    if (paint) {
      this.paintedCards(m, visible, k, paint, moving, text);
    } else {
      // 2. status stripes, one fill per status (zoomed out the stripe is the whole card's tint)
      for (const s of STATUSES) {
        ctx.beginPath();
        let any = false;
        for (let j = 0; j < visible.length; j++) {
          const i = visible[j]!;
          const info = m.info[i]!;
          if (info.status !== s) continue;
          const c = m.cards[i]!;
          if (moving?.has(c.id)) continue;
          if (text) ctx.rect(c.x, c.y, 5, c.height);
          else ctx.rect(c.x, c.y, Math.max(5, 3 / k), c.height);
          any = true;
        }
        if (!any) continue;
        ctx.fillStyle = STATUS_COLOUR[s];
        ctx.fill();
      }
    }
    // 3. critical borders, one stroke
    ctx.beginPath();
    for (let j = 0; j < visible.length; j++) {
      const i = visible[j]!;
      if (!m.info[i]!.critical) continue;
      const c = m.cards[i]!;
      if (moving?.has(c.id)) continue;
      ctx.rect(c.x, c.y, c.width, c.height);
    }
    ctx.lineWidth = Math.max(2, 1.5 / k);
    ctx.strokeStyle = LINK_COLOUR[CRITICAL]!;
    ctx.stroke();
    // 4. text and badges close up
    if (text) {
      for (let j = 0; j < visible.length; j++) {
        const i = visible[j]!;
        const c = m.cards[i]!;
        if (moving?.has(c.id)) continue;
        this.cardText(m, i, c.x, c.y);
      }
    }
    // 4b. what the filter dims, under a veil of the background
    if (paint?.dimCards) {
      const dim = paint.dimCards;
      ctx.beginPath();
      for (let j = 0; j < visible.length; j++) {
        const i = visible[j]!;
        if (!dim[i]) continue;
        const c = m.cards[i]!;
        if (moving?.has(c.id)) continue;
        const above = text && m.info[i]!.slip !== 0 ? 10 : 1; // its move badge on the top edge
        ctx.rect(c.x - 1, c.y - above, c.width + 2, c.height + above + 1);
      }
      ctx.fillStyle = VEIL;
      ctx.fill();
    }
    // 4c. the initiatives of a heat-map cell
    if (o.highlight && o.highlight.size > 0) {
      ctx.beginPath();
      for (const id of o.highlight) {
        const i = m.index.cardIndex(id);
        if (i < 0) continue;
        const c = m.cards[i]!;
        ctx.rect(c.x - 6, c.y - 6, c.width + 12, c.height + 12);
      }
      ctx.lineWidth = Math.max(3, 3 / k);
      ctx.strokeStyle = HIGHLIGHT;
      ctx.stroke();
    }
    // 5. selection and hover
    ctx.lineWidth = Math.max(2.5, 2.5 / k);
    ctx.strokeStyle = ACCENT;
    ctx.beginPath();
    for (const id of o.selection.cards) {
      const i = m.index.cardIndex(id);
      if (i < 0 || moving) continue;
      const c = m.cards[i]!;
      ctx.rect(c.x - 3, c.y - 3, c.width + 6, c.height + 6);
    }
    ctx.stroke();
    if (o.hoverCard >= 0 && !o.moving) {
      const c = m.cards[o.hoverCard]!;
      ctx.lineWidth = Math.max(1.5, 1.5 / k);
      ctx.strokeStyle = "rgba(30, 58, 138, 0.5)";
      ctx.strokeRect(c.x - 2, c.y - 2, c.width + 4, c.height + 4);
    }
    if (o.flash) {
      const i = m.index.cardIndex(o.flash);
      if (i >= 0) {
        const c = m.cards[i]!;
        ctx.lineWidth = Math.max(4, 4 / k);
        ctx.strokeStyle = "rgba(250, 176, 5, 0.9)";
        ctx.strokeRect(c.x - 7, c.y - 7, c.width + 14, c.height + 14);
      }
    }
  }

  /** Cards coloured by an attribute: a light tint of the entry's colour over the body (when
   *  the paint has tints) and a stripe in the colour, one fill per colour. */
  private paintedCards(m: MapModel, visible: readonly number[], k: number, p: Paint, moving: ReadonlySet<string> | null, text: boolean): void {
    const ctx = this.ctx;
    const stripe = text ? 5 : Math.max(5, 3 / k);
    for (let e = 0; e < p.colours.length; e++) {
      for (const body of p.tints ? [true, false] : [false]) {
        ctx.beginPath();
        let any = false;
        for (let j = 0; j < visible.length; j++) {
          const i = visible[j]!;
          if (p.entry[i] !== e) continue;
          const c = m.cards[i]!;
          if (moving?.has(c.id)) continue;
          if (body) ctx.rect(c.x + 0.5, c.y + 0.5, c.width - 1, c.height - 1);
          else ctx.rect(c.x, c.y, stripe, c.height);
          any = true;
        }
        if (!any) break;
        ctx.fillStyle = body ? p.tints![e]! : p.colours[e]!;
        ctx.fill();
      }
    }
  }

  private cardText(m: MapModel, i: number, x: number, y: number): void {
    const ctx = this.ctx;
    const info = m.info[i]!;
    const c = m.cards[i]!;
    if (info.group) {
      this.groupText(m, i, x, y);
      return;
    }
    const badge = info.risks > 0 ? 22 : 0;
    // the core makes a card as tall as its name needs (layout::NameFit::WINDOW): the lines
    // of name it holds above the owner and the dates, one more in the owner's place if the
    // font here is wider than the core's estimate (the inspector and the tooltip have it)
    const lines = nameLines(c.height);
    if (!info.fitted) {
      const room = c.width - 18;
      ctx.font = FONT_NAME;
      const name = wrapLines(ctx, info.name, room - badge, room, lines + 1);
      ctx.font = FONT_SMALL;
      info.fitted = { name, who: name.length > lines ? "" : fitText(ctx, info.who, room), dates: fitText(ctx, info.dates, info.progress ? room - 16 : room) };
    }
    const { name, who, dates } = info.fitted;
    // one line of name: name, who, dates spread over the card; more: one line each
    const one = name.length === 1;
    ctx.textBaseline = "alphabetic";
    ctx.font = FONT_NAME;
    ctx.fillStyle = "#1c2430";
    if (one) ctx.fillText(name[0]!, x + 12, y + 18);
    else name.forEach((line, k) => ctx.fillText(line, x + 12, y + 14 + NAME_LINE * k));
    ctx.font = FONT_SMALL;
    ctx.fillStyle = "#5d6675";
    if (who !== "") ctx.fillText(who, x + 12, y + (one ? 34 : 15 + NAME_LINE * name.length));
    ctx.fillStyle = info.missed ? "#c62828" : "#3b4452";
    ctx.fillText(dates, x + 12, y + (one ? 50 : 28 + NAME_LINE * Math.min(name.length, lines)));
    cardBadges(ctx, info, x, y, c.width, c.height);
  }

  /** A group card close up: its name, its counts, its dates, its sites unlike their wave,
   *  and a bar of its initiatives by status (the core's counts). */
  private groupText(m: MapModel, i: number, x: number, y: number): void {
    const ctx = this.ctx;
    const info = m.info[i]!;
    const g = info.group!;
    const c = m.cards[i]!;
    const lines = nameLines(c.height - GROUP_EXTRA);
    const room = c.width - 18;
    if (!info.fitted) {
      ctx.font = FONT_NAME;
      const name = wrapLines(ctx, info.name, room, room, lines);
      ctx.font = FONT_SMALL;
      info.fitted = { name, who: fitText(ctx, info.who, room), dates: fitText(ctx, info.dates, room) };
    }
    const { name, who, dates } = info.fitted;
    ctx.textBaseline = "alphabetic";
    ctx.font = FONT_NAME;
    ctx.fillStyle = "#1c2430";
    name.forEach((line, k) => ctx.fillText(line, x + 12, y + 17 + NAME_LINE * k));
    let at = y + 17 + NAME_LINE * (name.length - 1) + 16;
    ctx.font = FONT_SMALL;
    ctx.fillStyle = "#3b4452";
    ctx.fillText(who, x + 12, at);
    at += 14;
    ctx.fillText(dates, x + 12, at);
    if (g.flags !== "") {
      at += 14;
      ctx.font = FONT_FLAG;
      ctx.fillStyle = "#c2410c";
      ctx.fillText(g.flags, x + 12, at);
    }
    // the initiatives by status, one segment per status, in the legend's order
    const counts = g.summary.status_counts;
    const total = STATUSES.reduce((n, s) => n + counts[s], 0);
    if (total > 0) {
      const w = c.width - 24;
      let bx = x + 12;
      for (const s of STATUSES) {
        const part = (counts[s] / total) * w;
        if (part <= 0) continue;
        ctx.fillStyle = STATUS_COLOUR[s];
        ctx.fillRect(bx, y + c.height - 9, part, 4);
        bx += part;
      }
    }
  }

  private movingCards(m: MapModel, k: number, o: Overlay): void {
    const ctx = this.ctx;
    // the handoffs of the moved cards, straight, until the core routes them again
    ctx.beginPath();
    for (let i = 0; i < m.linkInfo.length && o.selection.cards.size < 2000; i++) {
      const info = m.linkInfo[i]!;
      const a = o.selection.cards.has(info.from);
      const b = o.selection.cards.has(info.to);
      if (!a && !b) continue;
      const f = m.index.cardIndex(info.from);
      const t = m.index.cardIndex(info.to);
      if (f < 0 || t < 0) continue;
      const cf = m.cards[f]!;
      const ct = m.cards[t]!;
      ctx.moveTo(cf.x + cf.width + (a ? o.dx : 0), cf.y + cf.height / 2 + (a ? o.dy : 0));
      ctx.lineTo(ct.x + (b ? o.dx : 0), ct.y + ct.height / 2 + (b ? o.dy : 0));
    }
    ctx.setLineDash([6, 4]);
    ctx.lineWidth = Math.max(1, 1 / k);
    ctx.strokeStyle = "#8b95a5";
    ctx.stroke();
    ctx.setLineDash([]);
    for (const id of o.selection.cards) {
      const i = m.index.cardIndex(id);
      if (i < 0) continue;
      const c = m.cards[i]!;
      const x = c.x + o.dx;
      const y = c.y + o.dy;
      ctx.fillStyle = "#ffffff";
      ctx.fillRect(x, y, c.width, c.height);
      const p = o.paint?.model === m ? o.paint : null;
      const e = p ? p.entry[i]! : -1;
      if (p?.tints && e >= 0) {
        ctx.fillStyle = p.tints[e]!;
        ctx.fillRect(x, y, c.width, c.height);
      }
      ctx.fillStyle = p ? (p.colours[e] ?? "#c5cad3") : STATUS_COLOUR[m.info[i]!.status];
      ctx.fillRect(x, y, 5, c.height);
      ctx.lineWidth = Math.max(2.5, 2.5 / k);
      ctx.strokeStyle = ACCENT;
      ctx.strokeRect(x - 3, y - 3, c.width + 6, c.height + 6);
      if (k >= TEXT_SCALE) this.cardText(m, i, x, y);
    }
  }

  private overlay(m: MapModel, k: number, o: Overlay): void {
    const ctx = this.ctx;
    // connection handles on the selected and hovered cards
    if (!o.moving && k >= DETAIL_SCALE) {
      const r = 5.5 / k;
      ctx.beginPath();
      const handle = (i: number) => {
        const c = m.cards[i]!;
        ctx.moveTo(handleX(c) + r, handleY(c));
        ctx.arc(handleX(c), handleY(c), r, 0, Math.PI * 2);
      };
      if (o.hoverCard >= 0) handle(o.hoverCard);
      if (o.selection.cards.size <= 50) {
        for (const id of o.selection.cards) {
          const i = m.index.cardIndex(id);
          if (i >= 0 && i !== o.hoverCard) handle(i);
        }
      }
      ctx.fillStyle = "#ffffff";
      ctx.fill();
      ctx.lineWidth = 2 / k;
      ctx.strokeStyle = ACCENT;
      ctx.stroke();
    }
    if (o.connectFrom >= 0) {
      const c = m.cards[o.connectFrom]!;
      ctx.beginPath();
      ctx.moveTo(handleX(c), handleY(c));
      ctx.lineTo(o.connectX, o.connectY);
      ctx.setLineDash([6 / k, 4 / k]);
      ctx.lineWidth = 2 / k;
      ctx.strokeStyle = ACCENT;
      ctx.stroke();
      ctx.setLineDash([]);
      if (o.connectTo >= 0) {
        const t = m.cards[o.connectTo]!;
        ctx.lineWidth = 3 / k;
        ctx.strokeRect(t.x - 4, t.y - 4, t.width + 8, t.height + 8);
      }
    }
    if (o.band) {
      const b = o.band;
      ctx.fillStyle = "rgba(47, 95, 179, 0.10)";
      ctx.fillRect(b.x, b.y, b.width, b.height);
      ctx.lineWidth = 1 / k;
      ctx.strokeStyle = "rgba(47, 95, 179, 0.8)";
      ctx.strokeRect(b.x, b.y, b.width, b.height);
    }
  }
}

/** The overview in the corner: every card as a dot, and the part of the map in view. The
 *  cards are drawn once per model into an offscreen canvas; a frame only blits it. */
export class Minimap {
  private readonly ctx: CanvasRenderingContext2D;
  private cache: HTMLCanvasElement | null = null;
  private model: MapModel | null = null;
  /** world -> minimap: m = (w - ox) * s + pad */
  private s = 1;
  private ox = 0;
  private oy = 0;
  readonly width = 200;
  private height = 130;
  private readonly pad = 6;

  constructor(readonly canvas: HTMLCanvasElement) {
    const ctx = canvas.getContext("2d");
    if (!ctx) throw new Error("no 2D canvas");
    this.ctx = ctx;
    const dpr = window.devicePixelRatio || 1;
    canvas.width = this.width * dpr;
    canvas.height = this.height * dpr;
  }

  private build(m: MapModel): void {
    this.model = m;
    const b = m.bounds;
    const dpr = window.devicePixelRatio || 1;
    const cache = document.createElement("canvas");
    cache.width = this.width * dpr;
    cache.height = this.height * dpr;
    const ctx = cache.getContext("2d");
    this.cache = cache;
    if (!ctx || !b) return;
    // as tall as the plan's shape asks, within limits: a long thin plan gets a thin strip
    this.height = Math.round(Math.min(130, Math.max(48, (this.width * b.height) / Math.max(1, b.width) + 2 * this.pad)));
    this.canvas.style.height = `${this.height}px`;
    this.canvas.height = this.height * dpr;
    cache.height = this.height * dpr;
    this.s = Math.min((this.width - 2 * this.pad) / Math.max(1, b.width), (this.height - 2 * this.pad) / Math.max(1, b.height));
    this.ox = b.x - ((this.width - 2 * this.pad) / this.s - b.width) / 2;
    this.oy = b.y - ((this.height - 2 * this.pad) / this.s - b.height) / 2;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.fillStyle = "rgba(255,255,255,0.94)";
    ctx.fillRect(0, 0, this.width, this.height);
    for (const lane of m.lanes) {
      const y = (lane.bottom - this.oy) * this.s + this.pad;
      ctx.fillStyle = "#e2e5ea";
      ctx.fillRect(0, y, this.width, 1);
    }
    for (const critical of [false, true]) {
      ctx.beginPath();
      m.cards.forEach((c, i) => {
        if (m.info[i]!.critical !== critical) return;
        ctx.rect((c.x - this.ox) * this.s + this.pad, (c.y - this.oy) * this.s + this.pad, Math.max(1.5, c.width * this.s), Math.max(1.5, c.height * this.s));
      });
      ctx.fillStyle = critical ? "#c62828" : "#8b95a5";
      ctx.fill();
    }
  }

  draw(m: MapModel | null, v: Viewport, width: number, height: number): void {
    const ctx = this.ctx;
    const dpr = window.devicePixelRatio || 1;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, this.canvas.width, this.canvas.height);
    if (!m) return;
    if (m !== this.model) this.build(m);
    if (this.cache) ctx.drawImage(this.cache, 0, 0);
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    const x = (v.x - this.ox) * this.s + this.pad;
    const y = (v.y - this.oy) * this.s + this.pad;
    ctx.lineWidth = 1.5;
    ctx.strokeStyle = ACCENT;
    ctx.fillStyle = "rgba(30, 58, 138, 0.08)";
    ctx.fillRect(x, y, (width / v.scale) * this.s, (height / v.scale) * this.s);
    ctx.strokeRect(x, y, (width / v.scale) * this.s, (height / v.scale) * this.s);
  }

  /** The world point shown at minimap pixel (mx, my). */
  toWorld(mx: number, my: number): [number, number] {
    return [(mx - this.pad) / this.s + this.ox, (my - this.pad) / this.s + this.oy];
  }
}

function arrowHead(ctx: CanvasRenderingContext2D, pts: ReadonlyArray<readonly [number, number]>, size: number): void {
  if (pts.length < 2) return;
  const [x1, y1] = pts[pts.length - 1]!;
  const [x0, y0] = pts[pts.length - 2]!;
  const len = Math.hypot(x1 - x0, y1 - y0) || 1;
  const ux = (x1 - x0) / len;
  const uy = (y1 - y0) / len;
  ctx.moveTo(x1, y1);
  ctx.lineTo(x1 - ux * size - uy * size * 0.5, y1 - uy * size + ux * size * 0.5);
  ctx.lineTo(x1 - ux * size + uy * size * 0.5, y1 - uy * size - ux * size * 0.5);
  ctx.closePath();
}

/** The middle of the polyline by length. */
export function midpoint(pts: ReadonlyArray<readonly [number, number]>): [number, number] {
  let total = 0;
  for (let p = 1; p < pts.length; p++) total += Math.hypot(pts[p]![0] - pts[p - 1]![0], pts[p]![1] - pts[p - 1]![1]);
  let half = total / 2;
  for (let p = 1; p < pts.length; p++) {
    const a = pts[p - 1]!;
    const b = pts[p]!;
    const l = Math.hypot(b[0] - a[0], b[1] - a[1]);
    if (l >= half && l > 0) return [a[0] + ((b[0] - a[0]) * half) / l, a[1] + ((b[1] - a[1]) * half) / l];
    half -= l;
  }
  const f = pts[0] ?? [0, 0];
  return [f[0], f[1]];
}

function roundRect(ctx: CanvasRenderingContext2D, x: number, y: number, w: number, h: number, r: number): void {
  ctx.beginPath();
  ctx.moveTo(x + r, y);
  ctx.arcTo(x + w, y, x + w, y + h, r);
  ctx.arcTo(x + w, y + h, x, y + h, r);
  ctx.arcTo(x, y + h, x, y, r);
  ctx.arcTo(x, y, x + w, y, r);
  ctx.closePath();
}

