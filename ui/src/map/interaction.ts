// Pointer and wheel gestures on the map canvas: pan (drag on empty space, space + drag, the
// middle button), zoom about the cursor (wheel), select (click, shift-click, shift-drag for a
// rubber band), move the selection (drag; saved by the host as one batch on drop), connect
// (drag from a card's handle onto another card), hover (a handoff's owner and assumption).
// It changes only the viewport and the overlay; every edit goes through the host.
import type { LinkInfo, MapModel } from "./model";
import type { Overlay } from "./render";
import * as S from "./selection";
import { panBy, spanned, toWorldX, toWorldY, type Viewport, zoomAt } from "./viewport";

export interface Host {
  currentModel(): MapModel | null;
  readonly viewport: Viewport;
  readonly overlay: Overlay;
  select(sel: S.Selection): void;
  redraw(): void;
  /** The selection was dropped (dx, dy) world units from where it was. */
  moved(ids: string[], dx: number, dy: number): void;
  connect(from: string, to: string): void;
  /** Double-click on empty canvas: add an initiative there. */
  addAt(wx: number, wy: number): void;
  /** Double-click on a group card (a collapsed wave or site): expand it. */
  open(card: string): void;
  /** The handoff under the pointer (null: none), for the tooltip, at client coordinates. */
  hover(link: LinkInfo | null, clientX: number, clientY: number): void;
}

type Gesture =
  | { kind: "none" }
  | { kind: "pan"; x: number; y: number; moved: boolean; clearOnClick: boolean }
  | { kind: "press"; card: string; x: number; y: number; wx: number; wy: number; additive: boolean; dragging: boolean }
  | { kind: "band"; wx: number; wy: number; additive: boolean }
  | { kind: "connect"; from: number };

const DRAG_THRESHOLD = 4; // CSS px before a press becomes a drag

export class Interaction {
  private gesture: Gesture = { kind: "none" };
  private space = false;

  constructor(
    private readonly canvas: HTMLCanvasElement,
    private readonly host: Host,
  ) {
    canvas.addEventListener("pointerdown", (e) => this.down(e));
    canvas.addEventListener("pointermove", (e) => this.move(e));
    canvas.addEventListener("pointerup", (e) => this.up(e));
    canvas.addEventListener("pointercancel", () => this.cancel());
    canvas.addEventListener("pointerleave", () => {
      if (this.gesture.kind === "none") this.setHover(-1, -1, 0, 0);
    });
    canvas.addEventListener("wheel", (e) => this.wheel(e), { passive: false });
    canvas.addEventListener("dblclick", (e) => this.dblclick(e));
    canvas.addEventListener("contextmenu", (e) => e.preventDefault());
    window.addEventListener("keydown", (e) => {
      if (e.key === " " && !isTyping(e.target)) {
        this.space = true;
        this.canvas.classList.add("grab");
        e.preventDefault();
      } else if (e.key === "Escape" && this.gesture.kind !== "none") {
        this.cancel();
      }
    });
    window.addEventListener("keyup", (e) => {
      if (e.key === " ") {
        this.space = false;
        this.canvas.classList.remove("grab");
      }
    });
  }

  private local(e: MouseEvent): [number, number] {
    const r = this.canvas.getBoundingClientRect();
    return [e.clientX - r.left, e.clientY - r.top];
  }

  private down(e: PointerEvent): void {
    const m = this.host.currentModel();
    const v = this.host.viewport;
    const [sx, sy] = this.local(e);
    this.canvas.focus({ preventScroll: true });
    if (e.button === 1 || (e.button === 0 && this.space) || e.button === 2) {
      this.gesture = { kind: "pan", x: sx, y: sy, moved: false, clearOnClick: false };
      this.capture(e);
      return;
    }
    if (e.button !== 0 || !m) return;
    const wx = toWorldX(v, sx);
    const wy = toWorldY(v, sy);
    const additive = e.shiftKey || e.ctrlKey || e.metaKey;
    const sel = this.host.overlay.selection;
    const handle = m.index.handleAt(wx, wy, 8 / v.scale);
    if (handle >= 0 && v.scale >= 0.22 && !additive) {
      this.gesture = { kind: "connect", from: handle };
      const o = this.host.overlay;
      o.connectFrom = handle;
      o.connectX = wx;
      o.connectY = wy;
      o.connectTo = -1;
      this.capture(e);
      this.host.redraw();
      return;
    }
    const card = m.index.cardAt(wx, wy);
    if (card >= 0) {
      const id = m.cards[card]!.id;
      this.host.select(S.pressCard(sel, id, additive));
      this.gesture = { kind: "press", card: id, x: sx, y: sy, wx, wy, additive, dragging: false };
      this.capture(e);
      return;
    }
    const link = m.index.lineAt(wx, wy, 6 / v.scale);
    if (link >= 0) {
      this.host.select(S.handoff(m.links[link]!.id));
      return;
    }
    if (additive) {
      this.gesture = { kind: "band", wx, wy, additive: e.shiftKey };
      this.host.overlay.band = { x: wx, y: wy, width: 0, height: 0 };
    } else {
      this.gesture = { kind: "pan", x: sx, y: sy, moved: false, clearOnClick: true };
    }
    this.capture(e);
  }

