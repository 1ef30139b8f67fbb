// Component tests in a real browser: a module of src/ bundled by vite (as the window's
// bundle is) into one script, loaded into headless Chromium (Debian's, `make deps`) driven by
// playwright-core. For the DOM of a panel, where the node tests cover pure modules only.
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

import { chromium } from "playwright-core";
import { build } from "vite";

const UI = join(dirname(fileURLToPath(import.meta.url)), "..");
export const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";

/** `entry` (a path under ui/) bundled as one classic script that sets `window[name]`. */
export async function bundle(entry, name) {
  const out = await build({
    configFile: false,
    root: UI,
    logLevel: "silent",
    build: { write: false, target: "es2022", minify: false, lib: { entry: join(UI, entry), formats: ["iife"], name, fileName: () => `${name}.js` } },
  });
  const chunk = (Array.isArray(out) ? out : [out]).flatMap((o) => o.output).find((o) => o.type === "chunk");
  if (!chunk) throw new Error(`vite made no script of ${entry}`);
  return chunk.code;
}

/** A page holding `scripts` and `css`, in a browser closed by `t.after`. */
export async function page(t, { scripts = [], css = "" } = {}) {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: run make deps (Debian's chromium), or set CHROMIUM`);
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ["--no-sandbox"] });
  t.after(() => browser.close());
  const p = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const errors = [];
  p.on("pageerror", (e) => errors.push(e));
  await p.setContent(`<!doctype html><html><head><style>${css}</style></head><body><div id="root"></div></body></html>`);
  for (const s of scripts) await p.addScriptTag({ content: s });
  t.after(() => {
    if (errors.length > 0) throw errors[0];
  });
  return p;
}
