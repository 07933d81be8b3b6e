#!/bin/sh
# with-display.sh — runs a program on a display and a D-Bus session bus (UI tests, benchmarks).
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: with-display.sh PROGRAM [ARGS…]
# Without a session bus GApplication warns (fatal under G_DEBUG=fatal-warnings),
# so the script re-runs itself inside dbus-run-session. Without a display it
# starts Xvfb on a display number Xvfb picks as free (-displayfd, so tests
# running in parallel never race for one) and stops it when the test ends.
# When dunst is installed and nothing in the session owns
# org.freedesktop.Notifications, it starts dunst there too (desktop
# notifications reach a real daemon; CC_TEST_NOTIFICATION_DAEMON=dunst tells
# the tests) with a config that files every notification straight into its
# history instead of drawing a popup.
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
dunst_pid=
workdir=

cleanup () {
  if [ -n "$dunst_pid" ]; then
    kill "$dunst_pid" 2>/dev/null
    wait "$dunst_pid" 2>/dev/null
  fi
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

notifications_owned () {
  dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
    org.freedesktop.DBus.NameHasOwner string:org.freedesktop.Notifications 2>/dev/null \
    | grep -q 'boolean true'
}

if [ -n "${DISPLAY:-}" ] && command -v dunst >/dev/null 2>&1 &&
   command -v dbus-send >/dev/null 2>&1 && ! notifications_owned; then
  if [ -z "$workdir" ]; then
    workdir=$(mktemp -d "${TMPDIR:-/tmp}/craftchain-xvfb-XXXXXX") || exit 1
  fi
  cat >"$workdir/dunstrc" <<'EOF_DUNST'
[global]
    history_length = 200
    sticky_history = yes
    idle_threshold = 0
[file-only]
    skip_display = yes
EOF_DUNST
  # Not under the tests' G_DEBUG=fatal-warnings: a warning inside dunst
  # would kill it and leave notifications without a receiver.
  env -u G_DEBUG dunst -config "$workdir/dunstrc" >"$workdir/dunst.log" 2>&1 &
  dunst_pid=$!
  # Asking dunst itself would start a second one by D-Bus activation: wait
  # for the name instead.
  tries=0
  while ! notifications_owned; do
    tries=$((tries + 1))
    if ! kill -0 "$dunst_pid" 2>/dev/null || [ "$tries" -gt 100 ]; then
      echo "with-display: dunst did not start; notifications go nowhere:" >&2
      cat "$workdir/dunst.log" >&2
      kill "$dunst_pid" 2>/dev/null
      dunst_pid=
      break
    fi
    sleep 0.1
  done
  if [ -n "$dunst_pid" ]; then
    CC_TEST_NOTIFICATION_DAEMON=dunst
    export CC_TEST_NOTIFICATION_DAEMON
  fi
fi

# Not exec: the trap must outlive the program to stop Xvfb.
"$@"
