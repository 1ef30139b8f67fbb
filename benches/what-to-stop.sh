#!/usr/bin/env bash
# What to stop at scale (issue 29: a 20,000-initiative plan < 30 s), as a whole `bridger`
# process (release build): `bridger generate --priorities` writes the plan (a rollout of
# sites of twenty steps, eight teams with ROOM times the people their work needs by the
# finish if nothing slips, four ranked priorities the sites serve, values; the target ten
# working days before that finish), then `bridger level FILE --propose` (default budget: 300
# schedules per leveling) says what to defer. The same seed gives the same plan and the same
# proposal on every machine. Wall time and peak memory of each of RUNS runs (default 1), and
# the proposal's summary. Not part of `make test`; run with `make bench-stop`.
set -euo pipefail
N=${N:-20000}
ROOM=${ROOM:-1.5}
SEED=${SEED:-7}
RUNS=${RUNS:-1}
BIN=${BIN:-target/release/bridger}
command -v /usr/bin/time >/dev/null || { echo "needs GNU time (apt-get install time)"; exit 1; }
dir=${BENCH_DIR:-$(mktemp -d)}
[ -n "${BENCH_DIR:-}" ] || trap 'rm -rf "$dir"' EXIT
plan="$dir/stop-$N.bridger"
"$BIN" generate "$plan" --initiatives "$N" --priorities --room "$ROOM" --seed "$SEED"
echo "load: $(uptime | sed 's/.*load average/load average/')"
for ((r = 1; r <= RUNS; r++)); do
  /usr/bin/time -f '%e %M' -o "$dir/t" "$BIN" level "$plan" --propose >"$dir/out" 2>&1 || { echo "FAILED"; cat "$dir/out"; exit 1; }
  read -r s kb < <(tail -n 1 "$dir/t")
  printf 'what to stop, %d initiatives: %s s, %d MB (target < 30 s)\n' "$N" "$s" "$((kb / 1024))"
done
head -n 12 "$dir/out"
echo "load: $(uptime | sed 's/.*load average/load average/')"
