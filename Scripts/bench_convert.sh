#!/usr/bin/env bash
# Benchmark `scrapeclean convert` against OpenCC 1.4.2's own command-line tool, side by side.
#
#   Scripts/bench_convert.sh                       # benchmark and check identity on the seeds
#   Scripts/bench_convert.sh --write-test-outputs  # also (re)write OpenCC's seed outputs into
#                                                  # Tests/ScrapeCleanTests/Resources/opencc-cli/
#
# Installs `opencc==1.4.2` from PyPI into a venv under /tmp if missing (its CLI is
# opencc/clib/bin/opencc, configs in opencc/clib/share/opencc), builds ~40 MB corpora by
# repeating the UTF-8 fixture inputs (simplified, for s2t) and their OpenCC s2tw conversion
# plus seed 000 (traditional, for t2s and tw2s), builds `swift build -c release --scratch-path .build-bench`, then for each
# of t2s, tw2s and s2t measures both tools on the same input: throughput (MB/s, best of 3, by
# wall clock and by CPU time), dictionary load time and peak resident memory
# (/usr/bin/time -v). Outputs are compared byte for byte.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
VENV="${OPENCC_VENV:-/tmp/opencc-1.4.2-venv}"
WORK="${BENCH_DIR:-/tmp/scrapeclean-bench-convert}"
RUNS="${RUNS:-3}"
WRITE_OUTPUTS=0
[[ "${1:-}" == "--write-test-outputs" ]] && WRITE_OUTPUTS=1

# --- OpenCC 1.4.2 -----------------------------------------------------------------------
if [[ ! -x "$VENV/bin/python" ]]; then
  python3 -m venv "$VENV"
fi
if ! "$VENV/bin/python" -c 'import importlib.metadata as m, sys; sys.exit(m.version("opencc") != "1.4.2")' 2>/dev/null; then
  "$VENV/bin/pip" install --quiet 'opencc==1.4.2'
fi
CLIB="$("$VENV/bin/python" -c 'import opencc, os; print(os.path.join(os.path.dirname(opencc.__file__), "clib"))')"
OPENCC="$CLIB/bin/opencc"
CONFIGS="$CLIB/share/opencc"
[[ -x "$OPENCC" ]] || { echo "no OpenCC CLI at $OPENCC" >&2; exit 1; }
if [[ ! -x /usr/bin/time ]]; then
  apt-get install -y time >/dev/null 2>&1 || { echo "need /usr/bin/time (apt-get install time)" >&2; exit 1; }
fi

# --- build ---------------------------------------------------------------------------------
(cd "$ROOT" && swift build -c release --scratch-path .build-bench --product scrapeclean >/dev/null)
OURS="$ROOT/.build-bench/release/scrapeclean"

# --- identity on the seeds ----------------------------------------------------------------
SEEDS=("$ROOT"/Fixtures/seed-*/input.txt)
OUTDIR="$ROOT/Tests/ScrapeCleanTests/Resources/opencc-cli"
identical=0; different=0
for seed in "${SEEDS[@]}"; do
  name="$(basename "$(dirname "$seed")")"
  for config in t2s tw2s s2t s2twp; do
    expected="$("$OPENCC" -c "$CONFIGS/$config.json" -i "$seed" | sha256sum)"
    actual="$("$OURS" convert --config "$config" "$seed" | sha256sum)"
    if [[ "$expected" == "$actual" ]]; then identical=$((identical + 1)); else
      different=$((different + 1)); echo "DIFFERENT: $name $config" >&2; fi
    if [[ $WRITE_OUTPUTS == 1 ]]; then
      mkdir -p "$OUTDIR"
      "$OPENCC" -c "$CONFIGS/$config.json" -i "$seed" -o "$OUTDIR/$name.$config.txt"
    fi
  done
done
echo "seeds: $identical of $((identical + different)) (seed, config) outputs byte-identical to OpenCC 1.4.2's CLI (t2s tw2s s2t s2twp)"

