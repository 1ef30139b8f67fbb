// The Sites tab's template editor (src/panels/template.ts) in headless Chromium: what it draws
// from a template and the core's layout of it, and the one edit each gesture sends (a step's
// estimate, a handoff drawn or deleted, a step added, an override cleared), the map's keys
// left alone.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import test from "node:test";

import { bundle, page } from "../../test-support/browser.mjs";

const est = (o, l, p) => ({ optimistic: o, likely: l, pessimistic: p });
const plan = {
  teams: [{ id: "field", name: "Field crew" }, { id: "it", name: "IT" }],
  templates: [],
};
const template = {
  id: "store",
  name: "Store cutover",
  initiatives: [
    { id: "survey", name: "Site survey", owner: "", role: "site lead", team: "field", duration: est(1, 2, 3), after_gate: true },
    { id: "install", name: "Install lanes", owner: "Marcus Reed", team: "field", duration: est(2, 3, 5) },
    { id: "golive", name: "Go live", owner: "", duration: est(0, 0, 0), before_completion: true },
  ],
  handoffs: [
    { id: "survey-install", from: "survey", to: "install", kind: "FS", lag: 0, owner: "Marcus Reed", assumption: "", confirmed: true },
    { id: "network-install", from: "@network", to: "install", kind: "FS", lag: 0, owner: "", assumption: "", confirmed: false },
    { id: "install-golive", from: "install", to: "golive", kind: "FS", lag: 0, owner: "Ann", assumption: "", confirmed: false },
  ],
  risks: [{ id: "late-kit", title: "Kit arrives late", owner: "Dana Kowalski", probability: 0.3, impact: 3, mitigation: "", initiatives: ["install"] }],
  chains: [{ step: "install", crews: 2, lag: 0, owner: "", confirmed: false }],
};
plan.templates = [template, { ...template, id: "kiosk", name: "Kiosk" }];
const card = (id, x, y) => ({ id, x, y, width: 180, height: 60 });
const route = (id, a, b) => ({ id, points: [[a.x + a.width, a.y + 30], [b.x, b.y + 30]], seam: false });
const cards = { "@gate": card("@gate", 0, 0), survey: card("survey", 260, 0), "@network": card("@network", 260, 100), install: card("install", 520, 0), golive: card("golive", 780, 0), "@completion": card("@completion", 1040, 0) };
const layout = {
  template: "store",
  layout: {
    arrangement: "flow",
    cards: Object.values(cards),
    handoffs: [
      route("@gate>survey", cards["@gate"], cards.survey),
      route("survey-install", cards.survey, cards.install),
      route("network-install", cards["@network"], cards.install),
      route("install-golive", cards.install, cards.golive),
      route("golive>@completion", cards.golive, cards["@completion"]),
    ],
    crossings: 0,
  },
  anchors: [{ id: "@gate", name: "The wave's gate" }, { id: "@network", name: "The wave's network" }, { id: "@completion", name: "The wave's completion" }],
  sites: ["s1", "s2", "s3"],
  overrides: [{ site: "s2", overrides: [{ template: "store", step: "install", initiative: "s2-install", field: "duration" }] }],
};
const names = { s1: "Store 1", s2: "Store 2 Dayton", s3: "Store 3" };

let script;
const css = readFileSync(new URL("../../src/style.css", import.meta.url), "utf8") + readFileSync(new URL("../../src/panels/sites.css", import.meta.url), "utf8");

async function editor(t) {
  script ??= await bundle("test-support/template-entry.ts", "T");
  const p = await page(t, { scripts: [script], css });
  await p.evaluate(([a, b, c, d]) => {
    window.mapKeys = 0;
    window.addEventListener("keydown", () => window.mapKeys++);
    window.T.mount(a, b, c, d);
  }, [plan, template, layout, names]);
  return p;
}

const sent = (p) => p.evaluate(() => window.T.sent);
const stepOf = (edit, id) => edit.value.initiatives.find((s) => s.id === id);

