#!/usr/bin/env bash
# Benchmarks scrapeclean against the tools people use today, and checks that time grows
# linearly with input size. One command, from a fresh clone:
#
#   Scripts/bench.sh [MEGABYTES]        (default 40; needs network for the PyPI peers once)
#
# 1. builds release (`swift build -c release --scratch-path .build-bench`: without the tests' -enable-testing, in its own folder so the test build is not rebuilt);
# 2. builds a ~40 MB corpus from Fixtures/*/input.txt in $SCRAPECLEAN_BENCH_DIR (default
#    /tmp/scrapeclean-bench): each document is a fixture with its middle lines shuffled per copy;
# 3. times each pipeline stage in process (scrapeclean-bench stages), and the documents grouped by
#    the fixture they copy (scrapeclean-bench fixtures);
# 4. times, with peak memory (/usr/bin/time -v): `clean` on one core and on all cores,
#    `clean --to simplified` on one core, `convert` (when the command exists), OpenCC 1.4.2's
#    CLI (t2s, tw2s) and ftfy 6.3.1 `fix_text` with Chinese-safe settings, all on the same bytes;
# 5. runs `clean` at 1, 4 and 16 MB of the same content, on a 16 MB single line and on a 16 MB
#    file of one repeated short line, and prints seconds and ratios.
# Prints markdown tables (also saved to $SCRAPECLEAN_BENCH_DIR/bench.md). Columns whose command
# does not exist (yet) are skipped with a note. Not part of `swift test`.
set -euo pipefail
cd "$(dirname "$0")/.."
megabytes="${1:-40}"
work="${SCRAPECLEAN_BENCH_DIR:-/tmp/scrapeclean-bench}"
venv="$work/venv"
limit="${SCRAPECLEAN_BENCH_TIMEOUT:-900}"   # seconds per command; a timeout is reported, not waited out
mkdir -p "$work"

if ! command -v swift >/dev/null 2>&1 && [ -x /opt/swift/usr/bin/swift ]; then
    export PATH="/opt/swift/usr/bin:$PATH"
fi
if [ ! -x /usr/bin/time ]; then
    echo "bench: installing GNU time for peak memory" >&2
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time; } >&2 || true
fi

echo "bench: building release" >&2
swift build -c release --scratch-path .build-bench --product scrapeclean >&2
swift build -c release --scratch-path .build-bench --product scrapeclean-bench >&2
bin="$(swift build -c release --scratch-path .build-bench --show-bin-path)"
scrapeclean="$bin/scrapeclean"

echo "bench: building the corpus" >&2
rm -rf "$work/docs" "$work/linear"
"$bin/scrapeclean-bench" corpus Fixtures "$work" "$megabytes" >&2
"$bin/scrapeclean-bench" linear Fixtures "$work/linear" >&2
corpus="$work/corpus.txt"
docs="$work/docs"
bytes="$(wc -c < "$corpus")"
cores="$(nproc)"

# The peers, from PyPI at pinned versions, in a venv of their own.
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c 'import opencc, ftfy' 2>/dev/null; then
    echo "bench: installing opencc==1.4.2 and ftfy==6.3.1 into $venv" >&2
    { python3 -m venv "$venv" && "$venv/bin/pip" install -q opencc==1.4.2 ftfy==6.3.1; } >&2 \
        || echo "bench: could not install the PyPI peers; their rows will be skipped" >&2
fi
opencc_dir="$("$venv/bin/python" -c 'import opencc, os; print(os.path.dirname(opencc.__file__))' 2>/dev/null || true)"
opencc="$opencc_dir/clib/bin/opencc"
opencc_configs="$opencc_dir/clib/share/opencc"

