#!/usr/bin/env bash
# Runs every test of the solution (Release). Usage: scripts/test.sh [extra dotnet test arguments]
#
# The ledger's PostgreSQL tests need a real server. Unless ALPHA_TEST_PG is already set (an Npgsql connection
# string), this script installs PostgreSQL from Debian's packages when it is missing, starts a throwaway
# cluster (temporary folder, free local port, fsync off) as the postgres user, exports ALPHA_TEST_PG for the
# tests, and stops and deletes the cluster on exit, whatever the outcome. Safe to run twice, or twice at once.
# It also installs Debian's chromium when /usr/bin/chromium is missing (the web page's browser tests; or set ALPHA_CHROMIUM).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    echo "test.sh: '$*' needs root; install PostgreSQL (apt-get install postgresql) or set ALPHA_TEST_PG" >&2; return 1
  fi
}

pg_bin() {
  local initdb
  initdb="$(ls -d /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -n 1 || true)"
  [ -n "$initdb" ] && dirname "$initdb"
}

start_postgres() {
  local bin
  bin="$(pg_bin || true)"
  if [ -z "$bin" ]; then
    echo "test.sh: installing PostgreSQL from the Debian packages..." >&2
    # Only our throwaway cluster is needed, not the package's default one on port 5432.
    if [ ! -e /etc/postgresql-common/createcluster.conf ]; then
      as_root mkdir -p /etc/postgresql-common
      echo "create_main_cluster = false" | as_root tee /etc/postgresql-common/createcluster.conf >/dev/null
    fi
    # Wait for the dpkg lock rather than fail when another install (a parallel run of this script) holds it.
    as_root env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 update -q >/dev/null
    as_root env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -q --no-install-recommends postgresql >/dev/null
    bin="$(pg_bin)"
  fi

  # initdb and postgres refuse to run as root: run them as the postgres user then.
  local run=()
  if [ "$(id -u)" -eq 0 ]; then run=(runuser -u postgres --); fi

  pg_dir="$(mktemp -d "${TMPDIR:-/tmp}/alpha-test-pg.XXXXXX")"
  chmod 755 "$pg_dir"
  if [ "$(id -u)" -eq 0 ]; then chown postgres "$pg_dir"; fi
  pg_run=("${run[@]}")
  pg_ctl="$bin/pg_ctl"
  "${run[@]}" "$bin/initdb" -D "$pg_dir/data" -A trust -U postgres -E UTF8 --no-locale >"$pg_dir/initdb.log" 2>&1 \
    || { cat "$pg_dir/initdb.log" >&2; return 1; }

  local port attempt
  for attempt in 1 2 3 4 5 6 7 8 9 10; do
    port=$(( 20000 + (RANDOM * 32768 + RANDOM) % 40000 ))
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then continue; fi  # something listens there
    if "${run[@]}" "$pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w -t 60 \
        -o "-p $port -k $pg_dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=1000" \
        start >/dev/null; then
      export ALPHA_TEST_PG="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
      echo "test.sh: throwaway PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port ($pg_dir)" >&2
      return 0
    fi
  done
  echo "test.sh: could not start PostgreSQL; its log:" >&2
  cat "$pg_dir/server.log" >&2 || true
  return 1
}

stop_postgres() {
  if [ -n "${pg_dir:-}" ] && [ -d "$pg_dir" ]; then
    if [ -f "$pg_dir/data/postmaster.pid" ]; then
      "${pg_run[@]}" "$pg_ctl" -D "$pg_dir/data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$pg_dir"
  fi
}

# The web page's browser tests (tests/Alpha.Web.Tests) drive Debian's Chromium through Playwright (no browser download).
install_chromium() {
  if [ -n "${ALPHA_CHROMIUM:-}" ] || [ -x /usr/bin/chromium ]; then return 0; fi
  echo "test.sh: installing Chromium from the Debian packages (browser tests)..." >&2
  as_root env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 update -q >/dev/null
  as_root env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -q --no-install-recommends chromium >/dev/null
}
install_chromium

pg_dir=""
pg_run=()
pg_ctl=""
if [ -z "${ALPHA_TEST_PG:-}" ]; then
  trap stop_postgres EXIT
  trap 'exit 130' INT TERM
  start_postgres
fi

dotnet test Alpha.slnx -c Release --nologo "$@"
