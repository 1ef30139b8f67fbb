// Issue 25, points 5, 7 and 8, in the real window (debug build, Xvfb, tauri-driver), with the
// `bridger` CLI on the same file: undoing a card move puts the card back on the map; a read
// (`bridger schedule`) and a kept forecast (`bridger simulate`) do not say "changed by
// another program" (the forecast refreshes the Analysis tab), a CLI edit does; the CLI's
// summary survives the window changing the holidays; and a plan closed and reopened shows
// the same map in Flow and in Seams, after edits that a fresh layout would draw otherwise.
// `UNDO_SHOT=docs/undo-move.png` also saves the window right after the undo.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import test from "node:test";

import { ROOT, launch, sleep, waitFor } from "./harness.mjs";
import { BRIDGER, KEY, SAVE_MS, byId, centre, client, pressable, saved, savedWhen } from "./client.mjs";

const OUTSIDE = /changed by another program/;

/** Every card relative to the first one, in card widths: the map's shape, whatever the
 *  viewport (a reopened window fits the map anew). */
function shape(scene, ids) {
  const [first] = ids;
  const o = scene.cards[first];
  return Object.fromEntries(ids.map((id) => {
    const r = scene.cards[id];
    return [id, r ? [Math.round(((r.x - o.x) / o.width) * 100) / 100, Math.round(((r.y - o.y) / o.width) * 100) / 100] : null];
  }));
}

/** The map's shape in Flow and in Seams (the arrangement buttons, as a user switches). */
async function shapes(ui, ids) {
  const out = {};
  for (const a of ["flow", "seams"]) {
    await ui.click(`#arrangement-${a}`);
    await sleep(800); // the view of that arrangement is asked for and drawn
    out[a] = shape(await ui.scene(ids), ids);
  }
  return out;
}

test("undo puts a moved card back; reads are not changes; the CLI's summary stays; reopen keeps the map", { timeout: 300_000 }, async (t) => {
  const dir = mkdtempSync(join(tmpdir(), "bridger-picture-"));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, "demo.bridger");
  const cli = (...args) => execFileSync(BRIDGER, args, { encoding: "utf8" });
  cli("new", file, "--demo");
  const ids = saved(file).initiatives.map((i) => i.id);

  let app = await launch({ plan: file });
  t.after(() => app.stop());
  let ui = client(app);
  const ready = () => waitFor(async () => (await ui.js("return !!(window.__bridger && window.__bridger.ready())")) || undefined, "the editor to render");
  const status = () => ui.js("return document.getElementById('status-message')?.textContent ?? ''");
  await ready();

  // -- point 7: a card dragged, then Undo: the file and the map both back as they were
  const before = await ui.scene(ids);
  const [{ id, r }] = pressable(before).filter(({ r }) => r.x + r.width + 120 < before.canvas.x + before.canvas.width && r.y + r.height + 100 < before.canvas.y + before.canvas.height);
  await ui.clickAt(centre(r));
  await sleep(800); // a second press right after would be a double-click (a new initiative)
  await ui.drag(centre(r), { x: centre(r).x + 90, y: centre(r).y + 70 });
  await savedWhen(file, (p) => byId(p.initiatives).get(id)?.position ?? undefined, "the move in the file");
  await waitFor(async () => ((await ui.scene([id])).cards[id].x > r.x + 60 ? true : undefined), "the map to show the card moved", SAVE_MS);
  await ui.click("#undo");
  await savedWhen(file, (p) => (byId(p.initiatives).get(id)?.position ? undefined : true), "the move undone in the file");
  assert.match(await waitFor(async () => ((await status()).startsWith("Undone") ? status() : undefined), "the status to tell the undo", 5000), /^Undone/);
  const back = await waitFor(async () => {
    const s = await ui.scene(ids);
    return Math.abs(s.cards[id].x - r.x) <= 1.5 && Math.abs(s.cards[id].y - r.y) <= 1.5 ? s : undefined;
  }, `${id} back where it was drawn before the move`, SAVE_MS);
  for (const other of ids) assert.deepEqual(back.cards[other], before.cards[other], `${other} is where it was`);
  if (process.env.UNDO_SHOT) {
    const out = resolve(ROOT, process.env.UNDO_SHOT);
    mkdirSync(dirname(out), { recursive: true });
    await sleep(500);
    execFileSync("import", ["-display", app.display, "-window", "root", out]);
  }

  // -- point 8: a read and a kept forecast are not changes of the plan; an edit is
  await ui.click("#tab-analysis");
  cli("schedule", file);
  cli("check", file);
  await sleep(1600); // three polls
  assert.doesNotMatch(await status(), OUTSIDE, "bridger schedule is a read");
  cli("simulate", file, "--iterations", "300", "--seed", "7");
  await waitFor(async () => {
    const [run] = await app.findAll("[data-testid=analysis-run]");
    return run && /^300 runs/.test(await app.text(run)) ? true : undefined;
  }, "the Analysis tab to show the kept forecast", SAVE_MS);
  await sleep(600);
  assert.doesNotMatch(await status(), OUTSIDE, "a kept forecast is no edit of the plan");
  // A new team's work from the CLI: an edit (said so), laid out around the map the window
  // holds, which a fresh layout would not reproduce on reopen.
  const last = ids[ids.length - 1];
  cli("edit", file, JSON.stringify([
    { op: "add_team", value: { id: "audit-team", name: "Audit team", fte: 2, utilization_target: 0.65 } },
    { op: "add_initiative", value: { id: "audit", name: "Audit", owner: "Ana", team: "audit-team", duration: { optimistic: 5, likely: 5, pessimistic: 5 }, effort: [], status: "not_started", progress: 0 } },
    { op: "add_handoff", value: { id: "h-audit-1", from: ids[0], to: "audit", kind: "FS", lag: 0, owner: "", assumption: "", confirmed: false } },
    { op: "add_handoff", value: { id: "h-audit-2", from: "audit", to: last, kind: "FS", lag: 0, owner: "", assumption: "", confirmed: false } },
  ]));
  await waitFor(async () => (OUTSIDE.test(await status()) ? true : undefined), "the window to say the CLI changed the plan", SAVE_MS);

  // -- point 5: the CLI writes the summary while the window is open; the window adds a holiday
  await ui.click("#tab-plan");
  cli("edit", file, JSON.stringify({ op: "patch", value: { kind: "plan", id: "plan", fields: { summary: "Written by the CLI" } } }));
  await waitFor(async () => {
    const [s] = await app.findAll("#plan-setting-summary");
    return s && (await app.wd("GET", `/element/${s}/property/value`)) === "Written by the CLI" ? true : undefined;
  }, "the Plan tab to show the CLI's summary", SAVE_MS);
  const days = saved(file).calendar;
  await ui.type("#plan-holiday-new", "2027-10-11");
  await ui.keys(KEY.enter);
  const after = await savedWhen(file, (p) => (p.calendar.holidays.includes("2027-10-11") ? p : undefined), "the holiday in the file");
  assert.equal(after.summary, "Written by the CLI", "the CLI's summary stays");
  assert.deepEqual(after.calendar.working_days, days.working_days);

  // -- point 7: closed and reopened, the same map in both arrangements
  await ui.click("#tab-map");
  const all = [...ids, "audit"];
  const closed = await shapes(ui, all);
  await app.stop();
  app = await launch({ plan: file });
  ui = client(app);
  await ready();
  assert.deepEqual(await shapes(ui, all), closed, "the reopened plan shows the map it was closed with");
});
