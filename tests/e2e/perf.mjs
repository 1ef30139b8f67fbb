// Issue 13's speed measurements in the real window (release build, Xvfb, tauri-driver), on a
// generated plan of 5,000 initiatives: `make perf-ui`, or `node tests/e2e/perf.mjs
// [initiatives] [--plan FILE] [--json out.json]` after a release build (ROUNDS=n pan-and-zoom
// rounds of each kind, default 3; --plan measures a copy of an existing plan file instead of a
// generated one, such as the 1,000-site rollout of `BENCH_DIR=dir benches/rollout-scale.sh`). Not part of `make test`: numbers to read, not pass/fail (it exits 1 only
// when it cannot measure).
//  (a) first paint: from the request that spawns the app to the first frame of the map
//      (the UI's `bridger:map-drawn` performance mark, on the page's clock made absolute);
//      with what it waits for: view() through the IPC (and its JSON's size), the side panel
//      (nothing selected: the findings list), the core's layout in-process;
//  (b) a scripted pan and zoom (pointer and wheel events dispatched on the map canvas, so the
//      UI's own handlers move the view): the time each frame takes to draw (the map's own
//      measure, `__bridger.frameTimes`), p95; requestAnimationFrame intervals, p95, against a bare
//      Canvas2D drawing of the same boxes and lines (no culling, no text, one path per kind)
//      on a canvas of the same size over the map, in the same page and the same run, replaying
//      the viewports the map went through; rounds alternate map / bare;
//  (c) an edit: the likely duration of a critical initiative typed in its inspector; from the
//      Enter keydown to the end of the frame that draws the new view, split into the change
//      event, apply() + show() (core, IPC, JSON, the view rebuilt) and the frame.
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(fileURLToPath(import.meta.url), "../../..");
process.env.BRIDGER_APP ??= join(ROOT, "target/release/bridger-app");
const { launch, sleep, waitFor } = await import("./harness.mjs");
const BRIDGER = process.env.BRIDGER_CLI ?? join(ROOT, "target/release/bridger");

const args = process.argv.slice(2);
const jsonOut = args.includes("--json") ? args[args.indexOf("--json") + 1] : null;
const planArg = args.includes("--plan") ? resolve(args[args.indexOf("--plan") + 1]) : null;
const initiatives = Number(args.find((a) => /^\d+$/.test(a)) ?? 5000);
const ROUNDS = Number(process.env.ROUNDS ?? 3);
const FRAMES = 240; // per round: 60 pan, 60 zoom out, 60 pan, 60 zoom in

const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};
const median = (xs) => pct(xs, 50);
const ms = (x) => `${x.toFixed(1)} ms`;

const dir = mkdtempSync(join(tmpdir(), "bridger-perf-"));
const file = join(dir, planArg ? "plan.bridger" : `generated-${initiatives}.bridger`);
if (planArg) copyFileSync(planArg, file);
else execFileSync(BRIDGER, ["generate", file, "--initiatives", String(initiatives)], { stdio: "ignore" });
const load = () => execFileSync("uptime", { encoding: "utf8" }).trim().replace(/.*load average: /, "");
const result = { initiatives: planArg ?? initiatives, load_before: load() };
console.log(`plan: ${planArg ?? `${initiatives} initiatives`} (${file}); load average ${result.load_before}`);