# measure LABEL COMMAND...: runs COMMAND (stdout discarded) under /usr/bin/time -v and appends
# "LABEL<TAB>seconds<TAB>peak kB<TAB>status<TAB>CPU seconds (user + system)" to $results.
results="$work/results.tsv"
: > "$results"
measure() {
    local label="$1"; shift
    local timing="$work/time.txt" status=0
    echo "bench: $label" >&2
    if [ -x /usr/bin/time ]; then
        timeout "$limit" /usr/bin/time -v -o "$timing" "$@" > /dev/null 2> "$work/stderr.txt" || status=$?
    else
        local start end
        start="$(date +%s.%N)"
        timeout "$limit" "$@" > /dev/null 2> "$work/stderr.txt" || status=$?
        end="$(date +%s.%N)"
        printf 'Elapsed (wall clock) time (h:mm:ss or m:ss): 0:%s\nMaximum resident set size (kbytes): 0\n' \
            "$(echo "$end - $start" | bc)" > "$timing"
    fi
    local seconds rss cpu
    seconds="$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$timing" 2>/dev/null)"
    rss="$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$timing" 2>/dev/null)"
    cpu="$(awk -F': ' '/User time \(seconds\)|System time \(seconds\)/ { s += $2 } END { print s + 0 }' "$timing" 2>/dev/null)"
    [ "$status" -eq 124 ] && seconds="$limit"
    printf '%s\t%s\t%s\t%s\t%s\n' "$label" "${seconds:-0}" "${rss:-0}" "$status" "${cpu:-0}" >> "$results"
    if [ "$status" -ne 0 ]; then
        echo "bench: $label exited $status: $(head -c 300 "$work/stderr.txt")" >&2
    fi
}
skipped=()

# Does a conversion stage exist? (`--to simplified` parses before the stage lands.)
has_conversion=no
if printf '發展與著作\n' | "$scrapeclean" clean --to simplified 2>/dev/null | grep -q '发展'; then has_conversion=yes; fi
has_convert=no
if "$scrapeclean" --help 2>/dev/null | grep -qE "^ +convert( |$)"; then has_convert=yes; fi

measure "scrapeclean clean --jobs 1" "$scrapeclean" clean --jobs 1 "$docs"
measure "scrapeclean clean --jobs $cores" "$scrapeclean" clean --jobs "$cores" "$docs"
if [ "$has_conversion" = yes ]; then
    measure "scrapeclean clean --to simplified --jobs 1" "$scrapeclean" clean --to simplified --jobs 1 "$docs"
    measure "scrapeclean clean --to simplified --region tw --jobs 1" "$scrapeclean" clean --to simplified --region tw --jobs 1 "$docs"
else
    skipped+=("clean --to simplified: no conversion stage in this build")
fi
if [ "$has_convert" = yes ]; then
    measure "scrapeclean convert --config t2s" "$scrapeclean" convert --config t2s "$corpus"
    measure "scrapeclean convert --config tw2s" "$scrapeclean" convert --config tw2s "$corpus"
else
    skipped+=("scrapeclean convert: no convert command in this build")
fi
if [ -x "$opencc" ]; then
    measure "OpenCC 1.4.2 t2s" "$opencc" -c "$opencc_configs/t2s.json" -i "$corpus" -o /dev/stdout
    measure "OpenCC 1.4.2 tw2s" "$opencc" -c "$opencc_configs/tw2s.json" -i "$corpus" -o /dev/stdout
else
    skipped+=("OpenCC 1.4.2: not installed (pip install opencc==1.4.2 failed)")
fi
if "$venv/bin/python" -c 'import ftfy' 2>/dev/null; then
    # Chinese-safe ftfy: keep full-width punctuation (fix_character_width folds ，：？ to ASCII),
    # keep “” quotes (uncurl_quotes), NFC not NFKC; everything else at its default.
    measure "ftfy 6.3.1 fix_text (Chinese-safe)" "$venv/bin/python" -c '
import sys, ftfy
text = open(sys.argv[1], encoding="utf-8").read()
out = ftfy.fix_text(text, normalization="NFC", uncurl_quotes=False, fix_character_width=False, fix_latin_ligatures=False)
sys.stdout.write(out)' "$corpus"
else
    skipped+=("ftfy 6.3.1: not installed (pip install ftfy==6.3.1 failed)")
fi

target=keep
[ "$has_conversion" = yes ] && target=simplified
stage_table="$("$bin/scrapeclean-bench" stages "$docs" "$target")"
fixture_table="$("$bin/scrapeclean-bench" fixtures Fixtures "$docs" "$target")"

