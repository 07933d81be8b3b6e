#!/usr/bin/env bash
# run.sh — what `make run` opens: the CraftChain window, from the build tree,
# with the build's translations and settings schema.
# Usage: tools/run.sh BUILD_DIR [ARGS …]
# SPDX-License-Identifier: GPL-3.0-or-later
set -euo pipefail

build=${1:?usage: tools/run.sh BUILD_DIR [ARGS …]}
shift
app="$build/src/app/craftchain"
cli="$build/src/cli/craftchain-cli"
if [ ! -x "$app" ]; then
  echo "run.sh: $app is missing; build first (make build)" >&2
  exit 1
fi

export CRAFTCHAIN_LOCALEDIR="$build/po"
export GSETTINGS_SCHEMA_DIR="$build/data"

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ "${GDK_BACKEND:-}" != broadway ]; then
  cat <<TXT
There is no display here, so the CraftChain window cannot open. To see it:

  - in a browser, with GTK's Broadway backend:
      gtk4-broadwayd :5 &
      GDK_BACKEND=broadway BROADWAY_DISPLAY=:5 make run
    then open http://localhost:8085/
  - on a virtual display, taking a screenshot:
      ../shared/tools/screenshot shot.png -- tools/run.sh $build

Meanwhile, here is your shop from the command line ($cli):

TXT
  exec "$cli" "$@"
fi

exec "$app" "$@"
