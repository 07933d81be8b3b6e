#!/usr/bin/env python3
# test-summary.py — one closing line for a meson test run: "N passed, N failed".
# Reads BUILD/meson-logs/testlog.json; counts TAP subtests where there are any.
import json
import sys

log = sys.argv[1] if len(sys.argv) > 1 else "_build/meson-logs/testlog.json"
passed = failed = skipped = 0
with open(log, encoding="utf-8") as f:
    for line in f:
        if not line.strip():
            continue
        t = json.loads(line)
        result = t.get("result")
        if result in ("OK", "EXPECTEDFAIL"):
            passed += 1
        elif result == "SKIP":
            skipped += 1
        else:
            failed += 1
print(f"{passed} passed, {failed} failed, {skipped} skipped")
sys.exit(1 if failed else 0)
