#!/usr/bin/env bash
# Measures `alpha analyze` on a big generated incident: wall time and peak RSS (/usr/bin/time -v), with the
# ledger (a fresh SQLite file) and without it, then whether `alpha runs list --json` and `runs show --json`
# still work on that ledger, and how big the ledger file is. Prints a Markdown table.
#
# Usage: bench/big-incident/run.sh [LINES ...]     (default: 2600000, about 215 MB)
# The incident is generated once per size into ${ALPHA_BENCH_DIR:-/tmp/alpha-big-incident} (deterministic:
# same size, same bytes). Not a test: the figures depend on the machine; report medians of a few runs.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
dir="${ALPHA_BENCH_DIR:-/tmp/alpha-big-incident}"
mkdir -p "$dir"
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(2600000)

"$root/alpha" --version >/dev/null # build the CLI outside the measurement

measure() { # label, ledger db or "", incident -> one table row
  local label="$1" db="$2" file="$3" t="$dir/time.txt" args=()
  if [ -n "$db" ]; then args=(--db "$db"); else args=(--no-ledger); fi
  local code=0
  /usr/bin/time -v -o "$t" "$root/alpha" analyze "$file" --json --deterministic "${args[@]}" >"$dir/out.json" 2>"$dir/err.txt" || code=$?
  local wall rss
  wall="$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$t")"
  rss="$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2/1024}' "$t")"
  local top
  top="$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); h=d["ranked_hypotheses"]; print(h[0]["label"] if h else "-")' "$dir/out.json" 2>/dev/null || echo "-")"
  printf '| %s | %s | %s | %s MB | %s | %s |\n' "$label" "$(basename "$file")" "$wall" "$rss" "$code" "$top"
}

echo "| mode | incident | wall (m:ss) | peak RSS | exit | top hypothesis |"
echo "|---|---|---|---|---|---|"
for lines in "${sizes[@]}"; do
  file="$dir/incident-$lines.json"
  [ -s "$file" ] || python3 "$root/bench/big-incident/generate.py" "$file" --lines "$lines"
  measure "no ledger" "" "$file"
  db="$dir/ledger-$lines.db"
  rm -f "$db" "$db-wal" "$db-shm"
  measure "SQLite ledger" "$db" "$file"
  list=0; "$root/alpha" runs list --json --db "$db" >/dev/null 2>"$dir/list.err" || list=$?
  run="$(ALPHA_DB="$db" "$root/alpha" runs list --json 2>/dev/null | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["run_id"])' 2>/dev/null || true)"
  show=0; "$root/alpha" runs show "${run:-none}" --json --db "$db" >/dev/null 2>"$dir/show.err" || show=$?
  size="$(du -k "$db" | awk '{printf "%.1f", $1/1024}')"
  printf '| `runs list --json` exit %s, `runs show --json` exit %s | ledger %s MB | | | | |\n' "$list" "$show" "$size"
done
echo
echo "incident sizes: $(ls -l "$dir"/incident-*.json | awk '{printf "%s %.0f MB; ", $NF, $5/1048576}')"
