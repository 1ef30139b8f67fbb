#!/usr/bin/env bash
# The plan file at scale, as whole `bridger` processes (release build): one CLI edit,
# undo and redo on a generated plan of 200,000 initiatives and about 600,000 handoffs,
# with wall time and peak memory. Not part of `make test`; run with `make bench-large`.
# Goals (issue 11): one edit under 1 s and 300 MB, undo under 1 s. Issue 22: `level
# --dry-run` under 500 MB; `import -o` of the plan exported as JSON under 4 s and 400 MB.
set -euo pipefail
N=${N:-200000}
BIN=${BIN:-target/release/bridger}
command -v /usr/bin/time >/dev/null || { echo "needs GNU time (apt-get install time)"; exit 1; }
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
plan="$dir/large.bridger"
measure() { # label, command...
  local label=$1; shift
  /usr/bin/time -f "%e %M" -o "$dir/t" "$@" >"$dir/out" 2>&1 || true
  read -r secs kb < <(tail -n 1 "$dir/t")
  printf '%-52s %8.2f s %8.0f MB   %s\n' "$label" "$secs" "$((kb / 1024))" "$(head -c 70 "$dir/out" | tr '\n' ' ')"
}
echo "plan of $N initiatives (release build, whole processes)"
measure "generate and save the plan" "$BIN" generate "$plan" --initiatives "$N"
measure "edit: add a handoff (cycle check)" "$BIN" edit "$plan" '{"op":"add_handoff","value":{"id":"bench-1","from":"I1000","to":"I150000"}}'
measure "edit: add a handoff that would close a cycle" "$BIN" edit "$plan" '{"op":"add_handoff","value":{"id":"bench-2","from":"I150000","to":"I1000"}}'
measure "edit: update an initiative" "$BIN" edit "$plan" '{"op":"update_initiative","value":{"id":"I777","name":"Renamed","owner":"o","team":"T1","duration":{"optimistic":3,"likely":4,"pessimistic":6},"status":"on_track"}}'
measure "edit: remove an initiative (cascade)" "$BIN" edit "$plan" '{"op":"remove_initiative","value":"I5000"}'
measure "undo (the removal)" "$BIN" undo "$plan"
measure "redo" "$BIN" redo "$plan"
measure "undo" "$BIN" undo "$plan"
measure "schedule (read the plan, CPM, print)" "$BIN" schedule "$plan" --json
measure "check" "$BIN" check "$plan"
measure "level --dry-run (1 s of search)" "$BIN" level "$plan" --dry-run
measure "export as JSON" "$BIN" export "$plan" -o "$dir/large.json"
measure "import -o (that JSON into a new plan file)" "$BIN" import "$dir/large.json" -o "$dir/imported.bridger"
