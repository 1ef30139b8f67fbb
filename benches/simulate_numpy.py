#!/usr/bin/env python3
"""The NumPy peer of `bridger simulate`: what an analyst would write instead.

Reads a plan in Bridger's JSON format (docs/plan-format.md) and runs the same Monte Carlo:
triangular durations from the three-point estimates (done work keeps its likely duration,
work in progress samples only what is left), open and mitigating risks fired with their
probability (adding a triangular impact to each initiative they hit), and the forward pass
of CPM with every handoff kind (FS/SS/FF/SF and lags, each a rule between two starts,
docs/scheduling.md) and start-no-earlier-than, vectorised over iterations in chunks. Then
P10..P90 of the plan's finish (nearest rank, as Bridger), the mean, and the criticality of
initiatives and handoffs (a backward walk over the handoffs that drive, ties included).

Two forward passes, both vectorised over the iterations of a chunk:
  node   one initiative at a time in topological order (the usual way to write it)
  level  every initiative of one topological level at once (fewer, larger NumPy calls)

Standalone:   simulate_numpy.py PLAN.json [--iterations N] [--by node|level] [--json]
Benchmark:    simulate_numpy.py --bridger target/release/bridger [--initiatives 10000]
  writes the generated plan (`bridger simulate --generated N --export plan.json`), times
  `bridger simulate plan.json` (whole process, several runs: min and median) and this peer on
  the same file, prints both times, the ratios and whether the two agree (P50, P80, mean,
  criticality). Exit status 1 when they disagree.
"""

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time

import numpy as np

DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]


class Model:
    """A plan as arrays, initiatives in topological order."""

    def __init__(self, plan):
        inits = plan["initiatives"]
        n = len(inits)
        index = {x["id"]: k for k, x in enumerate(inits)}
        cal = plan.get("calendar") or {}
        worked = cal.get("working_days", DAYS[:5])
        self.weekmask = "".join("1" if d in worked else "0" for d in DAYS)
        self.holidays = np.array(cal.get("holidays", []), dtype="datetime64[D]")
        day0 = np.busday_offset(np.datetime64(plan["start"]), 0, roll="forward", weekmask=self.weekmask, holidays=self.holidays)

        # Kahn's order and levels.
        gives = [[] for _ in range(n)]
        waiting = np.zeros(n, dtype=np.int64)
        links = []  # (giver, receiver, from_finish, fin, lag, handoff position)
        for h, x in enumerate(plan.get("handoffs", [])):
            a, b = index[x["from"]], index[x["to"]]
            kind = x.get("kind", "FS")
            links.append((a, b, kind in ("FS", "FF"), kind in ("FF", "SF"), x.get("lag", 0), h))
            gives[a].append(b)
            waiting[b] += 1
        level = np.zeros(n, dtype=np.int64)
        order = [v for v in range(n) if waiting[v] == 0]
        k = 0
        while k < len(order):
            v = order[k]
            k += 1
            for w in gives[v]:
                level[w] = max(level[w], level[v] + 1)
                waiting[w] -= 1
                if waiting[w] == 0:
                    order.append(w)
        if len(order) < n:
            raise SystemExit("the plan has a cycle")
        # Position = topological position, sorted by level so a level is a contiguous range.
        order = np.array(sorted(range(n), key=lambda v: level[v]), dtype=np.int64)
        topo = np.empty(n, dtype=np.int64)
        topo[order] = np.arange(n)
        self.ids = [inits[v]["id"] for v in order]
        self.handoff_ids = [x["id"] for x in plan.get("handoffs", [])]
        self.n = n
        lvl = level[order]
        self.level_start = np.flatnonzero(np.r_[True, lvl[1:] != lvl[:-1], True]) if n else np.array([0])

        lo, mode, hi, likely, rest, base = (np.zeros(n) for _ in range(6))
        for v, x in enumerate(inits):
            e = x["duration"]
            a, c, b = max(e["optimistic"], 0), e["likely"], max(e["pessimistic"], 0)
            a, b = min(a, b), max(a, b)
            p = topo[v]
            lo[p], mode[p], hi[p], likely[p] = a, min(max(c, a), b), b, c
            rest[p] = 0.0 if x.get("status") == "done" else min(max(1.0 - x.get("progress", 0.0), 0.0), 1.0)
            if x.get("start_no_earlier_than"):
                d = np.busday_offset(np.datetime64(x["start_no_earlier_than"]), 0, roll="forward", weekmask=self.weekmask, holidays=self.holidays)
                base[p] = max(int(np.busday_count(day0, d, weekmask=self.weekmask, holidays=self.holidays)), 0)
        self.tri = triangle(lo, mode, hi)
        self.likely, self.rest, self.base = likely, rest, base
        self.partial = np.flatnonzero(rest < 1.0)

        # Links by receiver, in topological positions: the giver's row in T (2u: start,
        # 2u + 1: finish), the lag, 1.0 when the rule ties the receiver's finish.
        links.sort(key=lambda l: (topo[l[1]], l[5]))
        self.dst = np.array([topo[l[1]] for l in links], dtype=np.int64)
        self.src_row = np.array([2 * topo[l[0]] + int(l[2]) for l in links], dtype=np.int64)
        self.src = self.src_row // 2
        self.fin = np.array([float(l[3]) for l in links])
        self.lag = np.array([float(l[4]) for l in links])
        self.link_handoff = np.array([l[5] for l in links], dtype=np.int64)
        self.pred_start = np.searchsorted(self.dst, np.arange(n + 1)) if n else np.array([0])

        # Risks that can fire: not closed, with a schedule impact, hitting undone work.
        done = {x["id"] for x in inits if x.get("status") == "done"}
        prob, rlo, rmode, rhi, hits, owner = [], [], [], [], [], []
        for x in plan.get("risks", []):
            e = x.get("schedule_impact")
            targets = sorted({topo[index[i]] for i in x.get("initiatives", []) if i not in done})
            if x.get("status") == "closed" or e is None or not targets:
                continue
            a, c, b = e["optimistic"], e["likely"], e["pessimistic"]
            a, b = min(a, b), max(a, b)
            r = len(prob)
            prob.append(min(max(x["probability"], 0.0), 1.0))
            rlo.append(a)
            rmode.append(min(max(c, a), b))
            rhi.append(b)
            hits += targets
            owner += [r] * len(targets)
        self.risk_p = np.array(prob)
        self.risk_tri = triangle(np.array(rlo, dtype=float), np.array(rmode, dtype=float), np.array(rhi, dtype=float))
        self.hit_node = np.array(hits, dtype=np.int64)
        self.hit_risk = np.array(owner, dtype=np.int64)
        self.hits_unique = len(set(hits)) == len(hits)

        # Per level, the links into it padded to a rectangle (level size x most links into
        # one of its initiatives); padding reads the row 2n of T, which holds -inf.
        self.levels = []
        for k in range(len(self.level_start) - 1):
            v0, v1 = self.level_start[k], self.level_start[k + 1]
            deg = np.diff(self.pred_start[v0:v1 + 1])
            width = int(deg.max(initial=0))
            rows = np.full((v1 - v0, width), 2 * n, dtype=np.int64)
            lags, fins = np.zeros((v1 - v0, width)), np.zeros((v1 - v0, width))
            for j in range(v1 - v0):
                a, b = self.pred_start[v0 + j], self.pred_start[v0 + j + 1]
                rows[j, : b - a], lags[j, : b - a], fins[j, : b - a] = self.src_row[a:b], self.lag[a:b], self.fin[a:b]
            srcs = self.src[self.pred_start[v0]:self.pred_start[v1]]
            self.levels.append((v0, v1, rows, lags[:, :, None], fins[:, :, None], len(np.unique(srcs)) == len(srcs)))