test("it draws each step and anchor where the core laid it out, with names, and the sites using it", async (t) => {
  const p = await editor(t);
  const steps = await p.$$eval("[data-testid=template-step]", (gs) => gs.map((g) => [g.dataset.id, g.querySelector("rect").getAttribute("x"), g.textContent]));
  assert.deepEqual(steps.map((s) => s.slice(0, 2)), [["survey", "260"], ["install", "520"], ["golive", "780"]]);
  assert.match(steps[1][2], /Install lanes.*2–3–5 d · Field crew · 2 crews/, "team by name, the crews of its chain");
  assert.doesNotMatch(steps.map((s) => s[2]).join(" "), /\bfield\b/, "no team id on screen");
  assert.match(steps[2][2], /Go live.*milestone/);
  assert.deepEqual(await p.$$eval("[data-testid=template-anchor]", (gs) => gs.map((g) => g.querySelector(".te-name").textContent)), ["The wave's gate", "The wave's network", "The wave's completion"]);
  assert.equal(await p.$$eval("[data-testid=template-link]", (gs) => gs.length), 5);
  assert.equal(await p.$eval('[data-testid=template-link][data-id="network-install"]', (g) => g.classList.contains("unowned")), true, "a handoff nobody owns is marked");
  assert.equal(await p.textContent("[data-testid=template-usage]"), "used at 3 sites · 1 override");
  assert.deepEqual(await p.$$eval("[data-testid=template-override] td", (tds) => tds.slice(0, 3).map((td) => td.textContent)), ["Store 2 Dayton", "Install lanes", "estimate"]);
  assert.match(await p.textContent("[data-testid=template-sites]"), /As the template: Store 1, Store 3\./);
  assert.equal(await p.isDisabled("[data-testid=template-delete]"), true, "nothing picked: nothing to delete");
  assert.deepEqual(await sent(p), [], "drawing sends nothing");
});

test("a step's estimate changed in its form is one update_template with that step changed", async (t) => {
  const p = await editor(t);
  await p.click('[data-testid=template-step][data-id="install"] rect');
  await p.waitForSelector('[data-testid=template-step-form][data-id="install"]');
  assert.match(await p.textContent("[data-testid=template-step-overridden]"), /Store 2 Dayton \(estimate\)/, "the form says who keeps its own");
  assert.equal(await p.inputValue("[data-testid=template-step-likely]"), "3");
  await p.fill("[data-testid=template-step-likely]", "4");
  await p.press("[data-testid=template-step-likely]", "Enter");
  const edits = await sent(p);
  assert.equal(edits.length, 1, "one call");
  assert.equal(edits[0].length, 1, "one edit: one undo step");
  const [e] = edits[0];
  assert.equal(e.op, "update_template");
  assert.deepEqual(stepOf(e, "install").duration, est(2, 4, 5));
  assert.deepEqual(e.value.initiatives.filter((s) => s.id !== "install"), template.initiatives.filter((s) => s.id !== "install"));
  assert.deepEqual(e.value.handoffs, template.handoffs);
  // a value that is no estimate sends nothing
  await p.fill("[data-testid=template-step-likely]", "-2");
  await p.press("[data-testid=template-step-likely]", "Enter");
  assert.equal((await sent(p)).length, 1);
});

test("a handoff picked and deleted with the Delete key: the template's, not the map's", async (t) => {
  const p = await editor(t);
  await p.click('[data-testid=template-link][data-id="install-golive"] .te-hit', { force: true });
  await p.waitForSelector('[data-testid=template-handoff-form][data-id="install-golive"]');
  assert.equal(await p.inputValue("[data-testid=template-handoff-owner]"), "Ann");
  await p.focus("[data-testid=template-drawing]");
  await p.keyboard.press("Delete");
  const [[e]] = await sent(p);
  assert.deepEqual(e.value.handoffs.map((x) => x.id), ["survey-install", "network-install"]);
  assert.equal(await p.evaluate(() => window.mapKeys), 0, "the window's Delete (the map's selection) never heard it");
});

