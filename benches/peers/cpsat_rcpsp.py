#!/usr/bin/env python3
"""The CP-SAT peer of `bridger psplib bench`: the same PSPLIB instances solved by Google
OR-Tools CP-SAT with the standard model (one interval per job, one cumulative per resource,
precedence as start >= end), 2 workers, the same time limit per instance.

    cpsat_rcpsp.py bench DIR [--time-limit-ms N] [--reference FILE] [--every K] [--offset K] [--json]
    cpsat_rcpsp.py table OURS.json PEER.json [...]   (print summaries side by side)

Time to best is when the solution callback saw the final makespan's first solution.
Every schedule is checked for precedence and capacity before it is counted.
"""

import argparse
import json
import os
import re
import sys
import time


def read_sm(path):
    lines = open(path).read().splitlines()

    def rows(header):
        k = next(i for i, l in enumerate(lines) if l.startswith(header)) + 1
        out = []
        for l in lines[k:]:
            if l.startswith("*"):
                break
            t = l.split()
            if t and all(re.fullmatch(r"-?\d+", x) for x in t):
                out.append([int(x) for x in t])
        return out

    prec = rows("PRECEDENCE RELATIONS:")
    req = rows("REQUESTS/DURATIONS:")
    cap = rows("RESOURCEAVAILABILITIES:")[0]
    dur = [r[2] for r in req]
    dem = [r[3:3 + len(cap)] for r in req]
    succ = [[s - 1 for s in r[3:]] for r in prec]
    return dur, succ, dem, cap


def feasible(dur, succ, dem, cap, start):
    for j, ss in enumerate(succ):
        for s in ss:
            if start[s] < start[j] + dur[j]:
                return False
    end = max(s + d for s, d in zip(start, dur))
    for r, c in enumerate(cap):
        load = [0] * (end + 1)
        for j in range(len(dur)):
            for t in range(start[j], start[j] + dur[j]):
                load[t] += dem[j][r]
        if max(load) > c:
            return False
    return True


def solve(path, time_limit_s, workers=2):
    from ortools.sat.python import cp_model

    dur, succ, dem, cap = read_sm(path)
    n = len(dur)
    horizon = sum(dur)
    m = cp_model.CpModel()
    s = [m.NewIntVar(0, horizon, f"s{j}") for j in range(n)]
    e = [m.NewIntVar(0, horizon, f"e{j}") for j in range(n)]
    iv = [m.NewIntervalVar(s[j], dur[j], e[j], f"i{j}") for j in range(n)]
    for j in range(n):
        for k in succ[j]:
            m.Add(s[k] >= e[j])
    for r, c in enumerate(cap):
        jobs = [j for j in range(n) if dem[j][r] > 0 and dur[j] > 0]
        m.AddCumulative([iv[j] for j in jobs], [dem[j][r] for j in jobs], c)
    makespan = m.NewIntVar(0, horizon, "makespan")
    m.AddMaxEquality(makespan, e)
    m.Minimize(makespan)

    class Watch(cp_model.CpSolverSolutionCallback):
        def __init__(self):
            super().__init__()
            self.t0 = time.perf_counter()
            self.best = None
            self.at = 0.0

        def on_solution_callback(self):
            v = self.Value(makespan)
            if self.best is None or v < self.best:
                self.best = v
                self.at = time.perf_counter() - self.t0

    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = time_limit_s
    solver.parameters.num_workers = workers
    w = Watch()
    t0 = time.perf_counter()
    status = solver.Solve(m, w)
    took = time.perf_counter() - t0
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None, took, w.at, False
    start = [solver.Value(x) for x in s]
    if not feasible(dur, succ, dem, cap, start):
        raise SystemExit(f"{path}: CP-SAT returned an infeasible schedule")
    return solver.Value(makespan), took, w.at, status == cp_model.OPTIMAL


def references(path):
    out = {}
    for l in open(path):
        t = l.split()[:3]
        if len(t) == 3 and all(re.fullmatch(r"\d+", x) for x in t):
            out[(int(t[0]), int(t[1]))] = int(t[2])
    return out


def bench(args):
    d = args.dir.rstrip("/")
    name = os.path.basename(d)
    ref = args.reference
    if ref is None:
        for cand in (f"{name}opt.sm", f"{name}hrs.sm"):
            for base in (os.path.dirname(d), d):
                if os.path.isfile(os.path.join(base, cand)):
                    ref = ref or os.path.join(base, cand)
    if ref is None:
        raise SystemExit(f"no {name}opt.sm or {name}hrs.sm beside {d}")
    refs = references(ref)
    pat = re.compile(re.escape(name) + r"(\d+)_(\d+)\.sm$")
    files = sorted((tuple(map(int, pat.match(f).groups())), f) for f in os.listdir(d) if pat.match(f))
    files = files[args.offset::args.every]
    rows = []
    for key, f in files:
        ms, took, at, opt = solve(os.path.join(d, f), args.time_limit_ms / 1000.0)
        best = refs[key]
        if ms is None:
            ms = sum(read_sm(os.path.join(d, f))[0])  # no solution: counted as the serial sum
        rows.append({"instance": f, "makespan": ms, "reference": best, "time_to_best_ms": at * 1e3,
                     "ms": took * 1e3, "optimal": opt})
        if args.verbose:
            print(f"{f:<14} {ms:>4} ref {best:>4} {100.0 * (ms - best) / best:+6.2f}% best after {at * 1e3:7.1f} ms", flush=True)
    n = len(rows)
    summary = {
        "solver": "cp-sat", "set": name, "instances": n,
        "mean_deviation_pct": sum(100.0 * (r["makespan"] - r["reference"]) / r["reference"] for r in rows) / n,
        "matched": sum(r["makespan"] <= r["reference"] for r in rows),
        "mean_time_to_best_ms": sum(r["time_to_best_ms"] for r in rows) / n,
        "mean_ms": sum(r["ms"] for r in rows) / n,
        "proved_optimal": sum(r["optimal"] for r in rows),
        "reference": ref, "rows": rows,
    }
    if args.json:
        print(json.dumps(summary))
    else:
        print(f"{name}: {n} instances, mean deviation {summary['mean_deviation_pct']:.3f}% from {os.path.basename(ref)}, "
              f"matched {summary['matched']}, mean time to best {summary['mean_time_to_best_ms']:.1f} ms "
              f"(mean run {summary['mean_ms']:.1f} ms), {summary['proved_optimal']} proved optimal")


def table(args):
    print(f"{'set':<5} {'solver':<8} {'n':>4} {'mean dev %':>10} {'matched':>8} {'time to best ms':>16} {'run ms':>8}")
    for path in args.files:
        with open(path) as f:
            s = json.load(f)
        print(f"{s['set']:<5} {s['solver']:<8} {s['instances']:>4} {s['mean_deviation_pct']:>10.3f} "
              f"{s['matched']:>8} {s['mean_time_to_best_ms']:>16.1f} {s['mean_ms']:>8.1f}")


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="cmd", required=True)
    b = sub.add_parser("bench")
    b.add_argument("dir")
    b.add_argument("--time-limit-ms", type=int, default=1000)
    b.add_argument("--reference")
    b.add_argument("--every", type=int, default=1)
    b.add_argument("--offset", type=int, default=0)
    b.add_argument("--verbose", action="store_true")
    b.add_argument("--json", action="store_true")
    t = sub.add_parser("table")
    t.add_argument("files", nargs="+")
    args = p.parse_args()
    bench(args) if args.cmd == "bench" else table(args)


if __name__ == "__main__":
    sys.exit(main())
