#!/bin/sh
# run-bench-startup.sh — runs bench-startup on a display and a D-Bus session bus.
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: bench/run-bench-startup.sh [BUILD_DIR]   (default _build)
# As tests/ui/run-ui-test.sh does: re-runs itself inside dbus-run-session
# when there is no session bus (GApplication wants one), and without a
# display starts Xvfb on a display number Xvfb picks (-displayfd) at
# 1280x800x24, stopping it at the end. Makes _bench/shop-100k.db with
# bench-search first if it is missing.
set -u

cd "$(dirname "$0")/.." || exit 1
build=${1:-_build}

for f in "$build/bench/bench-startup" "$build/bench/bench-search" "$build/src/app/craftchain"; do
  if [ ! -x "$f" ]; then
    echo "run-bench-startup: $f is missing; build first (make build)" >&2
    exit 1
  fi
done

if [ -z "${DBUS_SESSION_BUS_ADDRESS:-}" ]; then
  if ! command -v dbus-run-session >/dev/null 2>&1; then
    echo "run-bench-startup: dbus-run-session not found (Debian package dbus)" >&2
    exit 1
  fi
  exec dbus-run-session -- "$0" "$build"
fi

xvfb_pid=
workdir=

cleanup () {
  if [ -n "$xvfb_pid" ]; then
    kill "$xvfb_pid" 2>/dev/null
    wait "$xvfb_pid" 2>/dev/null
  fi
  if [ -n "$workdir" ]; then
    rm -rf "$workdir"
  fi
}
trap cleanup EXIT
trap 'exit 143' TERM
trap 'exit 130' INT

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  if ! command -v Xvfb >/dev/null 2>&1; then
    echo "run-bench-startup: no display and Xvfb not found (Debian packages xvfb, xauth)" >&2
    exit 1
  fi
  workdir=$(mktemp -d "${TMPDIR:-/tmp}/craftchain-xvfb-XXXXXX") || exit 1
  # Xvfb writes the display number to fd 3 once it accepts connections.
  Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp \
    3>"$workdir/display" 2>"$workdir/xvfb.log" &
  xvfb_pid=$!
  tries=0
  while [ ! -s "$workdir/display" ]; do
    if ! kill -0 "$xvfb_pid" 2>/dev/null; then
      echo "run-bench-startup: Xvfb did not start:" >&2
      cat "$workdir/xvfb.log" >&2
      xvfb_pid=
      exit 1
    fi
    tries=$((tries + 1))
    if [ "$tries" -gt 200 ]; then
      echo "run-bench-startup: Xvfb gave no display within 20 s" >&2
      exit 1
    fi
    sleep 0.1
  done
  DISPLAY=":$(head -n 1 "$workdir/display")"
  GDK_BACKEND=x11
  export DISPLAY GDK_BACKEND
fi

if [ ! -f _bench/shop-100k.db ]; then
  echo "run-bench-startup: making _bench/shop-100k.db with bench-search (once; it also runs the search benchmark)"
  "$build/bench/bench-search" || exit 1
  echo
fi

# Not exec: the trap must outlive the benchmark to stop Xvfb.
"$build/bench/bench-startup" "$build"
