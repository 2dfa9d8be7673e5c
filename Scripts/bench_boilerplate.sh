#!/usr/bin/env bash
# Throughput of the boilerplate stage: cleans the fixture inputs repeated N times (as separate
# documents) on one core, and, when `perf` is installed, reports the share of cycles spent in
# BoilerplateStage.apply, so the stage's own MB/s can be read off.
#
# Usage: Scripts/bench_boilerplate.sh [COPIES]   (default 30: about 6 MB)
# Builds release. Writes only under $TMPDIR.
set -euo pipefail
cd "$(dirname "$0")/.."
copies="${1:-30}"
work="${TMPDIR:-/tmp}/scrapeclean-bench-boilerplate"
rm -rf "$work" && mkdir -p "$work/in"
swift build -c release --scratch-path .build-bench --product scrapeclean >/dev/null
bin="$(swift build -c release --scratch-path .build-bench --show-bin-path)/scrapeclean"
for i in $(seq 1 "$copies"); do
  for dir in Fixtures/*/; do cp "$dir/input.txt" "$work/in/$(basename "$dir")-$i.txt"; done
done
bytes=$(cat "$work"/in/* | wc -c)
python3 - "$bin" "$work" "$bytes" <<'PY'
import resource, subprocess, sys, time
binary, work, size = sys.argv[1], sys.argv[2], int(sys.argv[3])
wall = time.perf_counter()
subprocess.run([binary, "clean", work + "/in", "-o", work + "/out", "--jobs", "1", "--quiet"], check=True)
wall = time.perf_counter() - wall
cpu = resource.getrusage(resource.RUSAGE_CHILDREN)
cpu = cpu.ru_utime + cpu.ru_stime
print(f"whole pipeline: {size/1e6:.1f} MB, {cpu:.2f} s CPU ({size/1e6/cpu:.1f} MB/s per core), {wall:.2f} s wall")
PY
if command -v perf >/dev/null; then
  perf record -q -g -o "$work/perf.data" "$bin" clean "$work/in" -o "$work/out2" --jobs 1 --quiet 2>/dev/null >/dev/null
  perf report -i "$work/perf.data" --children --sort symbol 2>/dev/null | grep -v '^#' \
    | grep -E '^ +[0-9.]+%.*(BoilerplateStageV5apply|RuleEngineV5apply|TitleDetectorV5apply|SummaryRepeatDetectorV5apply|CleanerV3run)' \
    | awk '{ name=$4; sub(/^\$s11ScrapeClean[0-9]+/, "", name); sub(/V(5apply|3run).*/, "", name); print "share of cycles: " $1 " " name }'
fi
