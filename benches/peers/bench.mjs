// Bridger's layout against its two peers on the same graphs, in one run:
//   node bench.mjs path/to/bridger [sizes...]      (default sizes: 500 2000 5000)
// For the demo plan and generated rollouts of each size it prints, for Bridger (Flow), dot
// and ELK layered: the crossings (count.mjs, the same counter for all three) and the time.
// Bridger and dot are timed as whole processes (median of runs for the fast ones); ELK in
// process, after one warm-up run on the same graph. Every peer gets the same fixed-size
// boxes (180 x 60) and lays out left to right.

import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import ELK from "elkjs/lib/elk.bundled.js";
import { crossings, edgesOf } from "./count.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const bridger = resolve(process.argv[2] || "target/release/bridger");
const sizes = process.argv.length > 3 ? process.argv.slice(3).map(Number) : [500, 2000, 5000];
const work = join(here, "work");
mkdirSync(work, { recursive: true });
const W = 180, H = 60;
const DOT_TIMEOUT_S = Number(process.env.DOT_TIMEOUT_S || 900);

function seconds(t0) {
  return Number(process.hrtime.bigint() - t0) / 1e9;
}

/** Runs a command, returns [stdout, seconds]. */
function timed(cmd, args, timeoutS) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { encoding: "utf8", maxBuffer: 1 << 30, timeout: timeoutS ? timeoutS * 1000 : undefined });
  const s = seconds(t0);
  if (r.error && r.error.code === "ETIMEDOUT") return [null, s];
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed: ${r.stderr}`);
  return [r.stdout, s];
}

function median(v) {
  const s = [...v].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function runBridger(planFile) {
  const times = [];
  let out = null;
  for (let k = 0; k < 5; k++) {
    const [o, s] = timed(bridger, ["layout", planFile, "--json"]);
    out = o;
    times.push(s);
  }
  const l = JSON.parse(out);
  const centres = new Map(l.cards.map((c) => [c.id, [c.x + c.width / 2, c.y + c.height / 2]]));
  return { centres, time: median(times), own: l.crossings };
}

function runDot(plan, name) {
  const index = new Map(plan.initiatives.map((i, k) => [i.id, k]));
  const lines = [
    "digraph G {",
    "  graph [rankdir=LR];",
    // 180 x 60 points = 2.5 x 0.8333 inches, fixed, no label to size.
    `  node [shape=box, fixedsize=true, width=${W / 72}, height=${H / 72}, label=""];`,
  ];
  for (const i of plan.initiatives) lines.push(`  n${index.get(i.id)};`);
  for (const h of plan.handoffs) {
    if (index.has(h.from) && index.has(h.to) && h.from !== h.to) lines.push(`  n${index.get(h.from)} -> n${index.get(h.to)};`);
  }
  lines.push("}");
  const file = join(work, `${name}.dot`);
  writeFileSync(file, lines.join("\n") + "\n");
  const runs = [];
  let out = null;
  for (let k = 0; k < 3; k++) {
    const [o, s] = timed("dot", ["-Tplain", file], DOT_TIMEOUT_S);
    out = o;
    runs.push(s);
    if (o === null || s > 5) break; // slow runs are measured once
  }
  if (out === null) return { centres: null, time: runs[0] };
  const centres = new Map();
  for (const line of out.split("\n")) {
    const f = line.split(" ");
    if (f[0] === "node") centres.set(plan.initiatives[Number(f[1].slice(1))].id, [Number(f[2]), Number(f[3])]);
  }
  return { centres, time: median(runs) };
}

async function runElk(plan) {
  const ids = new Set(plan.initiatives.map((i) => i.id));
  const graph = () => ({
    id: "root",
    layoutOptions: { "elk.algorithm": "layered", "elk.direction": "RIGHT" },
    children: plan.initiatives.map((i) => ({ id: i.id, width: W, height: H })),
    edges: plan.handoffs
      .filter((h) => ids.has(h.from) && ids.has(h.to) && h.from !== h.to)
      .map((h) => ({ id: h.id, sources: [h.from], targets: [h.to] })),
  });
  const elk = new ELK();
  await elk.layout(graph()); // warm-up
  const g = graph();
  const t0 = process.hrtime.bigint();
  const out = await elk.layout(g);
  const time = seconds(t0);
  const centres = new Map(out.children.map((c) => [c.id, [c.x + c.width / 2, c.y + c.height / 2]]));
  return { centres, time };
}

function fmtTime(s) {
  return s >= 1 ? `${s.toFixed(2)} s` : `${(s * 1000).toFixed(1)} ms`;
}

const plans = [];
{
  const file = join(work, "demo.bridger");
  spawnSync("rm", ["-f", file, join(work, "demo.json")]);
  execFileSync(bridger, ["new", file, "--demo"]);
  execFileSync(bridger, ["export", file, "-o", join(work, "demo.json"), "--force"], { stdio: "ignore" });
  plans.push(["demo", join(work, "demo.json")]);
}
for (const n of sizes) {
  const file = join(work, `rollout-${n}.json`);
  execFileSync(bridger, ["layout", "--generated", String(n), "--export", file, "--force"], { stdio: "ignore" });
  plans.push([`rollout ${n}`, file]);
}

const rows = [];
const header = ["plan", "cards", "handoffs", "Bridger", "time", "dot", "time", "ELK", "time", "fewest crossings", "speed-up"];
console.log(header.join(" | "));
for (const [name, file] of plans) {
  const plan = JSON.parse(readFileSync(file, "utf8"));
  const edges = edgesOf(plan);
  const b = runBridger(file);
  const bc = crossings(b.centres, edges);
  if (bc !== b.own) console.error(`note: ${name}: Bridger says ${b.own} crossings, count.mjs ${bc}`);
  const d = runDot(plan, name.replace(" ", "-"));
  const dc = d.centres ? crossings(d.centres, edges) : null;
  const e = await runElk(plan);
  const ec = crossings(e.centres, edges);
  const best = Math.min(...[dc, ec].filter((x) => x !== null));
  const fastest = Math.min(d.time, e.time);
  const row = [
    name,
    plan.initiatives.length,
    edges.length,
    bc,
    fmtTime(b.time),
    dc === null ? `timeout` : dc,
    dc === null ? `> ${fmtTime(d.time)}` : fmtTime(d.time),
    ec,
    fmtTime(e.time),
    bc <= best ? "Bridger" : "peer",
    `${(fastest / b.time).toFixed(0)}x`,
  ];
  rows.push(row);
  console.log(row.join(" | "));
}