  private capture(e: PointerEvent): void {
    try {
      this.canvas.setPointerCapture(e.pointerId);
    } catch {
      // synthetic events (tests) have no active pointer
    }
  }

  private move(e: PointerEvent): void {
    const m = this.host.currentModel();
    const v = this.host.viewport;
    const o = this.host.overlay;
    const [sx, sy] = this.local(e);
    const wx = toWorldX(v, sx);
    const wy = toWorldY(v, sy);
    const g = this.gesture;
    switch (g.kind) {
      case "none": {
        if (!m) return;
        const handle = v.scale >= 0.22 ? m.index.handleAt(wx, wy, 8 / v.scale) : -1;
        const card = handle >= 0 ? handle : m.index.cardAt(wx, wy);
        const link = card >= 0 ? -1 : m.index.lineAt(wx, wy, 6 / v.scale);
        this.canvas.classList.toggle("connect", handle >= 0);
        this.canvas.classList.toggle("pointer", handle < 0 && (card >= 0 || link >= 0));
        this.setHover(card, link, e.clientX, e.clientY);
        return;
      }
      case "pan":
        if (!g.moved && Math.hypot(sx - g.x, sy - g.y) < DRAG_THRESHOLD) return;
        g.moved = true;
        this.canvas.classList.add("grabbing");
        panBy(v, sx - g.x, sy - g.y);
        g.x = sx;
        g.y = sy;
        this.host.redraw();
        return;
      case "press":
        if (!g.dragging && Math.hypot(sx - g.x, sy - g.y) < DRAG_THRESHOLD) return;
        g.dragging = true;
        o.moving = true;
        o.dx = wx - g.wx;
        o.dy = wy - g.wy;
        this.host.hover(null, 0, 0);
        this.host.redraw();
        return;
      case "band":
        o.band = spanned(g.wx, g.wy, wx, wy);
        this.host.redraw();
        return;
      case "connect": {
        o.connectX = wx;
        o.connectY = wy;
        const t = m ? m.index.cardAt(wx, wy) : -1;
        o.connectTo = t === g.from ? -1 : t;
        this.host.redraw();
        return;
      }
    }
  }

  private up(e: PointerEvent): void {
    const g = this.gesture;
    const o = this.host.overlay;
    const m = this.host.currentModel();
    this.gesture = { kind: "none" };
    this.canvas.classList.remove("grabbing");
    switch (g.kind) {
      case "pan":
        if (!g.moved && g.clearOnClick) this.host.select(S.pressEmpty(o.selection, false));
        break;
      case "press":
        if (g.dragging) {
          const [dx, dy] = [o.dx, o.dy];
          o.moving = false;
          o.dx = 0;
          o.dy = 0;
          if (dx !== 0 || dy !== 0) this.host.moved([...o.selection.cards], dx, dy);
        } else {
          this.host.select(S.releaseCard(o.selection, g.card, g.additive, false));
        }
        break;
      case "band":
        if (o.band && m) this.host.select(S.band(o.selection, m.index.cardsInside(o.band), g.additive));
        o.band = null;
        break;
      case "connect": {
        const to = o.connectTo;
        o.connectFrom = -1;
        o.connectTo = -1;
        if (to >= 0 && m) this.host.connect(m.cards[g.from]!.id, m.cards[to]!.id);
        break;
      }
      case "none":
        break;
    }
    void e;
    this.host.redraw();
  }

  cancel(): void {
    const o = this.host.overlay;
    this.gesture = { kind: "none" };
    o.moving = false;
    o.dx = 0;
    o.dy = 0;
    o.band = null;
    o.connectFrom = -1;
    o.connectTo = -1;
    this.canvas.classList.remove("grabbing");
    this.host.redraw();
  }

  private setHover(card: number, link: number, cx: number, cy: number): void {
    const o = this.host.overlay;
    const m = this.host.currentModel();
    if (o.hoverCard !== card || o.hoverLink !== link) {
      o.hoverCard = card;
      o.hoverLink = link;
      this.host.redraw();
    }
    this.host.hover(link >= 0 && m ? m.linkInfo[link]! : null, cx, cy);
  }

  private wheel(e: WheelEvent): void {
    e.preventDefault();
    const [sx, sy] = this.local(e);
    const unit = e.deltaMode === 1 ? 16 : e.deltaMode === 2 ? 400 : 1;
    zoomAt(this.host.viewport, sx, sy, Math.exp(-e.deltaY * unit * 0.0015));
    this.host.redraw();
  }

  private dblclick(e: MouseEvent): void {
    const m = this.host.currentModel();
    const v = this.host.viewport;
    const [sx, sy] = this.local(e);
    const wx = toWorldX(v, sx);
    const wy = toWorldY(v, sy);
    const card = m ? m.index.cardAt(wx, wy) : -1;
    if (m && card >= 0 && m.info[card]!.group) {
      this.host.open(m.cards[card]!.id);
      return;
    }
    if (m && (card >= 0 || m.index.lineAt(wx, wy, 6 / v.scale) >= 0)) return;
    this.host.addAt(wx, wy);
  }
}

/** Keys typed into a form field are the field's, not the map's shortcuts. */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  const tag = target.tagName;
  return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || target.isContentEditable;
}
