// Issue 13's acceptance test, in the real window (debug build, Xvfb, tauri-driver): on a copy
// of the demo plan a user adds an initiative from the toolbar, connects it to another card by
// dragging from its handle, gives the new handoff an owner and an assumption in its inspector,
// tries a connection that would close a cycle (refused with the core's message naming the
// cycle, and nothing saved), moves three selected cards with one drag, and undoes that move.
// After each step the file is read with the `bridger` CLI (`export -o -`) to check what was
// saved. Every gesture is a real WebDriver pointer or key action on the page; the UI's own
// handlers turn it into edits.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import test from "node:test";

import { launch, sleep, waitFor } from "./harness.mjs";
import { BRIDGER, KEY, SAVE_MS, byId, centre, client, clickable, contains, grow, inside, overlaps, pressable, saved, savedWhen, without } from "./client.mjs";

test("the editor: add, connect, inspect, a refused cycle, move three, undo; each saved in the file", { timeout: 180_000 }, async (t) => {
  const dir = mkdtempSync(join(tmpdir(), "bridger-editor-"));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, "demo.bridger");
  execFileSync(BRIDGER, ["new", file, "--demo"], { stdio: "ignore" });
  const start = saved(file);
  const ids = start.initiatives.map((i) => i.id);

  const app = await launch({ plan: file });
  t.after(() => app.stop());
  const ui = client(app);
  await waitFor(async () => (await ui.js("return !!(window.__bridger && window.__bridger.ready())")) || undefined, "the editor to render");

  // -- 0. a free place in the middle of the view for the new card: the user pans there
  // (space + drag), since a new initiative is placed in the middle of the view
  let scene = await ui.scene(ids);
  const card = Object.values(scene.cards)[0];
  const mid = centre(scene.canvas);
  const room = (p) => {
    const r = grow({ x: p.x - card.width / 2, y: p.y - card.height / 2, width: card.width, height: card.height }, 24);
    return clickable(scene, r) && !Object.values(scene.cards).some((c) => overlaps(c, r));
  };
  let spot = null;
  for (let y = scene.canvas.y; y < scene.canvas.y + scene.canvas.height; y += 8) {
    for (let x = scene.canvas.x; x < scene.canvas.x + scene.canvas.width; x += 8) {
      const d = Math.hypot(x - mid.x, y - mid.y);
      if (room({ x, y }) && (!spot || d < spot.d)) spot = { x, y, d };
    }
  }
  assert.ok(spot, "the first view of the demo has room for a new card");
  if (spot.d > 6) {
    await ui.drag(spot, mid, { space: true });
    await waitFor(async () => {
      scene = await ui.scene(ids);
      return room(mid) || undefined;
    }, "the view to pan to the free place", 10_000);
  }

  // -- 1. add an initiative from the toolbar form
  await ui.click("#add-initiative");
  await ui.type("#new-name", "Cash drawer sign-off");
  await ui.type("#new-owner", "Dana Ortiz");
  await ui.click("[data-testid=new-initiative-ok]");
  const added = await savedWhen(file, (p) => p.initiatives.find((i) => !ids.includes(i.id)), "the new initiative in the file");
  let plan = saved(file);
  assert.equal(added.name, "Cash drawer sign-off");
  assert.equal(added.owner, "Dana Ortiz");
  assert.deepEqual(added.duration, { optimistic: 5, likely: 5, pessimistic: 5 }, "the form's default duration");
  assert.equal(added.status, "not_started");
  assert.ok(added.position, "a card added in Flow keeps the place where it was added");
  assert.deepEqual(without(plan.initiatives, [added.id]), start.initiatives, "the other initiatives are untouched");
  assert.deepEqual(plan.handoffs, start.handoffs);
  const n = added.id;
  assert.deepEqual((await ui.selection()).cards, [n], "the new card is selected");

  // -- 2. connect it to a nearby card: drag from its handle (the middle of its right side)
  scene = await waitFor(async () => {
    const s = await ui.scene([...ids, n]);
    return s.cards[n] ? s : undefined;
  }, "the new card on the map");
  const nr = scene.cards[n];
  assert.ok(inside(centre(nr), grow({ ...mid, width: 0, height: 0 }, 3)), `the new card is in the middle of the view: ${JSON.stringify(nr)} mid ${JSON.stringify(mid)} spot ${JSON.stringify(spot)}`);
  const handleOf = (r) => ({ x: r.x + r.width, y: r.y + r.height / 2 });
  const cards = pressable(scene, [n]).filter(({ r }) => !overlaps(grow(nr, 12), r) && !inside(handleOf(r), grow(nr, 12)));
  cards.sort((a, b) => Math.hypot(centre(a.r).x - centre(nr).x, centre(a.r).y - centre(nr).y) - Math.hypot(centre(b.r).x - centre(nr).x, centre(b.r).y - centre(nr).y));
  assert.ok(cards.length >= 4, `at least four cards to work with in view, got ${cards.length}`);
  const target = cards[0];
  await ui.drag(handleOf(nr), centre(target.r));
  const link = await savedWhen(file, (p) => p.handoffs.find((x) => x.from === n && x.to === target.id), `the handoff ${n} -> ${target.id} in the file`);
  plan = saved(file);
  assert.equal(link.kind, "FS");
  assert.equal(link.lag, 0);
  assert.equal(link.owner, "", "a new handoff has no owner yet");
  assert.equal(plan.handoffs.length, start.handoffs.length + 1, "exactly one handoff was added");
  await waitFor(async () => ((await ui.selection()).handoff === link.id ? true : undefined), "the new handoff to be selected");

  // -- 3. its owner and assumption in the handoff inspector (each sent as a patch)
  await ui.element(`[data-testid=inspector-handoff][data-id="${link.id}"]`);
  await ui.type("#handoff-owner", "Marta Kovacs");
  await ui.keys(KEY.enter);
  await savedWhen(file, (p) => (p.handoffs.find((x) => x.id === link.id)?.owner === "Marta Kovacs" ? true : undefined), "the handoff's owner in the file");
  const assumption = "Store ops signs the cash drawer count sheet before go-live";
  await ui.type("#handoff-assumption", assumption);
  await ui.keys(KEY.tab); // leaving the field sends it
  const inspected = await savedWhen(file, (p) => {
    const x = p.handoffs.find((h) => h.id === link.id);
    return x?.assumption === assumption ? p : undefined;
  }, "the handoff's assumption in the file");
  assert.deepEqual(byId(inspected.handoffs).get(link.id), { ...link, owner: "Marta Kovacs", assumption }, "only owner and assumption changed");
  assert.deepEqual(without(inspected.handoffs, [link.id]), start.handoffs);
  assert.deepEqual(inspected.initiatives, plan.initiatives);

  // -- 4. connecting the target back to the new card would close a cycle: refused, unchanged
  scene = await ui.scene([n, target.id]);
  await ui.drag(handleOf(scene.cards[target.id]), centre(scene.cards[n]));
  const banner = await waitFor(async () => {
    const shown = await ui.js("const b = document.getElementById('edit-error'); return b && !b.classList.contains('hidden') ? { code: b.dataset.code, text: b.textContent } : null");
    return shown ?? undefined;
  }, "the refusal in the error banner", SAVE_MS);
  assert.equal(banner.code, "cycle", `the banner tells a cycle: ${banner.text}`);
  assert.ok(banner.text.includes(n) && banner.text.includes(target.id), `the message names the cycle's initiatives: ${banner.text}`);
  await sleep(300); // anything saved by mistake would have landed by now
  assert.deepEqual(saved(file), inspected, "the refused edit changed nothing in the file");

  // -- 5. select three cards (click, shift-click, shift-click) and move them with one drag
  await ui.click("[data-testid=error-dismiss]");
  scene = await ui.scene([...ids, n]);
  const three = pressable(scene, [n, target.id]).filter(({ r }) => !overlaps(grow(scene.cards[n], 12), r) && clickable(scene, { ...r, x: r.x + 30, y: r.y + 40 }));
  assert.ok(three.length >= 3, `three cards to move, got ${three.length}`);
  const [a, b, c] = three.slice(0, 3);
  await ui.clickAt(centre(a.r));
  await ui.clickAt(centre(b.r), { shift: true });
  await ui.clickAt(centre(c.r), { shift: true });
  const chosen = [a.id, b.id, c.id].sort();
  await waitFor(async () => (JSON.stringify((await ui.selection()).cards.sort()) === JSON.stringify(chosen) ? true : undefined), "three cards selected");
  const delta = { x: 30, y: 40 };
  const from = centre(b.r);
  await ui.drag(from, { x: from.x + delta.x, y: from.y + delta.y });
  const moved = await savedWhen(file, (p) => {
    const m = byId(p.initiatives);
    return chosen.every((id) => m.get(id)?.position) ? p : undefined;
  }, "the three new positions in the file");
  assert.deepEqual(without(moved.initiatives, chosen), without(inspected.initiatives, chosen), "no other initiative moved");
  assert.deepEqual(moved.handoffs, inspected.handoffs);
  // the three kept their places relative to each other, and the map shows them moved by the drag
  const scale = a.r.width / 180; // a card is 180 layout units wide
  const pos = byId(moved.initiatives);
  for (const [p, q] of [[a, b], [b, c]]) {
    const dx = pos.get(q.id).position.x - pos.get(p.id).position.x;
    const dy = pos.get(q.id).position.y - pos.get(p.id).position.y;
    assert.ok(Math.abs(dx * scale - (q.r.x - p.r.x)) <= 1.5 && Math.abs(dy * scale - (q.r.y - p.r.y)) <= 1.5, `${p.id} and ${q.id} moved together`);
  }
  const after = await waitFor(async () => {
    const s = await ui.scene(chosen);
    return Math.abs(s.cards[a.id].x - a.r.x - delta.x) <= 2 ? s : undefined;
  }, "the map to show the moved cards");
  for (const { id, r } of [a, b, c]) {
    assert.ok(Math.abs(after.cards[id].x - r.x - delta.x) <= 2 && Math.abs(after.cards[id].y - r.y - delta.y) <= 2, `${id} moved by the drag on the map`);
  }

  // -- 6. undo one step (Ctrl+Z): the three go back together, the rest stays
  await ui.keys(KEY.control, "z");
  await savedWhen(file, (p) => (JSON.stringify(p) === JSON.stringify(inspected) ? true : undefined), "the move to be undone in the file");
  assert.deepEqual(saved(file), inspected, "one undo takes back the whole move, and only it");
  const status = await waitFor(async () => {
    const text = await ui.js("return document.getElementById('status-message')?.textContent ?? ''");
    return text?.startsWith("Undone") ? text : undefined;
  }, "the status bar to tell the undo", 5000);
  assert.match(status, /and 2 more/, `the undone step was the batch of three: ${status}`);
});
