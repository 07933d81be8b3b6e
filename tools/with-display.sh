#!/bin/sh
# with-display.sh — runs a program on a display and a D-Bus session bus (UI tests, benchmarks).
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: with-display.sh PROGRAM [ARGS…]
# Without a session bus GApplication warns (fatal under G_DEBUG=fatal-warnings),
# so the script re-runs itself inside dbus-run-session. Without a display it
# starts Xvfb on a display number Xvfb picks as free (-displayfd, so tests
# running in parallel never race for one) and stops it when the test ends.
set -u

if [ $# -lt 1 ]; then
  echo "usage: $0 PROGRAM [ARGS…]" >&2
  exit 2
fi

if [ -z "${DBUS_SESSION_BUS_ADDRESS:-}" ]; then
  if ! command -v dbus-run-session >/dev/null 2>&1; then
    echo "with-display: dbus-run-session not found (Debian package dbus)" >&2
    exit 1
  fi
  exec dbus-run-session -- "$0" "$@"
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
    echo "with-display: no display and Xvfb not found (Debian packages xvfb, xauth)" >&2
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
      echo "with-display: Xvfb did not start:" >&2
      cat "$workdir/xvfb.log" >&2
      xvfb_pid=
      exit 1
    fi
    tries=$((tries + 1))
    if [ "$tries" -gt 200 ]; then
      echo "with-display: Xvfb gave no display within 20 s" >&2
      exit 1
    fi
    sleep 0.1
  done
  DISPLAY=":$(head -n 1 "$workdir/display")"
  GDK_BACKEND=x11
  export DISPLAY GDK_BACKEND
fi

# Not exec: the trap must outlive the program to stop Xvfb.
"$@"
