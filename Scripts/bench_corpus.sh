#!/usr/bin/env bash
# Corpus-scale benchmark: throughput of `clean` over JSON Lines and a folder with 1 and all
# cores (on SCALING_MB), and peak resident memory on a large JSONL file and a large folder
# (SIZE_MB, all cores).
#
# Usage: Scripts/bench_corpus.sh [SIZE_MB] [SCALING_MB]   (defaults 2048 and 64: the 2 GB
#        memory-bound check, and the jobs scaling on 64 MB)
#        SCRAPECLEAN_BENCH_PART=scaling|memory runs one half only.
# Needs /usr/bin/time (apt-get install time). Builds release. Writes only under $TMPDIR.
set -euo pipefail
cd "$(dirname "$0")/.."
size_mb="${1:-2048}"
scaling_mb="${2:-64}"
part="${SCRAPECLEAN_BENCH_PART:-all}"
work="${TMPDIR:-/tmp}/scrapeclean-bench-corpus/$size_mb"
mkdir -p "$work"
command -v /usr/bin/time >/dev/null || { echo "needs /usr/bin/time: apt-get install -y time" >&2; exit 2; }

swift build -c release --scratch-path .build-bench --product scrapeclean >/dev/null
bin="$(swift build -c release --scratch-path .build-bench --show-bin-path)/scrapeclean"

# A JSON Lines corpus of the fixture inputs, repeated to SIZE_MB.
python3 - "$work/corpus.jsonl" "$size_mb" <<'PY'
import json, os, sys
out, size = sys.argv[1], int(sys.argv[2]) << 20
docs = []
for name in sorted(os.listdir("Fixtures")):
    p = os.path.join("Fixtures", name, "input.txt")
    if os.path.isfile(p):
        docs.append(open(p, "rb").read().decode("utf-8", "replace"))
if os.path.exists(out) and os.path.getsize(out) >= size:
    sys.exit(0)
written, n = 0, 0
with open(out, "w", encoding="utf-8") as f:
    while written < size:
        line = json.dumps({"id": n, "text": docs[n % len(docs)]}, ensure_ascii=False) + "\n"
        f.write(line); written += len(line.encode()); n += 1
PY
bytes=$(stat -c %s "$work/corpus.jsonl")

# The same documents as a folder of text files, 1000 per subfolder.
folder="$work/folder"
if [ ! -d "$folder" ]; then
    mkdir -p "$folder"
    python3 - "$work/corpus.jsonl" "$folder" "$size_mb" <<'PY'
import json, os, sys
src, folder, size = sys.argv[1], sys.argv[2], int(sys.argv[3]) << 20
written = 0
with open(src, encoding="utf-8") as f:
    for n, line in enumerate(f):
        text = json.loads(line)["text"]
        sub = os.path.join(folder, f"{n // 1000:04d}")
        os.makedirs(sub, exist_ok=True)
        with open(os.path.join(sub, f"{n}.txt"), "w", encoding="utf-8") as out:
            out.write(text)
        written += len(text.encode())
        if written >= size:
            break
PY
fi
folder_bytes=$(du -sb "$folder" | cut -f1)

measure() { # label bytes command...
    local label=$1 size=$2; shift 2
    local log="$work/time.log"
    /usr/bin/time -v "$@" > /dev/null 2> "$log"
    local secs rss
    secs=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; print s}' "$log")
    rss=$(awk -F': ' '/Maximum resident set size/ {print int($2/1024)}' "$log")
    printf "| %-34s | %8.1f MB | %7.1f s | %7.1f MB/s | %6s MB |\n" "$label" "$(echo "$size/1048576" | bc -l)" "$secs" "$(echo "$size/1048576/$secs" | bc -l)" "$rss"
}

echo "scrapeclean corpus benchmark — $(date -u +%Y-%m-%d), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo
echo "| run                                | input      | time      | throughput   | peak RSS |"
echo "|------------------------------------|------------|-----------|--------------|----------|"
if [ "$part" != memory ]; then
    # Scaling: the first SCALING_MB of the JSONL corpus, and as many folder documents.
    python3 - "$work/corpus.jsonl" "$scaling_mb" > "$work/scaling.jsonl" <<'PY'
import sys
limit, written = int(sys.argv[2]) << 20, 0
with open(sys.argv[1], "rb") as corpus:
    for line in corpus:
        written += len(line)
        if written > limit:
            break
        sys.stdout.buffer.write(line)
PY
    scaling_bytes=$(stat -c %s "$work/scaling.jsonl")
    scaling_docs=$(wc -l < "$work/scaling.jsonl")
    rm -rf "$work/scaling-folder"; mkdir -p "$work/scaling-folder"
    find "$folder" -name '*.txt' | sort -V | awk -v n="$scaling_docs" 'NR <= n' | xargs -d '\n' cp -t "$work/scaling-folder"
    scaling_folder_bytes=$(du -sb "$work/scaling-folder" | cut -f1)
    measure "clean --jsonl --jobs 1" "$scaling_bytes" "$bin" clean --jsonl --quiet --jobs 1 < "$work/scaling.jsonl"
    measure "clean --jsonl --jobs $(nproc)" "$scaling_bytes" "$bin" clean --jsonl --quiet --jobs "$(nproc)" < "$work/scaling.jsonl"
    rm -rf "$work/out"
    measure "clean folder -o --jobs 1" "$scaling_folder_bytes" "$bin" clean --quiet --jobs 1 "$work/scaling-folder" -o "$work/out"
    rm -rf "$work/out"
    measure "clean folder -o --jobs $(nproc)" "$scaling_folder_bytes" "$bin" clean --quiet --jobs "$(nproc)" "$work/scaling-folder" -o "$work/out"
    rm -rf "$work/out"
fi
if [ "$part" != scaling ]; then
    measure "clean --jsonl --jobs $(nproc) (memory)" "$bytes" "$bin" clean --jsonl --quiet --jobs "$(nproc)" < "$work/corpus.jsonl"
    rm -rf "$work/out"
    measure "clean folder -o --jobs $(nproc) (memory)" "$folder_bytes" "$bin" clean --quiet --jobs "$(nproc)" "$folder" -o "$work/out"
    rm -rf "$work/out"
    measure "stats folder (memory)" "$folder_bytes" "$bin" stats "$folder" -o "$work/stats.bin"
fi
