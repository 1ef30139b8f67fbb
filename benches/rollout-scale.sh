#!/usr/bin/env bash
# A rollout at scale (issue 28, item 7), as whole `bridger` processes (release build): a plan
# of program work, ten waves with gates and anchors, and a 20-step template (gate and
# completion flags, an anchor, crew chains, owner roles, risks) rolled out to 1,000 sites
# (about 20,000 initiatives and 36,000 handoffs), then a template change propagated to every
# site, schedule, check, simulate and brief on the result. Each timing is the median of RUNS
# runs (default 3) with wall time and peak memory; a table of measured against target at the
# end. Not part of `make test`; run with `make bench-rollout`.
set -euo pipefail
SITES=${SITES:-1000}
WAVES=${WAVES:-10}
PROGRAM=${PROGRAM:-500}
RUNS=${RUNS:-3}
BIN=${BIN:-target/release/bridger}
command -v /usr/bin/time >/dev/null || { echo "needs GNU time (apt-get install time)"; exit 1; }
command -v jq >/dev/null || { echo "needs jq (apt-get install jq)"; exit 1; }
dir=${BENCH_DIR:-$(mktemp -d)}
[ -n "${BENCH_DIR:-}" ] || trap 'rm -rf "$dir"' EXIT
empty="$dir/empty.bridger"
plan="$dir/rollout.bridger"
sites="$dir/sites.csv"
rows=()

# measure LABEL TARGET_SECONDS SETUP -- COMMAND...: runs SETUP (a shell snippet, may be
# empty) then COMMAND, RUNS times; prints each run and keeps the median for the table.
measure() {
  local label=$1 target=$2 setup=$3; shift 4
  local secs=() kbs=()
  for ((r = 1; r <= RUNS; r++)); do
    [ -z "$setup" ] || eval "$setup"
    /usr/bin/time -f '%e %M' -o "$dir/t" "$@" >"$dir/out" 2>&1 || { echo "FAILED: $label"; cat "$dir/out"; exit 1; }
    read -r s kb < <(tail -n 1 "$dir/t")
    secs+=("$s"); kbs+=("$kb")
  done
  local med kb
  med=$(printf '%s\n' "${secs[@]}" | sort -g | sed -n "$(((RUNS + 1) / 2))p")
  kb=$(printf '%s\n' "${kbs[@]}" | sort -g | sed -n "$(((RUNS + 1) / 2))p")
  printf '%-48s %s s (runs: %s) %6d MB   %s\n' "$label" "$med" "${secs[*]}" "$((kb / 1024))" "$(head -c 60 "$dir/out" | tr '\n' ' ')"
  rows+=("$(printf '%-48s %8.2f s %8.2f s %6d MB  %s' "$label" "$med" "$target" "$((kb / 1024))" \
    "$(awk -v m="$med" -v t="$target" 'BEGIN { print (m < t) ? "ok" : "MISSED" }')")")
}

echo "load before: $(uptime)"
rm -f "$empty" "$empty-wal" "$empty-shm" "$sites"
"$BIN" generate "$empty" --initiatives "$PROGRAM" --sites-file "$sites" --sites "$SITES" --waves "$WAVES"
# The change: step s07 of template 'store' takes a day longer at every site.
change=$("$BIN" export "$empty" -o - | jq -c '{op: "update_template", value: (.templates[] | select(.id == "store")
  | .initiatives |= map(if .id == "s07" then .duration.likely += 1 | .duration.pessimistic += 2 else . end))}')

measure "rollout: add $SITES sites, apply the template" 2 'cp "$empty" "$plan"; rm -f "$plan-wal" "$plan-shm"' \
  -- "$BIN" rollout "$plan" --template store --sites "$sites"
cp "$plan" "$dir/rolled.bridger"
measure "edit: template change to $SITES sites" 1 'cp "$dir/rolled.bridger" "$plan"; rm -f "$plan-wal" "$plan-shm"' \
  -- "$BIN" edit "$plan" "$change"
measure "schedule" 0.3 '' -- "$BIN" schedule "$plan"
measure "check" 0.5 '' -- "$BIN" check "$plan"
measure "simulate --iterations 1000" 2 '' -- "$BIN" simulate "$plan" --iterations 1000
measure "brief" 1.5 'rm -f "$dir/brief.pdf"' -- "$BIN" brief "$plan" -o "$dir/brief.pdf"
if "$BIN" sites --help >/dev/null 2>&1; then
  measure "sites" 0.5 '' -- "$BIN" sites "$plan"
fi
echo "load after: $(uptime)"
echo
"$BIN" schedule "$plan" --json | jq -r '"plan: \(.initiatives | length) initiatives"' 2>/dev/null || true
printf '%-48s %10s %10s %9s  %s\n' "1,000 sites x 20 steps (median of $RUNS)" measured target memory ""
printf '%s\n' "${rows[@]}"
