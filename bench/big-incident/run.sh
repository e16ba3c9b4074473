#!/usr/bin/env bash
# Measures `alpha analyze` on a big generated incident: wall time and peak RSS (/usr/bin/time -v), with the
# ledger (a fresh SQLite file) and without it, then whether `alpha runs list --json` and `runs show --json`
# still work on that ledger, and how big the ledger file is. Prints a Markdown table.
#
# Usage: bench/big-incident/run.sh [LINES ...]     (default: 2600000, about 215 MB)
# ALPHA_CLI=/path/to/folder-with-alpha.dll measures that build instead of ./alpha (e.g. a copy of an older build).
# ALPHA_BENCH_LINES=real builds the incident from real loghub lines (generate_real.py: 2.6 M lines are ~294 MB, so
# the input size limit is raised for the measurement) instead of the synthetic templates (generate.py).
# The incident is generated once per size into ${ALPHA_BENCH_DIR:-/tmp/alpha-big-incident} (deterministic:
# same size, same bytes). Not a test: the figures depend on the machine; report medians of a few runs.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
dir="${ALPHA_BENCH_DIR:-/tmp/alpha-big-incident}"
mkdir -p "$dir"
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(2600000)
kind="${ALPHA_BENCH_LINES:-synthetic}"
generator="$root/bench/big-incident/generate.py"
prefix=incident
if [ "$kind" = real ]; then generator="$root/bench/big-incident/generate_real.py"; prefix=real; fi
export ALPHA_INPUT_MAX_BYTES="${ALPHA_INPUT_MAX_BYTES:-1073741824}"

if [ -n "${ALPHA_CLI:-}" ]; then
  alpha() { dotnet "$ALPHA_CLI/alpha.dll" "$@"; }
else
  "$root/alpha" --version >/dev/null # build the CLI outside the measurement
  alpha() { "$root/alpha" "$@"; }
fi

measure() { # label, ledger db or "", incident -> one table row
  local label="$1" db="$2" file="$3" t="$dir/time.txt" args=()
  if [ -n "$db" ]; then args=(--db "$db"); else args=(--no-ledger); fi
  local code=0
  local cmd=("$root/alpha")
  [ -z "${ALPHA_CLI:-}" ] || cmd=(dotnet "$ALPHA_CLI/alpha.dll")
  /usr/bin/time -v -o "$t" "${cmd[@]}" analyze "$file" --json --deterministic "${args[@]}" >"$dir/out.json" 2>"$dir/err.txt" || code=$?
  local wall rss cpu
  wall="$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$t")"
  cpu="$(awk -F': ' '/User time/ {u=$2} /System time/ {s=$2} END {printf "%.1f", u+s}' "$t")"
  rss="$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2/1024}' "$t")"
  local top
  top="$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); h=d["ranked_hypotheses"]; print(h[0]["label"] if h else "-")' "$dir/out.json" 2>/dev/null || echo "-")"
  printf '| %s | %s | %s | %s s | %s MB | %s | %s |\n' "$label" "$(basename "$file")" "$wall" "$cpu" "$rss" "$code" "$top"
}

echo "| mode | incident | wall (m:ss) | CPU (user+sys) | peak RSS | exit | top hypothesis |"
echo "|---|---|---|---|---|---|---|"
for lines in "${sizes[@]}"; do
  file="$dir/$prefix-$lines.json"
  [ -s "$file" ] || python3 "$generator" "$file" --lines "$lines"
  measure "no ledger" "" "$file"
  db="$dir/ledger-$prefix-$lines.db"
  rm -f "$db" "$db-wal" "$db-shm"
  measure "SQLite ledger" "$db" "$file"
  list=0; alpha runs list --json --db "$db" >/dev/null 2>"$dir/list.err" || list=$?
  run="$(python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("SELECT run_id FROM workflow_runs ORDER BY created_at DESC LIMIT 1").fetchone()[0])' "$db" 2>/dev/null || true)"
  show=0; alpha runs show "${run:-none}" --json --db "$db" >/dev/null 2>"$dir/show.err" || show=$?
  size="$(du -k "$db" | awk '{printf "%.1f", $1/1024}')"
  printf '| `runs list --json` exit %s, `runs show --json` exit %s | ledger %s MB | | | | | |\n' "$list" "$show" "$size"
done
echo
echo "incident sizes: $(ls -l "$dir"/$prefix-*.json | awk '{printf "%s %.0f MB; ", $NF, $5/1048576}')"