def triangle(lo, mode, hi):
    """Rows for Generator.triangular, which refuses lo == hi: such a row draws from
    (lo, lo, lo + 1) and is then set to lo."""
    flat = hi <= lo
    return lo[:, None], mode[:, None], np.where(flat, lo + 1.0, hi)[:, None], np.flatnonzero(flat)


def sample(rng, tri, chunk):
    lo, mode, hi, flat = tri
    x = rng.triangular(lo, mode, hi, size=(len(lo), chunk))
    x[flat] = lo[flat]
    return x


def durations(m, rng, chunk):
    d = sample(rng, m.tri, chunk)
    part = m.partial
    if len(part):
        like = m.likely[part, None]
        d[part] = like + m.rest[part, None] * (d[part] - like)
    if len(m.risk_p):
        fires = rng.random((len(m.risk_p), chunk)) < m.risk_p[:, None]
        impact = sample(rng, m.risk_tri, chunk)
        impact[~fires] = 0.0
        if m.hits_unique:
            d[m.hit_node] += impact[m.hit_risk]
        else:
            np.add.at(d, m.hit_node, impact[m.hit_risk])
    return d


def forward_by_node(m, d, t):
    """t[2v], t[2v + 1]: start and finish of v in each iteration of the chunk."""
    for v in range(m.n):
        a, b = m.pred_start[v], m.pred_start[v + 1]
        if a == b:
            s = np.full(d.shape[1], m.base[v])
        else:
            cand = t[m.src_row[a:b]] + m.lag[a:b, None] - m.fin[a:b, None] * d[v]
            s = np.maximum(cand.max(axis=0), m.base[v])
        t[2 * v] = s
        t[2 * v + 1] = s + d[v]


