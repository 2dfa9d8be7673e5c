#!/usr/bin/env bash
# Fuzzes the whole cleaning pipeline from raw bytes with libFuzzer for a bounded time.
#
#   Scripts/fuzz.sh [SECONDS]        (default 60)
#
# Builds the scrapeclean-fuzz product optimized with -sanitize=fuzzer,address into .build-fuzz
# (its own scratch path, so the ordinary .build is untouched; optimized because a debug build
# under the sanitizer runs the pipeline ~50x slower than release, which both wastes the time
# budget and turns linear-but-heavy inputs into 30 s timeouts), seeds a corpus from Fixtures/*/input.txt
# plus re-encodings of them (GB18030, Big5, UTF-16 with BOM, truncated, spliced), then runs for
# SECONDS. Exits non-zero on a crash, leak or timeout, leaving the input in
# .build-fuzz/crashes/ (replay it with `swift run scrapeclean-fuzz FILE`).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
scratch=.build-fuzz

if ! command -v swift >/dev/null 2>&1 && [ -x /opt/swift/usr/bin/swift ]; then
    export PATH="/opt/swift/usr/bin:$PATH"
fi

echo "fuzz: building scrapeclean-fuzz (release) with -sanitize=fuzzer,address"
swift build -c release --scratch-path "$scratch" --product scrapeclean-fuzz \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library -Xswiftc -D -Xswiftc FUZZING
binary="$(swift build -c release --scratch-path "$scratch" --product scrapeclean-fuzz --show-bin-path \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library -Xswiftc -D -Xswiftc FUZZING)/scrapeclean-fuzz"

seeds="$scratch/seeds" corpus="$scratch/corpus" crashes="$scratch/crashes"
mkdir -p "$seeds" "$corpus" "$crashes"
# Seeds: each fixture as is (behind an option selector byte), re-encoded, cut and spliced.
# The first byte of a fuzz input picks the cleaner options (see FuzzTarget.swift).
index=0
previous=""
for input in Fixtures/*/input.txt; do
    name="$(basename "$(dirname "$input")")"
    selector="$(printf '\\x%02x' $((index % 8)))"
    { printf "$selector"; head -c 65000 "$input"; } > "$seeds/$name"
    if iconv -f UTF-8 -t GB18030 "$input" > /tmp/scrapeclean-fuzz-seed.$$ 2>/dev/null; then
        { printf '\x00'; head -c 65000 /tmp/scrapeclean-fuzz-seed.$$; } > "$seeds/$name.gb18030"
    fi
    if iconv -f UTF-8 -t BIG5 "$input" > /tmp/scrapeclean-fuzz-seed.$$ 2>/dev/null; then
        { printf '\x01'; head -c 65000 /tmp/scrapeclean-fuzz-seed.$$; } > "$seeds/$name.big5"
    fi
    if iconv -f UTF-8 -t UTF-16 "$input" > /tmp/scrapeclean-fuzz-seed.$$ 2>/dev/null; then
        { printf '\x02'; head -c 65000 /tmp/scrapeclean-fuzz-seed.$$; } > "$seeds/$name.utf16"
    fi
    # Cut at an odd byte (mid-character) and spliced onto the previous fixture's tail.
    size="$(wc -c < "$input")"
    { printf '\x03'; head -c $((size / 2 + 1)) "$input"; [ -n "$previous" ] && tail -c 3001 "$previous"; } > "$seeds/$name.spliced"
    previous="$input"
    index=$((index + 1))
done
rm -f /tmp/scrapeclean-fuzz-seed.$$

echo "fuzz: running for ${seconds}s ($(ls "$seeds" | wc -l) seeds)"
# Leak checking is off: swift-corelibs-foundation's NSRegularExpression keeps ~1 KB per compiled
# pattern (CFRegularExpressionCreate) that LeakSanitizer reports at exit; crashes, overflows
# and use-after-free are what this run looks for.
export ASAN_OPTIONS="detect_leaks=0:${ASAN_OPTIONS:-}"
set +e
"$binary" "$corpus" "$seeds" \
    -max_total_time="$seconds" -max_len=65536 -rss_limit_mb=2048 -timeout=30 \
    -artifact_prefix="$crashes/" -print_final_stats=1 -detect_leaks=0 > "$scratch/fuzz.log" 2>&1
status=$?
set -e
grep -E '^#[0-9]+.*(DONE|pulse)|^stat::|ERROR|SUMMARY|Test unit written|==[0-9]+==' "$scratch/fuzz.log" | tail -n 30
if [ "$status" -ne 0 ]; then
    tail -n 60 "$scratch/fuzz.log" >&2
    echo "fuzz: FAILED (exit $status); crashing input(s) in $crashes:" >&2
    ls -l "$crashes" >&2
    exit 1
fi
echo "fuzz: no crash in ${seconds}s"