test("a wait for the gate deleted is the step's flag, not a handoff", async (t) => {
  const p = await editor(t);
  await p.click('[data-testid=template-link][data-id="@gate>survey"] .te-hit', { force: true });
  await p.click("[data-testid=template-delete]");
  const [[e]] = await sent(p);
  assert.equal(stepOf(e, "survey").after_gate, false);
  assert.deepEqual(e.value.handoffs, template.handoffs);
});

test("a handoff drawn from a step's right edge to another step", async (t) => {
  const p = await editor(t);
  const from = await p.$eval('[data-testid=template-step][data-id="survey"] [data-testid=template-port]', (c) => { const r = c.getBoundingClientRect(); return { x: r.x + r.width / 2, y: r.y + r.height / 2 }; });
  const to = await p.$eval('[data-testid=template-step][data-id="golive"] rect', (c) => { const r = c.getBoundingClientRect(); return { x: r.x + r.width / 2, y: r.y + r.height / 2 }; });
  await p.mouse.move(from.x, from.y);
  await p.mouse.down();
  await p.mouse.move((from.x + to.x) / 2, to.y + 40, { steps: 4 });
  assert.equal(await p.$$eval(".te-drawing-line", (l) => l.length), 1, "the handoff follows the pointer");
  await p.mouse.move(to.x, to.y, { steps: 4 });
  await p.mouse.up();
  const [[e]] = await sent(p);
  assert.deepEqual(e.value.handoffs.at(-1), { id: "survey-golive", from: "survey", to: "golive", kind: "FS", lag: 0, owner: "", assumption: "", confirmed: false });
  assert.equal(await p.$$eval(".te-drawing-line", (l) => l.length), 0);
});

test("Add step, Clear an override, another template", async (t) => {
  const p = await editor(t);
  await p.click("[data-testid=template-add-step]");
  await p.click("[data-testid=template-clear-s2-install-duration]");
  await p.selectOption("[data-testid=template-choose]", "kiosk");
  const edits = await sent(p);
  assert.equal(edits.length, 2);
  const added = edits[0][0].value.initiatives.at(-1);
  assert.deepEqual([added.id, added.name, added.team, added.duration], ["step-4", "New step", "field", est(1, 1, 1)]);
  assert.deepEqual(edits[1], [{ op: "clear_override", value: { initiative: "s2-install", field: "duration" } }]);
  assert.deepEqual(await p.evaluate(() => window.T.chosen), ["kiosk"]);
});

test("a step's crews and a risk each site runs, edited", async (t) => {
  const p = await editor(t);
  assert.equal(await p.inputValue("[data-testid=template-risk-late-kit-probability]"), "0.3", "the risks show while nothing is picked");
  await p.fill("[data-testid=template-risk-late-kit-probability]", "0.5");
  await p.press("[data-testid=template-risk-late-kit-probability]", "Enter");
  await p.click('[data-testid=template-step][data-id="install"] rect');
  assert.match(await p.textContent('[data-testid=template-step-form]'), /Risks at each site: Kit arrives late/);
  assert.equal(await p.inputValue("[data-testid=template-step-crews]"), "2");
  await p.fill("[data-testid=template-step-crews]", "3");
  await p.press("[data-testid=template-step-crews]", "Enter");
  const edits = await sent(p);
  assert.equal(edits.length, 2);
  assert.deepEqual(edits[0][0].value.risks, [{ ...template.risks[0], probability: 0.5 }]);
  assert.deepEqual(edits[1][0].value.chains, [{ step: "install", crews: 3, lag: 0, owner: "", confirmed: false }]);
});

test("a step is reached by Tab and picked with Enter", async (t) => {
  const p = await editor(t);
  await p.focus('[data-testid=template-step][data-id="golive"]');
  await p.keyboard.press("Enter");
  await p.waitForSelector('[data-testid=template-step-form][data-id="golive"]');
  assert.equal(await p.inputValue("[data-testid=template-step-name]"), "Go live");
  assert.equal(await p.isChecked("[data-testid=template-step-before-completion]"), true);
});
