// Issue 28, item 5, in the real window: the Sites tab's template editor on a plan a user
// makes with the CLI (`bridger generate` with a sites file, then `bridger rollout`: a
// 20-step template `store` at 30 stores in 3 waves), Store 2's Step 5 overridden to take
// longer. The editor draws the template's steps where the core laid them out; editing Step 5's
// estimate there moves every store's Step 5 as `bridger schedule --json` says, but Store 2's
// (its own estimate); one Undo takes it all back; Clear gives Store 2 the template's estimate
// again; a handoff drawn from one step's edge to another is a template handoff.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import test from "node:test";

import { BRIDGER, KEY, SAVE_MS, client } from "./client.mjs";
import { launch, waitFor } from "./harness.mjs";
import { templatePlan } from "./rollout-plan.mjs";

const finishes = (file) => new Map(JSON.parse(execFileSync(BRIDGER, ["schedule", file, "--json"], { encoding: "utf8" })).initiatives.map((i) => [i.id, i.finish_date]));
const exported = (file) => JSON.parse(execFileSync(BRIDGER, ["export", file, "-o", "-"], { encoding: "utf8" }));
const stepOf = (plan, id) => plan.templates.find((t) => t.id === "store").initiatives.find((s) => s.id === id);
const instances = (before) => [...before.keys()].filter((id) => /^S\d{4}-s05$/.test(id));

test("a template step's estimate edited in the Sites tab moves every site's instance but an override, and undoes in one step", { timeout: 300_000 }, async (t) => {
  const planPath = templatePlan();
  const before = finishes(planPath);
  const fives = instances(before);
  assert.equal(fives.length, 30, "a Step 5 at every store");

  const app = await launch({ plan: planPath });
  t.after(() => app.stop());
  const c = client(app);
  await waitFor(async () => (await c.js("return !!(window.__bridger && window.__bridger.ready())")) || undefined, "the editor");
  await c.click("#tab-sites");
  await c.click("[data-testid=sites-part-template]");
  await c.element("[data-testid=template-editor]");
  // Drawn by the core's layout: 20 steps, the gate, the network and the completion; used at
  // 30 stores, Store 2's override listed.
  assert.equal(await c.js(`return document.querySelectorAll("[data-testid=template-step]").length`), 20);
  assert.deepEqual(await c.js(`return [...document.querySelectorAll("[data-testid=template-anchor]")].map((e) => e.dataset.id).sort()`), ["@completion", "@gate", "@network"]);
  assert.match((await app.texts("[data-testid=template-usage]"))[0], /used at 30 sites · 1 override/);
  const overrides = await c.js(`return [...document.querySelectorAll("[data-testid=template-override]")].map((r) => [r.dataset.site, r.dataset.field, r.textContent])`);
  assert.deepEqual(overrides.map((o) => o.slice(0, 2)), [["S0002", "duration"]]);
  assert.match(overrides[0][2], /Store 2.*Step 5.*estimate/);
  // Steps left to right along the handoffs, as the layout placed them.
  const x = (id) => c.js(`return Number(document.querySelector('[data-testid=template-step][data-id="${id}"] rect').getAttribute("x"))`);
  assert.ok((await x("s01")) < (await x("s05")) && (await x("s05")) < (await x("s20")), "Step 1 left of Step 5 left of Step 20");

  // Step 5 picked; its likely estimate from 4 to 7 working days.
  await c.click('[data-testid=template-step][data-id="s05"] rect');
  await c.element('[data-testid=template-step-form][data-id="s05"]');
  assert.match((await app.texts("[data-testid=template-step-overridden]"))[0], /Store 2/, "the form says which site keeps its own");
  const likely = await c.element("[data-testid=template-step-likely]");
  await app.wd("POST", `/element/${likely}/clear`, {});
  await c.type("[data-testid=template-step-likely]", `7${KEY.enter}`);
  await waitFor(async () => (stepOf(exported(planPath), "s05").duration.likely === 7 ? true : undefined), "the template saved", SAVE_MS);
  const after = finishes(planPath);
  const plan = exported(planPath);
  for (const id of fives) {
    const i = plan.initiatives.find((x) => x.id === id);
    if (id === "S0002-s05") {
      assert.equal(i.duration.likely, 9, "Store 2 keeps its own estimate");
      assert.equal(after.get(id), before.get(id), "and its finish");
    } else {
      assert.equal(i.duration.likely, 7, `${id} follows the template`);
      assert.ok(after.get(id) > before.get(id), `${id} finishes later: ${before.get(id)} → ${after.get(id)}`);
    }
  }
  // The window shows every site's new finish, as the core schedules it.
  await c.click("[data-testid=sites-part-sites]");
  const cli = JSON.parse(execFileSync(BRIDGER, ["sites", planPath, "--json"], { encoding: "utf8" }));
  const shown = async () => c.js(`return Object.fromEntries([...document.querySelectorAll("[data-testid=sites-row]")].map((r) => [r.dataset.id, r.children[4].textContent]))`);
  await waitFor(async () => {
    const s = await shown();
    return cli.every((r) => s[r.id] === r.finish) ? true : undefined;
  }, "the site table's finishes are the core's after the edit", SAVE_MS);

  // One Undo takes the whole change back: every instance as it was.
  await c.click("#undo");
  await waitFor(async () => (stepOf(exported(planPath), "s05").duration.likely === 4 ? true : undefined), "the template undone", SAVE_MS);
  assert.deepEqual(finishes(planPath), before, "every date as before the edit");

  // Clear Store 2's override: its Step 5 takes the template's estimate again.
  await c.click("[data-testid=sites-part-template]");
  await c.click("[data-testid=template-clear-S0002-s05-duration]");
  await waitFor(async () => (exported(planPath).initiatives.find((i) => i.id === "S0002-s05").duration.likely === 4 ? true : undefined), "the override cleared", SAVE_MS);
  await waitFor(async () => ((await c.js(`return document.querySelectorAll("[data-testid=template-override]").length`)) === 0 ? true : undefined), "no override listed");

  // A handoff drawn from Step 1's right edge to Step 3: a template handoff at every site.
  const [port, target] = await c.js(`const p = document.querySelector('[data-testid=template-step][data-id="s01"] [data-testid=template-port]').getBoundingClientRect(); const r = document.querySelector('[data-testid=template-step][data-id="s03"] rect').getBoundingClientRect(); return [{ x: p.left + p.width / 2, y: p.top + p.height / 2 }, { x: r.left + r.width / 2, y: r.top + r.height / 2 }]`);
  await c.drag(port, target);
  await waitFor(async () => (exported(planPath).templates[0].handoffs.some((h) => h.from === "s01" && h.to === "s03") ? true : undefined), "the handoff saved in the template", SAVE_MS);
  assert.ok(exported(planPath).handoffs.some((h) => h.from === "S0007-s01" && h.to === "S0007-s03"), "and at every site");
  await c.element('[data-testid=template-link][data-id="s01-s03"]');
});
