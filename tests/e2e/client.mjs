// What the real-window tests share: the `bridger` CLI reading the plan file, and a client
// that drives the page with real WebDriver pointer and key actions (clicks, drags, keys) and
// reads what the user sees of the map (every card's rectangle, the DOM laid over the canvas).
import { execFileSync } from "node:child_process";
import { join } from "node:path";

import { ROOT, sleep, waitFor } from "./harness.mjs";

export const BRIDGER = process.env.BRIDGER_CLI ?? join(ROOT, "target/debug/bridger");
export const KEY = { enter: "\uE007", tab: "\uE004", shift: "\uE008", control: "\uE009" };
export const SAVE_MS = 20_000; // an edit is saved well within this, even on a loaded machine

/** The plan as saved in `file`, read by the CLI (the format of docs/plan-format.md). */
export function saved(file) {
  return JSON.parse(execFileSync(BRIDGER, ["export", file, "-o", "-"], { encoding: "utf8" }));
}

/** Polls the file until `probe(plan)` returns something other than undefined. */
export function savedWhen(file, probe, what) {
  return waitFor(async () => probe(saved(file)), what, SAVE_MS);
}

export const byId = (list) => new Map(list.map((x) => [x.id, x]));
export const without = (list, ids) => list.filter((x) => !ids.includes(x.id));
export const centre = (r) => ({ x: r.x + r.width / 2, y: r.y + r.height / 2 });
export const inside = (p, r) => p.x >= r.x && p.x <= r.x + r.width && p.y >= r.y && p.y <= r.y + r.height;
export const grow = (r, m) => ({ x: r.x - m, y: r.y - m, width: r.width + 2 * m, height: r.height + 2 * m });
export const overlaps = (a, b) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
export const contains = (outer, r) => r.x >= outer.x && r.y >= outer.y && r.x + r.width <= outer.x + outer.width && r.y + r.height <= outer.y + outer.height;

/** What the user sees of the map: the canvas, the DOM over it, and every card's rectangle
 *  (client pixels), from the window's test handle. */
const SCENE = `
  const rect = (e) => { const r = e.getBoundingClientRect(); return { x: r.left, y: r.top, width: r.width, height: r.height }; };
  const canvas = rect(document.querySelector('[data-testid=map-canvas]'));
  const over = [...document.querySelectorAll('.map-key-box, .minimap, #edit-error:not(.hidden), .tooltip:not(.hidden)')].map(rect);
  const cards = {};
  for (const id of arguments[0]) { const r = window.__bridger.cardScreenRect(id); if (r) cards[id] = r; }
  return { canvas, over, cards };`;

export function client(app) {
  const js = (script, ...args) => app.wd("POST", "/execute/sync", { script, args });
  const mouse = (actions, keys = []) => {
    const sources = [{ type: "pointer", id: "mouse", parameters: { pointerType: "mouse" }, actions }];
    if (keys.length > 0) sources.unshift({ type: "key", id: "keyboard", actions: keys });
    return app.wd("POST", "/actions", { actions: sources });
  };
  const at = (p) => ({ type: "pointerMove", origin: "viewport", x: Math.round(p.x), y: Math.round(p.y), duration: 0 });
  return {
    js,
    /** Finds `css` afresh (views are drawn again after each edit), retrying a stale element. */
    async element(css) {
      return waitFor(async () => {
        const [el] = await app.findAll(css);
        return el;
      }, css, SAVE_MS);
    },
    async click(css) {
      for (let attempt = 0; ; attempt++) {
        const el = await this.element(css);
        try {
          return await app.wd("POST", `/element/${el}/click`, {});
        } catch (e) {
          if (attempt >= 3 || !/stale/i.test(e.message)) throw e;
          await sleep(100);
        }
      }
    },
    async type(css, text) {
      for (let attempt = 0; ; attempt++) {
        const el = await this.element(css);
        try {
          return await app.wd("POST", `/element/${el}/value`, { text });
        } catch (e) {
          if (attempt >= 3 || !/stale/i.test(e.message)) throw e;
          await sleep(100);
        }
      }
    },
    async keys(...values) {
      const down = values.map((value) => ({ type: "keyDown", value }));
      const up = values.toReversed().map((value) => ({ type: "keyUp", value }));
      await app.wd("POST", "/actions", { actions: [{ type: "key", id: "keyboard", actions: [...down, ...up] }] });
      await app.wd("DELETE", "/actions");
    },
    /** A click at a client point, with shift held if `shift`. */
    async clickAt(p, { shift = false } = {}) {
      const press = [at(p), { type: "pointerDown", button: 0 }, { type: "pointerUp", button: 0 }];
      if (shift) await mouse([{ type: "pause" }, ...press, { type: "pause" }], [{ type: "keyDown", value: KEY.shift }, { type: "pause" }, { type: "pause" }, { type: "pause" }, { type: "keyUp", value: KEY.shift }]);
      else await mouse(press);
      await app.wd("DELETE", "/actions");
    },
    /** A double-click at a client point. */
    async dblclickAt(p) {
      await mouse([at(p), { type: "pointerDown", button: 0 }, { type: "pointerUp", button: 0 }, { type: "pointerDown", button: 0 }, { type: "pointerUp", button: 0 }]);
      await app.wd("DELETE", "/actions");
    },
    /** A drag from `from` to `to` through a few moves; with `space` held, it pans the map. */
    async drag(from, to, { space = false } = {}) {
      const steps = [];
      for (let k = 1; k <= 6; k++) steps.push({ ...at({ x: from.x + ((to.x - from.x) * k) / 6, y: from.y + ((to.y - from.y) * k) / 6 }), duration: 20 });
      const pointer = [at(from), { type: "pointerDown", button: 0 }, ...steps, { type: "pointerUp", button: 0 }];
      if (space) await mouse([{ type: "pause" }, ...pointer], [{ type: "keyDown", value: " " }, ...pointer.map(() => ({ type: "pause" })), { type: "keyUp", value: " " }]);
      else await mouse(pointer);
      await app.wd("DELETE", "/actions");
    },
    scene: (ids) => js(SCENE, ids),
    selection: () => js("return window.__bridger.selection()"),
  };
}

/** Where a point or a card can be clicked: on the canvas, clear of the DOM laid over it. */
export function clickable(scene, r, margin = 6) {
  return contains(grow(scene.canvas, -margin), r) && !scene.over.some((o) => overlaps(grow(o, margin), r));
}

/** Cards whose middle can be pressed: clear of overlays and of every other card. */
export function pressable(scene, except = []) {
  const entries = Object.entries(scene.cards);
  return entries
    .filter(([id, r]) => !except.includes(id) && clickable(scene, r))
    .filter(([id, r]) => !entries.some(([other, o]) => other !== id && overlaps(grow(o, 4), r)))
    .map(([id, r]) => ({ id, r }));
}

