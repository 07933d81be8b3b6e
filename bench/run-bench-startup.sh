#!/bin/sh
# run-bench-startup.sh — runs bench-startup on a display and a D-Bus session bus.
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: bench/run-bench-startup.sh [BUILD_DIR]   (default _build)
# The display and session come from tools/with-display.sh, as for the UI
# tests. Makes _bench/shop-100k.db with bench-search first if it is missing.
set -u

cd "$(dirname "$0")/.." || exit 1
build=${1:-_build}

for f in "$build/bench/bench-startup" "$build/bench/bench-search" "$build/src/app/craftchain"; do
  if [ ! -x "$f" ]; then
    echo "run-bench-startup: $f is missing; build first (make build)" >&2
    exit 1
  fi
done

if [ ! -f _bench/shop-100k.db ]; then
  echo "run-bench-startup: making _bench/shop-100k.db with bench-search (once; it also runs the search benchmark)"
  "$build/bench/bench-search" || exit 1
  echo
fi

exec tools/with-display.sh "$build/bench/bench-startup" "$build"
