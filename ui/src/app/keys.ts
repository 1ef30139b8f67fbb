// The keyboard shortcuts of the window: Ctrl+F find, Ctrl+Z / Ctrl+Shift+Z / Ctrl+Y undo
// and redo, Ctrl+A select all, Del delete, N new initiative, F fit, + and - zoom, Escape
// clear the selection. None while a dialog is open; only Ctrl+F while typing in a field.
// It maps keys to the host's commands and does nothing else (the map's own keys, space to
// pan and Escape to drop a gesture, are map/interaction.ts's).
import { isTyping } from "../map/interaction";
import * as S from "../map/selection";
import type { Ctx } from "./context";

export interface KeysHost {
  focusSearch(): void;
  step(dir: "undo" | "redo"): Promise<void>;
  deleteSelection(): Promise<void>;
  /** A new initiative in the middle of the map. */
  addInitiative(): Promise<void>;
  fit(): void;
  zoom(factor: number): void;
}

/** Listens on the window (after the map's own key listener). */
export function installKeys(ctx: Ctx, host: KeysHost): void {
  window.addEventListener("keydown", (e) => key(ctx, host, e));
}

function key(ctx: Ctx, host: KeysHost, e: KeyboardEvent): void {
  if (document.querySelector(".modal")) return;
  const mod = e.ctrlKey || e.metaKey;
  const k = e.key.toLowerCase();
  if (mod && k === "f") {
    e.preventDefault();
    host.focusSearch();
    return;
  }
  if (isTyping(e.target)) return;
  if (mod && k === "z") {
    e.preventDefault();
    void host.step(e.shiftKey ? "redo" : "undo");
  } else if (mod && k === "y") {
    e.preventDefault();
    void host.step("redo");
  } else if (mod && k === "a") {
    e.preventDefault();
    const m = ctx.state.model;
    if (m) ctx.select(S.band(S.EMPTY, m.cards.map((c) => c.id), false));
  } else if (mod) {
    return;
  } else if (e.key === "Delete" || e.key === "Backspace") {
    e.preventDefault();
    void host.deleteSelection();
  } else if (k === "n") {
    e.preventDefault();
    void host.addInitiative();
  } else if (k === "f") {
    host.fit();
  } else if (e.key === "+" || e.key === "=") {
    host.zoom(1.25);
  } else if (e.key === "-") {
    host.zoom(1 / 1.25);
  } else if (e.key === "Escape") {
    ctx.state.overlay.flash = null;
    ctx.select(S.EMPTY);
  }
}
