#!/usr/bin/env bash
# run.sh — what `make run` opens: the shop overview from craftchain-cli,
# with the build's translations. Usage: tools/run.sh BUILD_DIR [COMMAND …]
# SPDX-License-Identifier: GPL-3.0-or-later
set -euo pipefail

build=${1:?usage: tools/run.sh BUILD_DIR [COMMAND …]}
shift
cli="$build/src/cli/craftchain-cli"
if [ ! -x "$cli" ]; then
  echo "run.sh: $cli is missing; build first (make build)" >&2
  exit 1
fi

export CRAFTCHAIN_LOCALEDIR="$build/po"
exec "$cli" "$@"
