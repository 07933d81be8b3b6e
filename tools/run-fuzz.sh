#!/usr/bin/env bash
# run-fuzz.sh — builds the sync server's request-parsing fuzzer and runs it.
# Usage: tools/run-fuzz.sh [SECONDS]   (default 60)
#
# Its own small build, not meson's: clang-14 with -fsanitize=fuzzer,address
# compiles tests/fuzz/fuzz-request.c with the sources it exercises
# (src/proto, server-sync/cc-sync-storage.c) into $FUZZ_DIR (default
# _build/fuzz). A corpus of valid and invalid bodies seeds the run; what the
# fuzzer learns is kept in $FUZZ_DIR/corpus for the next run. A crash, a
# sanitizer report, a leak or a failed check stops it, saves the input under
# $FUZZ_DIR/artifacts and fails the script.
# Needs clang-14 and libclang-rt-14-dev (packages.txt).
# SPDX-License-Identifier: GPL-3.0-or-later
set -euo pipefail

seconds=${1:-60}
case $seconds in
  ''|*[!0-9]*) echo "usage: tools/run-fuzz.sh [SECONDS]" >&2; exit 2 ;;
esac

cd "$(dirname "$0")/.."
out=${FUZZ_DIR:-_build/fuzz}
clang=${CLANG:-clang-14}
if ! command -v "$clang" >/dev/null; then
  echo "run-fuzz.sh: $clang is missing (Debian packages clang-14 and libclang-rt-14-dev: make deps)" >&2
  exit 1
fi

mkdir -p "$out/corpus" "$out/seeds" "$out/artifacts"

cat > "$out/config.h" <<'EOF'
/* config.h for the fuzzer's own build (tools/run-fuzz.sh). */
#define GETTEXT_PACKAGE "craftchain"
EOF

# shellcheck disable=SC2046
"$clang" -g -O1 -fno-omit-frame-pointer -fsanitize=fuzzer,address,undefined \
  -fno-sanitize-recover=undefined -std=gnu11 -Wall -Wno-unused-parameter \
  -DGLIB_VERSION_MIN_REQUIRED=GLIB_VERSION_2_74 -DGLIB_VERSION_MAX_ALLOWED=GLIB_VERSION_2_74 \
  -I"$out" -Isrc/proto -Iserver-sync \
  tests/fuzz/fuzz-request.c \
  src/proto/cc-change.c src/proto/cc-error.c src/proto/cc-hlc.c src/proto/cc-uuid.c \
  server-sync/cc-sync-storage.c \
  $(pkg-config --cflags --libs glib-2.0 gobject-2.0 gio-2.0 json-glib-1.0 libsodium) -lm \
  -o "$out/fuzz-request"

# Seeds: the first byte picks the body (even: push, odd: enrolment).
seed() {
  printf '%s%s' "$2" "$3" > "$out/seeds/$1"
}
change='{"id":"01890a5d-ac96-774b-bcce-b302099a8057","entity":"product","row":"row-1","reg":"title@hi","value":"Blue mug","hlc":"001700000000000-0000001f-dev-1","base":null,"device":"dev-1"}'
photo='{"id":"01890a5d-ac96-774b-bcce-b302099a8058","entity":"photo","row":"p-1","reg":"sha256","value":"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08","hlc":"001700000000001-00000000-dev-2","base":"001699999999999-00000000-dev-1","device":"dev-2"}'
seed push-one P "[$change]"
seed push-two P "[$change,$photo]"
seed push-empty P '[]'
seed push-object P "$change"
seed push-deep P '[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]'
seed push-big-number P '[{"id":"01890a5d-ac96-774b-bcce-b302099a8057","entity":"product","row":"r","reg":"price","value":99999999999999999999,"hlc":"001700000000000-0000001f-dev-1","base":null,"device":"d"}]'
seed push-float P '[{"id":"01890a5d-ac96-774b-bcce-b302099a8057","entity":"product","row":"r","reg":"weight","value":1e20,"hlc":"001700000000000-0000001f-dev-1","base":null,"device":"d"}]'
seed push-wrong-type P '[{"id":5,"entity":"product","row":"r","reg":"x","value":{"a":[1,true,null]},"hlc":"001700000000000-0000001f-dev-1","base":7,"device":"d"}]'
seed push-bad-stamp P '[{"id":"01890a5d-ac96-774b-bcce-b302099a8057","entity":"product","row":"r","reg":"x","value":"\u00e9\ud83d\ude00","hlc":"17-x","base":null,"device":"d"}]'
seed push-trailing P '[] []'
seed push-unclosed P '["abc'
seed enrol-good E '{"code":"HN6B-XZ53-D7FH","device_id":"laptop","device_name":"Workshop laptop"}'
seed enrol-sloppy E '{"code":" hn6b xz53 d7fh ","device_id":"\u0000x","device_name":7}'
seed enrol-missing E '{"code":"HN6B-XZ53-D7FH"}'
seed enrol-array E '["code","device_id"]'
seed enrol-deep E '{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":1}}}}}}}}}}}}}}}}}'
seed enrol-bad-utf8 E $'{"code":"\xff\xfe","device_id":"x"}'

export G_SLICE=always-malloc
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

echo "run-fuzz.sh: fuzzing the sync server's request parsing for $seconds s"
"$out/fuzz-request" -max_total_time="$seconds" -max_len=8192 -timeout=10 -rss_limit_mb=2048 \
  -print_final_stats=1 -artifact_prefix="$out/artifacts/" \
  "$out/corpus" "$out/seeds"
