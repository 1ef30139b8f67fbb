// Issue 32, in the real window: the app remembers the last plan and the window's size. A
// first run opens a plan and is given another size, then closed as a user closes it; a
// second run on the same config folder, with no plan named, opens that plan at that size.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import test from "node:test";

import { launch, sleep, waitFor } from "./harness.mjs";

test("the last plan and the window's size come back at the next start", { timeout: 180_000 }, async (t) => {
  const home = mkdtempSync(join(tmpdir(), "bridger-remember-"));
  t.after(() => rmSync(home, { recursive: true, force: true }));
  const env = { XDG_CONFIG_HOME: join(home, "config"), XDG_DATA_HOME: join(home, "data") };
  const ready = (app) =>
    waitFor(async () => (await app.wd("POST", "/execute/sync", { script: "return !!(window.__bridger && window.__bridger.ready())", args: [] })) || undefined, "the editor");

  const first = await launch({ plan: join(home, "kept.bridger"), env });
  t.after(() => first.stop());
  await ready(first);
  await first.wd("POST", "/window/rect", { width: 1000, height: 640 });
  const set = await first.wd("GET", "/window/rect");
  // Closed as a user closes it (the window, not the process): the app saves its state.
  await first.wd("DELETE", "/window").catch(() => {});
  await sleep(2000);
  await first.stop();

  const second = await launch({ noPlan: true, env });
  t.after(() => second.stop());
  await ready(second);
  assert.match(await second.wd("GET", "/title"), /^kept\.bridger - /, "the last plan opens");
  const rect = await second.wd("GET", "/window/rect");
  assert.deepEqual([rect.width, rect.height], [set.width, set.height], `the window's size comes back (set ${JSON.stringify(set)}, got ${JSON.stringify(rect)})`);
});