def forward_by_level(m, d, t):
    for v0, v1, rows, lags, fins, _ in m.levels:
        if rows.shape[1]:
            s = (t[rows] + lags - fins * d[v0:v1, None, :]).max(axis=1)
            np.maximum(s, m.base[v0:v1, None], out=s)
        else:
            s = np.repeat(m.base[v0:v1, None], d.shape[1], axis=1)
        t[2 * v0:2 * v1:2] = s
        t[2 * v0 + 1:2 * v1:2] = s + d[v0:v1]


def criticality(m, d, t, finish, node_count, handoff_count, groups, unique):
    """Counts the initiatives on the driving path to each iteration's finish and the handoffs
    that drive along it, walking the groups (levels, or single initiatives) backwards."""
    mark = t[1:2 * m.n:2] == finish[None, :]
    starts = t[0:2 * m.n:2]
    for k in range(len(groups) - 2, -1, -1):
        v0, v1 = groups[k], groups[k + 1]
        node_count[v0:v1] += mark[v0:v1].sum(axis=1)
        a, b = m.pred_start[v0], m.pred_start[v1]
        if a == b:
            continue
        dst = m.dst[a:b]
        live = mark[dst]
        cand = t[m.src_row[a:b]] + m.lag[a:b, None] - m.fin[a:b, None] * d[dst]
        drives = live & (cand == starts[dst])
        handoff_count[m.link_handoff[a:b]] += drives.sum(axis=1)
        if unique[k]:
            mark[m.src[a:b]] |= drives
        else:
            np.logical_or.at(mark, m.src[a:b], drives)


def simulate(m, iterations, seed, by, chunk):
    rng = np.random.default_rng(seed)
    finish = np.empty(iterations)
    node_count = np.zeros(m.n, dtype=np.int64)
    handoff_count = np.zeros(len(m.handoff_ids), dtype=np.int64)
    forward = forward_by_node if by == "node" else forward_by_level
    # One initiative's handoffs come from distinct givers; a level's may share one.
    groups, unique = (np.arange(m.n + 1), [True] * m.n) if by == "node" else (m.level_start, [x[5] for x in m.levels])
    for i0 in range(0, iterations, chunk):
        c = min(chunk, iterations - i0)
        d = durations(m, rng, c)
        t = np.empty((2 * m.n + 1, c))
        t[2 * m.n] = -np.inf
        forward(m, d, t)
        f = np.where(d > 0, t[1:2 * m.n:2], t[0:2 * m.n:2]).max(axis=0)
        finish[i0:i0 + c] = np.maximum(f, 0.0)
        criticality(m, d, t, finish[i0:i0 + c], node_count, handoff_count, groups, unique)
    return finish, node_count, handoff_count


