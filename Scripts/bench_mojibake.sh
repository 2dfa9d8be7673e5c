#!/usr/bin/env bash
# Throughput of the mojibake + annotation stages on clean text: every fixture's expected output
# (hand-cleaned, no mojibake) repeated to SIZE_MB, one core, release build.
# Prints each stage's time and MB/s, and the edits made (0 on clean text).
#
# Usage: Scripts/bench_mojibake.sh [SIZE_MB]   (default 128)
set -euo pipefail
cd "$(dirname "$0")/.."
size_mb="${1:-128}"
swift build -c release --scratch-path .build-bench --product bench-mojibake >/dev/null
bin="$(swift build -c release --scratch-path .build-bench --show-bin-path)/bench-mojibake"
"$bin" --megabytes "$size_mb" Fixtures/*/expected.txt
