#!/usr/bin/env bash
# The mojibake benchmark: regenerates the damaged cases and the 50 MB of clean risky text from
# Benchmarks/mojibake/sources (fixed seed, Scripts/generate_mojibake_cases.py), then scores the
# mojibake stage by class and counts its edits on the clean text (false repairs).
#
# Usage: Scripts/bench_mojibake_cases.sh [--failures N]   (N failed cases shown per class on stderr)
set -euo pipefail
cd "$(dirname "$0")/.."
out=.build/mojibake-bench
mkdir -p "$out"
python3 Scripts/generate_mojibake_cases.py cases "$out/cases.jsonl" Benchmarks/mojibake/sources/*.txt 2>/dev/null
python3 Scripts/generate_mojibake_cases.py clean "$out/clean.txt" Benchmarks/mojibake/sources/*.txt 2>/dev/null
swift build -c release -Xswiftc -enable-testing --product scrapeclean-bench >/dev/null
bin="$(swift build -c release -Xswiftc -enable-testing --show-bin-path)/scrapeclean-bench"
"$bin" mojibake "$out/cases.jsonl" "$out/clean.txt" "$@"