# Linear time: the same content at 1, 4 and 16 MB, then two hostile 16 MB shapes.
linear_results="$work/linear.tsv"
main_results="$results"
results="$linear_results"
: > "$results"
: > "$work/linear/empty.txt"
measure "empty file (start-up cost)" "$scrapeclean" clean --jobs 1 "$work/linear/empty.txt"
for size in 1 4 16; do
    measure "content, ${size} MB" "$scrapeclean" clean --jobs 1 "$work/linear/content-${size}mb.txt"
done
measure "one 16 MB line" "$scrapeclean" clean --jobs 1 "$work/linear/single-line-16mb.txt"
measure "one short line repeated to 16 MB" "$scrapeclean" clean --jobs 1 "$work/linear/repeated-line-16mb.txt"
results="$main_results"

report="$work/bench.md"
{
    echo "Measured $(date -u '+%Y-%m-%d %H:%M UTC') on $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), nproc $cores, $(free -g | awk '/Mem:/ { print $2 }') GB RAM; scrapeclean $(git rev-parse --short HEAD 2>/dev/null || echo '?'), $(swift --version 2>&1 | head -n 1 | sed 's/ (.*//')."
    echo
    printf 'Corpus: %s documents, %.1f MB of UTF-8 (Fixtures/*/input.txt, middle lines shuffled per copy).\n' \
        "$(ls "$docs" | wc -l)" "$(echo "$bytes / 1048576" | bc -l)"
    echo
    echo "| command | seconds | MB/s | × OpenCC t2s | CPU seconds | peak RSS (MB) |"
    echo "|---|---:|---:|---:|---:|---:|"
    awk -F'\t' -v bytes="$bytes" '
        { label[NR] = $1; sec[NR] = $2; rss[NR] = $3; st[NR] = $4; cpu[NR] = $5; if ($1 == "OpenCC 1.4.2 t2s" && $4 == 0) base = $2 }
        END {
            for (i = 1; i <= NR; i++) {
                if (st[i] != 0) {
                    note = st[i] == 124 ? "timed out" : "failed, exit " st[i]
                    printf "| `%s` (%s) | %.2f | – | – | %.2f | %.0f |\n", label[i], note, sec[i], cpu[i], rss[i] / 1024
                    continue
                }
                mbs = sec[i] > 0 ? bytes / 1048576 / sec[i] : 0
                ratio = (base > 0 && sec[i] > 0) ? sprintf("%.2f", base / sec[i]) : "–"
                printf "| `%s` | %.2f | %.1f | %s | %.2f | %.0f |\n", label[i], sec[i], mbs, ratio, cpu[i], rss[i] / 1024
            }
        }' "$results"
    for note in "${skipped[@]+"${skipped[@]}"}"; do echo "- skipped: $note"; done
    echo
    echo "Per stage, in process, one core (\`scrapeclean-bench stages\`, --to $target):"
    echo
    echo "$stage_table"
    echo
    echo "Per fixture, in process, one core (\`scrapeclean-bench fixtures\`, --to $target): which kinds of page cost what."
    echo
    echo "$fixture_table"
    echo
    echo "Linear time (\`clean --jobs 1\`, one file each):"
    echo
    echo "| input | MB | seconds | MB/s (start-up subtracted) | (time − start-up) ÷ that of 1 MB | peak RSS (MB) |"
    echo "|---|---:|---:|---:|---:|---:|"
    paste "$linear_results" <(for f in empty content-1mb content-4mb content-16mb single-line-16mb repeated-line-16mb; do wc -c < "$work/linear/$f.txt"; done) \
    | awk -F'\t' '
        NR == 1 { startup = $2; printf "| %s | 0 | %.2f | – | – | %.0f |\n", $1, $2, $3 / 1024; next }
        NR == 2 { base = $2 - startup }
        {
            mb = $6 / 1048576
            work = $2 - startup
            note = $4 == 0 ? "" : ($4 == 124 ? " (timed out)" : " (failed, exit " $4 ")")
            printf "| %s%s | %.1f | %.2f | %.1f | %.1f | %.0f |\n", $1, note, mb, $2, (work > 0 ? mb / work : 0), (base > 0 ? work / base : 0), $3 / 1024
        }'
} | tee "$report"
