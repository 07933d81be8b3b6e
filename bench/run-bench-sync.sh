#!/usr/bin/env bash
# run-bench-sync.sh — the sync benchmarks: a first pull against PouchDB, and server ingest.
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: bench/run-bench-sync.sh [BUILD_DIR]   (default _build)
#
# 1. bench-sync-pull: a new device's first pull of 100,000 changes from
#    craftchain-sync (SQLite) over loopback.
# 2. When node and npm are there: bench/pouchdb/bench-pouchdb.js, PouchDB
#    replicating 100,000 documents from express-pouchdb over loopback. Its
#    packages (bench/pouchdb/package-lock.json) are installed once into
#    ${XDG_CACHE_HOME:-~/.cache}/craftchain-bench/pouchdb, never into the
#    source tree. Then both times, the ratio, and DESIGN's target (ours at
#    most a tenth of PouchDB's).
# 3. bench-sync-ingest, 200 devices pushing at once: on SQLite, then on a
#    throwaway PostgreSQL (tools/with-postgres.sh).
#
# Nothing fails on time. The exit status is 1 only when a benchmark itself
# broke (a crash, a store that does not match, refused pushes).
set -u

cd "$(dirname "$0")/.." || exit 1
build=${1:-_build}
status=0

for f in "$build/bench/bench-sync-pull" "$build/bench/bench-sync-ingest" "$build/server-sync/craftchain-sync"; do
  if [ ! -x "$f" ]; then
    echo "run-bench-sync: $f is missing; build first (make build)" >&2
    exit 1
  fi
done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/craftchain-bench-sync.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT

# The value of KEY=… on the RESULT line of a benchmark's output file.
result() {
  sed -n "s/^RESULT .*\\b$1=\\([^ ]*\\).*/\\1/p" "$2" | tail -n 1
}

# Runs a command, showing its output as it comes and keeping it in FILE;
# returns the command's status.
run_into() {
  local file=$1
  shift
  "$@" 2>&1 | tee "$file"
  return "${PIPESTATUS[0]}"
}

# --- 1. Our first pull -------------------------------------------------------

echo "== Sync: a new device's first pull"
run_into "$tmp/pull" env -u CC_SYNC_BENCH_DB -u CC_SYNC_TEST_DB "$build/bench/bench-sync-pull"
pull_status=$?
ours=$(result pull_seconds "$tmp/pull")
if [ $pull_status -ne 0 ] || [ "$(result verified "$tmp/pull")" != yes ]; then
  echo "run-bench-sync: bench-sync-pull failed (status $pull_status)"
  ours=
  status=1
fi

# --- 2. PouchDB --------------------------------------------------------------

pouch=
echo
echo "== PouchDB replicating the same number of documents"
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "  node or npm is not installed: no PouchDB comparison (Debian: apt-get install nodejs npm)"
else
  cache="${XDG_CACHE_HOME:-$HOME/.cache}/craftchain-bench/pouchdb"
  if [ ! -d "$cache/node_modules" ] || ! cmp -s bench/pouchdb/package-lock.json "$cache/package-lock.json"; then
    echo "  installing pouchdb-node, express-pouchdb and express into $cache (once)"
    mkdir -p "$cache"
    cp bench/pouchdb/package.json bench/pouchdb/package-lock.json "$cache/"
    if ! (cd "$cache" && npm ci --no-audit --no-fund --loglevel=error >"$cache/npm.log" 2>&1); then
      echo "  npm ci failed (see $cache/npm.log): no PouchDB comparison"
      rm -f "$cache/package-lock.json"
    fi
  fi
  if [ -d "$cache/node_modules" ] && cmp -s bench/pouchdb/package-lock.json "$cache/package-lock.json"; then
    run_into "$tmp/pouch" env NODE_PATH="$cache/node_modules" node bench/pouchdb/bench-pouchdb.js
    pouch_status=$?
    pouch=$(result pouchdb_seconds "$tmp/pouch")
    if [ $pouch_status -ne 0 ] || [ "$(result verified "$tmp/pouch")" != yes ]; then
      echo "  bench-pouchdb.js failed (status $pouch_status): no ratio"
      pouch=
    fi
  fi
fi

# --- 3. Server ingest --------------------------------------------------------

echo
echo "== Sync server ingest, SQLite"
run_into "$tmp/ingest-sqlite" env -u CC_SYNC_BENCH_DB -u CC_SYNC_TEST_DB "$build/bench/bench-sync-ingest" || status=1

echo
echo "== Sync server ingest, PostgreSQL"
run_into "$tmp/ingest-pg" env -u CC_SYNC_BENCH_DB tools/with-postgres.sh "$build/bench/bench-sync-ingest"
ingest_pg_status=$?
pg_missing=
if [ $ingest_pg_status -ne 0 ]; then
  if grep -q "server programs are missing" "$tmp/ingest-pg"; then
    pg_missing=1
  else
    status=1
  fi
fi

# --- Summary -----------------------------------------------------------------

rate() {
  sed -n 's/.*: \([0-9]*\) changes\/s.*/\1/p' "$1" | tail -n 1
}

echo
echo "== Sync benchmarks, summary"
if [ -n "$ours" ]; then
  echo "  first pull of 100,000 changes: CraftChain $ours s"
else
  echo "  first pull: no figure (bench-sync-pull failed)"
fi
if [ -n "$pouch" ]; then
  echo "  PouchDB replicating 100,000 documents: $pouch s"
fi
if [ -n "$ours" ] && [ -n "$pouch" ]; then
  awk -v ours="$ours" -v pouch="$pouch" 'BEGIN {
    ratio = ours / pouch
    printf "  ratio CraftChain / PouchDB: %.3f (PouchDB takes %.1f× as long)  target <= 0.1: %s\n",
           ratio, pouch / ours, ratio <= 0.1 ? "met" : "NOT met"
  }'
elif [ -n "$ours" ]; then
  echo "  no PouchDB figure: no ratio (target: at most a tenth of PouchDB's time)"
fi
sqlite_rate=$(rate "$tmp/ingest-sqlite")
pg_rate=$(rate "$tmp/ingest-pg")
for pair in "SQLite:$sqlite_rate" "PostgreSQL:$pg_rate"; do
  name=${pair%%:*}
  value=${pair#*:}
  if [ -n "$value" ]; then
    if [ "$value" -gt 25000 ]; then verdict=met; else verdict="NOT met"; fi
    echo "  ingest, 200 devices pushing at once, $name: $value changes/s  target > 25,000/s: $verdict"
  elif [ "$name" = PostgreSQL ] && [ -n "$pg_missing" ]; then
    echo "  ingest on PostgreSQL: skipped, PostgreSQL's server programs are not installed (make deps)"
  else
    echo "  ingest on $name: no figure (the benchmark failed)"
  fi
done

exit $status