# --- corpora -------------------------------------------------------------------------------
mkdir -p "$WORK"
: > "$WORK/base-simplified.txt"
for input in "$ROOT"/Fixtures/*/input.txt; do
  if iconv -f UTF-8 -t UTF-8 "$input" >/dev/null 2>&1; then cat "$input" >> "$WORK/base-simplified.txt"; fi
done
"$OPENCC" -c "$CONFIGS/s2tw.json" -i "$WORK/base-simplified.txt" -o "$WORK/base-traditional.txt"
cat "$ROOT"/Fixtures/seed-000-*/input.txt >> "$WORK/base-traditional.txt"
python3 - "$WORK" <<'EOF'
import sys
work = sys.argv[1]
for kind in ("simplified", "traditional"):
    base = open(f"{work}/base-{kind}.txt", "rb").read()
    open(f"{work}/{kind}.txt", "wb").write(base * (40_000_000 // len(base) + 1))
EOF

# --- measurements --------------------------------------------------------------------------
# Prints "wall_seconds cpu_seconds peak_kb" for one run of a command whose stdout is discarded.
measure() {
  /usr/bin/time -f '%e %U %S %M' -o "$WORK/time.txt" "$@" > "$WORK/out.txt"
  awk '{ printf "%s %.3f %s\n", $1, $2 + $3, $4 }' "$WORK/time.txt"
}
best_of() {  # best wall, best cpu, max rss over $RUNS runs
  local best_wall=999999 best_cpu=999999 peak=0
  for _ in $(seq "$RUNS"); do
    read -r wall cpu rss < <(measure "$@")
    best_wall=$(python3 -c "print(min($best_wall, $wall))")
    best_cpu=$(python3 -c "print(min($best_cpu, $cpu))")
    (( rss > peak )) && peak=$rss
  done
  echo "$best_wall $best_cpu $peak"
}

printf '\n%-6s %-10s %10s %10s %9s %11s\n' config tool "MB/s wall" "MB/s CPU" "peak MB" "vs OpenCC"
for config in t2s tw2s s2t; do
  if [[ $config == s2t ]]; then input="$WORK/simplified.txt"; else input="$WORK/traditional.txt"; fi
  megabytes=$(python3 -c "import os; print(os.path.getsize('$input') / 1e6)")
  "$OPENCC" -c "$CONFIGS/$config.json" -i "$input" -o "$WORK/opencc.$config.txt"
  "$OURS" convert --config "$config" "$input" > "$WORK/ours.$config.txt"
  cmp -s "$WORK/opencc.$config.txt" "$WORK/ours.$config.txt" && same="identical" || same="DIFFERENT"
  read -r o_wall o_cpu o_rss < <(best_of "$OPENCC" -c "$CONFIGS/$config.json" -i "$input")
  read -r s_wall s_cpu s_rss < <(best_of "$OURS" convert --config "$config" "$input")
  python3 - "$config" "$megabytes" "$o_wall" "$o_cpu" "$o_rss" "$s_wall" "$s_cpu" "$s_rss" "$same" <<'EOF'
import sys
config, mb = sys.argv[1], float(sys.argv[2])
o_wall, o_cpu, o_rss, s_wall, s_cpu, s_rss = map(float, sys.argv[3:9])
print(f"{config:<6} {'opencc':<10} {mb / o_wall:10.1f} {mb / o_cpu:10.1f} {o_rss / 1024:9.1f}")
print(f"{config:<6} {'scrapeclean':<10} {mb / s_wall:10.1f} {mb / s_cpu:10.1f} {s_rss / 1024:9.1f} "
      f"{o_wall / s_wall:6.2f}x wall {o_cpu / s_cpu:5.2f}x CPU  output {sys.argv[9]}")
EOF
done

# Load time: converting an empty input (process start + dictionaries), and our own in-process
# measurement of the dictionary load.
: > "$WORK/empty.txt"
read -r o_wall _ _ < <(best_of "$OPENCC" -c "$CONFIGS/t2s.json" -i "$WORK/empty.txt")
read -r s_wall _ _ < <(best_of "$OURS" convert --config t2s "$WORK/empty.txt")
load_ms=$("$OURS" convert --config t2s --timing "$WORK/empty.txt" 2>&1 >/dev/null | sed -E 's/.*load ([0-9.]+) ms.*/\1/')
echo
echo "empty input, whole process (best of $RUNS): opencc ${o_wall}s, scrapeclean ${s_wall}s; scrapeclean dictionary load ${load_ms} ms"