def nearest_rank(sorted_values, percent):
    n = len(sorted_values)
    k = min(max(-(-n * percent // 100), 1), n)
    return float(sorted_values[k - 1])


def results(m, finish, node_count, handoff_count):
    s = np.sort(finish)
    n = len(finish)
    crit = dict(zip(m.ids, (node_count / n).tolist()))
    handoffs = dict(zip(m.handoff_ids, (handoff_count / n).tolist()))
    return {
        "iterations": n,
        "percentiles": {p: nearest_rank(s, p) for p in range(10, 100, 10)},
        "p50_days": nearest_rank(s, 50),
        "p80_days": nearest_rank(s, 80),
        "mean_days": float(finish.mean()),
        "criticality": crit,
        "handoff_criticality": handoffs,
    }


def run_peer(path, iterations, seed, by, chunk):
    t0 = time.perf_counter()
    with open(path) as f:
        m = Model(json.load(f))
    t1 = time.perf_counter()
    out = results(m, *simulate(m, iterations, seed, by, chunk))
    t2 = time.perf_counter()
    out["load_seconds"], out["simulate_seconds"] = t1 - t0, t2 - t1
    return out


def bench(args):
    work = os.path.join("target", "bench-simulate")
    os.makedirs(work, exist_ok=True)
    plan = os.path.join(work, f"plan-{args.initiatives}.json")
    subprocess.run([args.bridger, "simulate", "--generated", str(args.initiatives), "--export", plan, "--force"], check=True)
    n, it = args.initiatives, args.iterations
    print(f"plan: {plan} ({n} initiatives, 500 risks); {it} iterations, {os.cpu_count()} cores; load average {os.getloadavg()[0]:.2f}")

    def bridger(drivers, iterations=it):
        cmd = [args.bridger, "simulate", plan, "--iterations", str(iterations), "--seed", str(args.seed), "--drivers", str(drivers), "--json"]
        cpu = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        out = subprocess.run(cmd, check=True, capture_output=True).stdout
        wall = time.perf_counter() - t0
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        return wall, after.ru_utime + after.ru_stime - cpu.ru_utime - cpu.ru_stime, json.loads(out)

    def timed(drivers, iterations=it):
        runs = [bridger(drivers, iterations) for _ in range(args.runs)]
        times = sorted(r[0] for r in runs)
        return times[0], statistics.median(times), min(r[1] for r in runs), runs[0][2]

    fixed, _, _, _ = timed(0, 1)
    bmin, bmed, bcpu, bj = timed(0)
    dmin, dmed, dcpu, _ = timed(args.drivers)
    # On a machine shared with other work, the CPU time (all threads) says what wall time
    # an idle machine would show, about CPU / cores.
    print(f"bridger simulate (whole process: read the JSON plan, simulate, print JSON), {args.runs} runs:")
    print(f"  finish distribution + criticality   min {bmin:6.3f} s  median {bmed:6.3f} s  CPU {bcpu:6.3f} s   (target < 0.5 s)")
    print(f"  the same + risk drivers for {args.drivers:<3}     min {dmin:6.3f} s  median {dmed:6.3f} s  CPU {dcpu:6.3f} s   (target < 3 s)")
    print(f"  of which reading the plan and printing (a 1-iteration run)  {fixed:6.3f} s")

    peers = {}
    for by in args.by:
        r = run_peer(plan, it, args.seed, by, args.chunk)
        peers[by] = r
        print(f"NumPy {np.__version__}, forward pass by {by:<5} (chunks of {args.chunk}): simulate {r['simulate_seconds']:6.3f} s"
              f" (+ {r['load_seconds']:.3f} s to read the plan)   bridger is {r['simulate_seconds'] / bmin:5.1f}x faster"
              f" (median {r['simulate_seconds'] / bmed:.1f}x)")

    ok = True
    print("agreement (bridger vs NumPy, independent random numbers):")
    for by, r in peers.items():
        # Independent random numbers: the two differ by sampling noise, a small share of the
        # spread (the standard error of a percentile of 10,000 draws is about 1-2% of P90 - P10).
        spread = r["percentiles"][90] - r["percentiles"][10]
        for key in ("p50_days", "p80_days", "mean_days"):
            a, b = bj[key], r[key]
            good = abs(a - b) <= args.tolerance * spread
            ok &= good
            print(f"  {by:<5} {key:<10} bridger {a:9.2f}  numpy {b:9.2f}  diff {a - b:+7.2f} days  {'ok' if good else 'DISAGREE'}"
                  f" (tolerance {args.tolerance:.0%} of P90 - P10 = {args.tolerance * spread:.2f} days)")
        for key in ("criticality", "handoff_criticality"):
            diffs = np.array([abs(bj[key][k] - r[key][k]) for k in r[key]])
            good = diffs.max(initial=0.0) <= args.share_tolerance
            ok &= good
            print(f"  {by:<5} {key:<20} largest difference {diffs.max(initial=0.0):.4f}, mean {diffs.mean() if len(diffs) else 0.0:.5f}"
                  f"  {'ok' if good else 'DISAGREE'} (tolerance {args.share_tolerance})")
    return 0 if ok else 1


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("plan", nargs="?", help="a plan in Bridger's JSON format")
    ap.add_argument("--bridger", help="the bridger binary: run the benchmark against it")
    ap.add_argument("--initiatives", type=int, default=10_000)
    ap.add_argument("--iterations", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--drivers", type=int, default=20)
    ap.add_argument("--runs", type=int, default=5, help="runs of bridger (min and median)")
    ap.add_argument("--by", nargs="+", choices=["node", "level"], default=None)
    ap.add_argument("--chunk", type=int, default=1000, help="iterations per NumPy chunk")
    ap.add_argument("--tolerance", type=float, default=0.05, help="share of P90 - P10, for P50, P80 and the mean")
    ap.add_argument("--share-tolerance", type=float, default=0.05, help="absolute, for criticality shares")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    if args.bridger:
        args.by = args.by or ["node", "level"]
        sys.exit(bench(args))
    if not args.plan:
        ap.error("name a plan file, or --bridger BINARY for the benchmark")
    r = run_peer(args.plan, args.iterations, args.seed, (args.by or ["level"])[0], args.chunk)
    if args.json:
        print(json.dumps(r))
    else:
        print(f"P50 {r['p50_days']:.2f}  P80 {r['p80_days']:.2f}  mean {r['mean_days']:.2f} working days;"
              f" simulate {r['simulate_seconds']:.3f} s, read {r['load_seconds']:.3f} s")


if __name__ == "__main__":
    main()