async function main() {
  const app = await launch({ plan: file });
  const js = (script, ...a) => app.wd("POST", "/execute/sync", { script, args: a });
  try {
    // ---------------------------------------------------------------- (a) first paint
    const drawn = await waitFor(async () => {
      if ((await app.findAll("#error")).length > 0) throw Object.assign(new Error("the window shows an error"), { fatal: true });
      const m = await js("const m = performance.getEntriesByName('bridger:map-drawn')[0]; return m ? { at: performance.timeOrigin + m.startTime, page: m.startTime } : null");
      return m ?? undefined;
    }, "the first frame of the map", 120_000);
    result.first_paint_ms = drawn.at - app.launchedAt;
    result.first_paint_parts = await js("const at = (n) => { const m = performance.getEntriesByName(n)[0]; return m ? { start: m.startTime, duration: m.duration } : null; }; return { view: at('bridger:first-view'), show: at('bridger:first-show') }");
    result.first_paint_page_ms = drawn.page;
    console.log(`(a) first paint of the map: ${ms(result.first_paint_ms)} from launch (${ms(drawn.page)} of it after the page started loading; target < 3 s)`);
    const fp = result.first_paint_parts;
    if (fp.view && fp.show) console.log(`    of it, on the page's clock: the first view asked at ${ms(fp.view.start)}, received after ${ms(fp.view.duration)}; the window built in ${ms(fp.show.duration)}`);

    // the view the page draws, fetched again through the same IPC: its size and its time
    const ipc = await app.wd("POST", "/execute/async", {
      script: `const done = arguments[arguments.length - 1];
        (async () => {
          const times = [];
          let v;
          for (let k = 0; k < 3; k++) {
            const t = performance.now();
            v = await window.__TAURI_INTERNALS__.invoke("view", { arrangement: "flow" });
            times.push(performance.now() - t);
          }
          const text = JSON.stringify(v);
          const t = performance.now();
          JSON.parse(text);
          const parse = performance.now() - t;
          window.__perfLayout = { cards: v.layout.cards.map((c) => [c.id, c.x, c.y, c.width, c.height]), routes: v.layout.handoffs.map((r) => r.points.flat()) };
          // critical work drawn as its own card (not inside a collapsed wave or site): what a user edits on the map
          const grouped = new Set((v.layout.groups ?? []).map((g) => g.id));
          const drawn = new Set(v.layout.cards.map((c) => c.id).filter((id) => !grouped.has(id)));
          const critical = v.schedule.critical_path.filter((id) => drawn.has(id));
          done({ times, bytes: text.length, parse, cards: v.layout.cards.length, groups: (v.layout.groups ?? []).length, routes: v.layout.handoffs.length, critical: critical[Math.floor(critical.length / 2)] });
        })().catch((e) => done({ error: String(e && e.message || e) }));`,
      args: [],
    });
    if (ipc.error) throw new Error(`view(): ${ipc.error}`);
    // the first view: of a folded plan only what the folded map draws (the window holds that
    // part until something needs the whole plan); then the window asks again, so that it and
    // the core hold the same view (the calls above made the core hold the whole one)
    const firstIpc = await app.wd("POST", "/execute/async", {
      script: `const done = arguments[arguments.length - 1];
        (async () => {
          const t = performance.now();
          const v = await window.__TAURI_INTERNALS__.invoke("first_view", { arrangement: "flow" });
          const time = performance.now() - t;
          await window.__bridger.reload();
          done({ time, bytes: JSON.stringify(v).length, partial: !!v.partial, initiatives: v.plan.initiatives.length });
        })().catch((e) => done({ error: String(e && e.message || e) }));`,
      args: [],
    });
    if (firstIpc.error) throw new Error(`first_view(): ${firstIpc.error}`);
    result.first_view_ipc_ms = firstIpc.time;
    result.first_view_json_bytes = firstIpc.bytes;
    result.view_ipc_ms = ipc.times;
    result.view_json_bytes = ipc.bytes;
    result.view_json_parse_ms = ipc.parse;
    console.log(`    view() through the IPC: ${ipc.times.map(ms).join(", ")}; ${(ipc.bytes / 1e6).toFixed(1)} MB of JSON (JSON.parse alone ${ms(ipc.parse)}); ${ipc.cards} cards (${ipc.groups} of them collapsed waves or sites), ${ipc.routes} routes`);
    console.log(`    first_view() through the IPC: ${ms(firstIpc.time)}; ${(firstIpc.bytes / 1e6).toFixed(2)} MB of JSON, ${firstIpc.initiatives} initiatives${firstIpc.partial ? " (only what the folded map draws: what the window holds)" : " (the whole view)"}`);
    // what else the first paint waits for: the side panel as it opens (nothing selected: the
    // findings list), built and laid out again
    const panel = await app.wd("POST", "/execute/async", {
      script: `const done = arguments[arguments.length - 1];
        window.__bridger.selectCards([arguments[0]]);
        const t = performance.now();
        window.__bridger.selectCards([]);
        const built = performance.now() - t;
        document.querySelector('[data-testid=side-panel]').getBoundingClientRect();
        const laid = performance.now() - t;
        requestAnimationFrame(() => done({ built, laid, items: document.querySelectorAll('#findings li').length }));`,
      args: [ipc.critical],
    });
    result.findings_panel = panel;
    console.log(`    the side panel with nothing selected (${panel.items} findings listed): built in ${ms(panel.built)}, laid out after ${ms(panel.laid)}`);
    // the layout the window draws first: the core's default fold (by wave from 100 sites)
    const inProcess = execFileSync(BRIDGER, ["layout", file, "--measure", "--fold", "default"], { encoding: "utf8" }).trim();
    result.layout_measure = inProcess;
    console.log(`    in-process layout (bridger layout --measure): ${inProcess.replace(/\n/g, "; ")}`);

    // ---------------------------------------------------------------- (b) pan and zoom
    await js(PAGE_SETUP);
    result.rounds = [];
    // round 0 warms both up (the bare canvas's first frames are several times slower) and is
    // not counted
    for (let round = 0; round <= ROUNDS; round++) {
      for (const kind of ["map", "bare"]) {
        if (kind === "map") await js("window.__bridger.frameTimes()"); // the ring emptied: this run's frames only
        await js("window.__perf.start(arguments[0], arguments[1])", kind, FRAMES);
        const r = await waitFor(async () => (await js("return window.__perf.done ? window.__perf.result() : null")) ?? undefined, `the ${kind} run`, 120_000);
        // the map's own drawing time per frame (the renderer and the minimap), from the page
        const draw = kind === "map" ? await js("return window.__bridger.frameTimes()") : r.draw;
        const intervals = r.intervals.slice(2); // the first frames of a run start from idle
        const entry = { round, kind, p50: median(intervals), p95: pct(intervals, 95), max: Math.max(...intervals), frames: intervals.length, drawMs: draw && draw.length > 0 ? { p50: median(draw), p95: pct(draw, 95) } : null, draws: draw ?? [], intervals };
        if (round > 0) result.rounds.push(entry);
        console.log(`(b) round ${round}${round === 0 ? " (warm-up)" : ""} ${kind.padEnd(4)}: frame p50 ${ms(entry.p50)}, p95 ${ms(entry.p95)}, max ${ms(entry.max)} over ${entry.frames} frames${entry.drawMs ? ` (${kind} draw alone p50 ${ms(entry.drawMs.p50)}, p95 ${ms(entry.drawMs.p95)})` : ""}`);
        await sleep(300);
      }
    }
    // every frame of a kind pooled over the rounds; a round-by-round ratio shows the noise
    const pooled = (kind) => result.rounds.filter((r) => r.kind === kind).flatMap((r) => r.intervals);
    const p95Map = pct(pooled("map"), 95);
    const p95Bare = pct(pooled("bare"), 95);
    result.p95_map_ms = p95Map;
    result.p95_bare_ms = p95Bare;
    result.p95_ratio = p95Map / p95Bare;
    const byRound = result.rounds.filter((r) => r.kind === "map").map((m) => (m.p95 / result.rounds.find((b) => b.kind === "bare" && b.round === m.round).p95).toFixed(2));
    console.log(`(b) p95 frame over all rounds: map ${ms(p95Map)}, bare ${ms(p95Bare)}: ratio ${result.p95_ratio.toFixed(2)} (target <= 1.25; round by round ${byRound.join(", ")})`);
    // the drawing work itself (issue 28's measure: not the interval between animation frames)
    const draws = (kind) => result.rounds.filter((r) => r.kind === kind).flatMap((r) => r.draws);
    result.p95_draw_map_ms = pct(draws("map"), 95);
    result.p95_draw_bare_ms = pct(draws("bare"), 95);
    console.log(`(b) p95 time to draw one frame over all rounds: map ${ms(result.p95_draw_map_ms)} (target < 8 ms), bare ${ms(result.p95_draw_bare_ms)}; ${ipc.cards} cards`);

    // ---------------------------------------------------------------- (c) edit -> new dates drawn
    const id = ipc.critical;
    await js("window.__bridger.selectCards([arguments[0]]); window.__bridger.centreOn(arguments[0])", id);
    await waitFor(async () => ((await app.findAll(`[data-testid=inspector-initiative][data-id="${id}"]`)).length > 0 ? true : undefined), "the inspector of the critical initiative");
    await js(EDIT_SETUP);
    result.edits = [];
    // the generated estimates are all equal (optimistic = likely = pessimistic); a longer
  // pessimistic first (not measured) leaves room for a longer likely
  const before = await js("return +document.getElementById('initiative-duration-likely').value");
  const typeInto = async (css, text) => {
    const [input] = await app.findAll(css);
    await app.wd("POST", `/element/${input}/clear`, {});
    await app.wd("POST", `/element/${input}/value`, { text });
  };
  await typeInto("#initiative-duration-pessimistic", `${before + 100}\uE007`);
  await waitFor(async () => ((await js("return document.getElementById('initiative-duration-pessimistic').value")) === String(before + 100) && !(await js("return window.__edit.refused()")) ? true : undefined), "the longer pessimistic estimate", 60_000);
  await sleep(600);
  for (let k = 1; k <= 5; k++) {
    const value = before + 3 * k;
    await js("window.__edit.reset(arguments[0])", value);
    await typeInto("#initiative-duration-likely", `${value}\uE007`);
    const e = await waitFor(async () => {
      const refused = await js("return window.__edit.refused()");
      if (refused) throw Object.assign(new Error(`the edit was refused: ${refused}`), { fatal: true });
      return (await js("const e = window.__edit; return e.frame ? { key: e.key, change: e.change, shown: e.shown, frame: e.frame, finish: e.finish, was: e.was } : null")) ?? undefined;
    }, "the frame with the new view", 60_000);
    const total = e.frame - e.key;
    const parts = { to_change: e.change - e.key, apply_and_show: e.shown - e.change, to_frame_end: e.frame - e.shown };
    // the UI's own measures of the last edit: the call (core + IPC + delta merged), the
    // window rebuilt (of it: the map's model, the side panel)
    const inside = await js("const last = (n) => performance.getEntriesByName(n).at(-1)?.duration ?? null; return { call: last('bridger:call'), show: last('bridger:show'), model: last('bridger:show-model'), side: last('bridger:show-side') }");
    result.edits.push({ value, total, ...parts, inside, finish: e.finish, was: e.was });
    console.log(`(c) edit ${k} (likely = ${value}): ${ms(total)} from the keypress to the frame drawn [change event ${ms(parts.to_change)}, apply() + show() ${ms(parts.apply_and_show)} (the call ${ms(inside.call ?? NaN)}, show ${ms(inside.show ?? NaN)}: map model ${ms(inside.model ?? NaN)}, side panel ${ms(inside.side ?? NaN)}), the frame ${ms(parts.to_frame_end)}]; finish ${e.was} -> ${e.finish}`);
    if (e.finish === e.was) console.log("    (the finish date did not change)");
    await sleep(600); // the 500 ms poll of changed() settles
  }
  result.edit_median_ms = median(result.edits.map((e) => e.total));
    result.edit_max_ms = Math.max(...result.edits.map((e) => e.total));
    console.log(`(c) edit to new dates: median ${ms(result.edit_median_ms)}, max ${ms(result.edit_max_ms)} (target < 100 ms)`);
    result.load_after = load();
    console.log(`load average after: ${result.load_after}`);
    if (jsonOut) writeFileSync(jsonOut, JSON.stringify(result, null, 2));
  } finally {
    await app.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

// The page side of (b): one requestAnimationFrame loop for both kinds of run. A map run
// dispatches the next gesture event after each frame (the map draws it in the next frame) and
// records the viewport each frame showed (from a card's rectangle); a bare run draws those
// viewports on a plain canvas over the map, in the same loop.
const PAGE_SETUP = `
  const map = document.querySelector('[data-testid=map-canvas]');
  const L = window.__perfLayout;
  const ref = L.cards[0];
  const bare = document.createElement('canvas');
  bare.className = 'perf-bare';
  bare.style.position = 'fixed';
  bare.style.display = 'none';
  bare.style.zIndex = '50';
  document.body.append(bare);
  const ctx = bare.getContext('2d');
  const P = window.__perf = { done: true };
  let intervals, draws, views, frame, last, kind, frames, downAt;
  const ev = (type, init) => map.dispatchEvent(type === 'wheel' ? new WheelEvent('wheel', { bubbles: true, cancelable: true, ...init }) : new PointerEvent(type, { bubbles: true, cancelable: true, pointerId: 7, pointerType: 'mouse', ...init }));
  // frame i's gesture: 0-59 pan, 60-119 zoom out, 120-179 pan back, 180-239 zoom in
  const gesture = (i) => {
    const r = map.getBoundingClientRect();
    const cx = r.left + r.width / 2, cy = r.top + r.height / 2;
    const phase = Math.floor(i / 60) % 4, step = i % 60;
    if (phase === 0 || phase === 2) {
      const sign = phase === 0 ? -1 : 1;
      if (step === 0) { downAt = [cx, cy]; ev('pointerdown', { button: 1, buttons: 4, clientX: cx, clientY: cy }); }
      downAt = [downAt[0] + sign * 12, downAt[1] + sign * 5];
      ev('pointermove', { button: -1, buttons: 4, clientX: downAt[0], clientY: downAt[1] });
      if (step === 59) ev('pointerup', { button: 1, buttons: 0, clientX: downAt[0], clientY: downAt[1] });
    } else {
      ev('wheel', { deltaY: phase === 1 ? 40 : -40, deltaMode: 0, clientX: cx, clientY: cy });
    }
  };
  const drawBare = (v) => {
    const dpr = window.devicePixelRatio || 1;
    const [s, vx, vy] = v;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.fillStyle = '#f4f6f9';
    ctx.fillRect(0, 0, bare.width, bare.height);
    ctx.setTransform(s * dpr, 0, 0, s * dpr, -vx * s * dpr, -vy * s * dpr);
    ctx.lineWidth = 1.2 / s;
    ctx.strokeStyle = '#8893a5';
    ctx.beginPath();
    for (const p of L.routes) { ctx.moveTo(p[0], p[1]); for (let k = 2; k < p.length; k += 2) ctx.lineTo(p[k], p[k + 1]); }
    ctx.stroke();
    ctx.beginPath();
    for (const c of L.cards) ctx.rect(c[1], c[2], c[3], c[4]);
    ctx.fillStyle = '#ffffff';
    ctx.fill();
    ctx.strokeStyle = '#4a5568';
    ctx.stroke();
  };
  // the map's viewport now: scale and world top-left, from the reference card's rectangle
  const viewNow = () => {
    const r = window.__bridger.cardScreenRect(ref[0]);
    const c = map.getBoundingClientRect();
    const s = r.width / ref[3];
    return [s, ref[1] - (r.x - c.left) / s, ref[2] - (r.y - c.top) / s];
  };
  const tick = (now) => {
    if (last !== undefined) intervals.push(now - last);
    last = now;
    if (kind === 'map') {
      views.push(viewNow());
      if (frame < frames) gesture(frame);
    } else if (frame < views.length) {
      const t = performance.now();
      drawBare(views[frame]);
      draws.push(performance.now() - t);
    }
    frame++;
    if (frame <= frames) requestAnimationFrame(tick);
    else finish();
  };
  const finish = () => {
    if (kind === 'bare') bare.style.display = 'none';
    P.done = true;
  };
  let recorded = [];
  P.start = (k, n) => {
    kind = k; frames = n; frame = 0; last = undefined; intervals = []; draws = []; P.done = false;
    if (k === 'map') { views = []; recorded = views; }
    else {
      views = recorded;
      const r = map.getBoundingClientRect(), dpr = window.devicePixelRatio || 1;
      bare.style.left = r.left + 'px'; bare.style.top = r.top + 'px';
      bare.style.width = r.width + 'px'; bare.style.height = r.height + 'px';
      bare.width = Math.round(r.width * dpr); bare.height = Math.round(r.height * dpr);
      bare.style.display = 'block';
    }
    requestAnimationFrame(tick);
  };
  P.result = () => ({ intervals, draw: kind === 'bare' ? draws : null });
`;

// The page side of (c): the Enter keydown in the duration field, its change event (the patch
// goes to the call queue), the inspector drawn again by show() with the saved value, and the
// end of the frame that drew the new view (a requestAnimationFrame callback queued after
// show()'s redraw runs after the map's draw in the same frame).
const EDIT_SETUP = `
  const field = () => document.getElementById('initiative-duration-likely');
  const finishText = () => document.querySelector('[data-testid=initiative-schedule] dd:nth-of-type(2)')?.textContent ?? null;
  const E = window.__edit = {
    reset(expected) {
      for (const k of ['key', 'change', 'shown', 'frame', 'finish']) delete E[k];
      E.expected = String(expected);
      E.was = finishText();
      E.old = field();
    },
    refused: () => { const b = document.getElementById('edit-error'); return b && !b.classList.contains('hidden') ? b.textContent : null; },
  };
  const now = () => performance.now();
  window.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && e.target === field() && E.key === undefined) E.key = now();
  }, true);
  window.addEventListener('change', (e) => {
    if (e.target === field() && E.key !== undefined && E.change === undefined) E.change = now();
  }, true);
  new MutationObserver(() => {
    const f = field();
    if (E.change === undefined || E.shown !== undefined || !f || f === E.old || f.value !== E.expected) return;
    E.shown = now();
    requestAnimationFrame(() => { E.frame = now(); E.finish = finishText(); });
  }).observe(document.querySelector('[data-testid=side-panel]'), { childList: true });
`;

await main();
