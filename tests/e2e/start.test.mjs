// Issue 26, point 8, in the real window: a first start (no plan on the command line, no
// BRIDGER_PLAN) lands on the start page, not in the demo; "Open the demo" makes the demo in
// the app's data folder and opens it in the editor, and it is then a recent plan.
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";
import test from "node:test";

import { launch, waitFor } from "./harness.mjs";

test("a first start shows the start page; Open the demo opens it in the editor", { timeout: 120_000 }, async (t) => {
  const app = await launch({ noPlan: true });
  t.after(() => app.stop());
  const js = (script, ...args) => app.wd("POST", "/execute/sync", { script, args });
  const [page] = await waitFor(async () => {
    const found = await app.findAll("[data-testid=start-page]");
    return found.length > 0 ? found : undefined;
  }, "the start page");
  const text = await app.text(page);
  for (const words of ["Open the demo", "New empty plan", "Open a plan", "New plan from a file", "Recent plans"]) {
    assert.ok(text.includes(words), `the start page offers "${words}": ${text}`);
  }
  assert.equal((await app.findAll("#plan-name")).length, 0, "no plan is open yet");

  const [demo] = await app.findAll("#start-demo");
  await app.wd("POST", `/element/${demo}/click`, {});
  await waitFor(async () => (await js("return !!(window.__bridger && window.__bridger.ready())")) || undefined, "the editor on the demo");
  const [name] = await app.texts("#plan-name");
  assert.match(name ?? "", /POS rollout/, "the demo is open");
  const file = join(app.dataHome, "io.bridger.desktop", "demo.bridger");
  assert.ok(existsSync(file), `the demo was made in the app's data folder (${file})`);
  assert.equal(await app.wd("GET", "/title"), `demo.bridger - ${name} - Bridger`);
});
