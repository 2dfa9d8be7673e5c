#!/usr/bin/env bash
# Fingerprints what `scrapeclean clean --report` writes for every input the cleaner is judged on:
# the labelled pages (Benchmarks/boilerplate/pages/, their text extracted as
# Scripts/eval_boilerplate.py does), the fixtures' inputs, /work/shared/samples/web,
# /work/shared/seeds and a small bench corpus. Prints one sha256 per input set (outputs and
# report), so a speed change can be checked to leave output and report byte-identical:
#
#   Scripts/check_output_identical.sh [BINARY] > /tmp/before.txt   # old binary
#   Scripts/check_output_identical.sh [BINARY] > /tmp/after.txt    # new binary
#   diff /tmp/before.txt /tmp/after.txt
#
# BINARY defaults to .build/release/scrapeclean. Writes only under $TMPDIR.
set -euo pipefail
cd "$(dirname "$0")/.."
bin="$(realpath "${1:-.build/release/scrapeclean}")"
bench="$(dirname "$bin")/scrapeclean-bench"
work="$(mktemp -d "${TMPDIR:-/tmp}/scrapeclean-identical.XXXXXX")"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/pages" "$work/fixtures" "$work/web" "$work/seeds" "$work/corpus"
python3 - Benchmarks/boilerplate/pages "$work/pages" <<'PY'
import os, sys
sys.path.insert(0, "Scripts")
from eval_boilerplate import load_pages
for stem, _, lines in load_pages(sys.argv[1]):
    with open(os.path.join(sys.argv[2], stem + ".txt"), "w", encoding="utf-8") as handle:
        handle.write("\n".join(line["text"] for line in lines) + "\n")
PY
for dir in Fixtures/*/; do cp "$dir/input.txt" "$work/fixtures/$(basename "$dir").txt"; done
[ -d /work/shared/samples/web ] && cp /work/shared/samples/web/* "$work/web/"
[ -d /work/shared/seeds ] && cp /work/shared/seeds/* "$work/seeds/"
"$bench" corpus Fixtures "$work/corpus" 4 >/dev/null 2>&1
mv "$work/corpus/docs" "$work/corpus-docs" && rm -rf "$work/corpus" && mv "$work/corpus-docs" "$work/corpus"
for set in pages fixtures web seeds corpus; do
  # Relative paths, so that the report names the same files whatever the work folder.
  (cd "$work/$set" && "$bin" clean . -o "$work/out-$set" --report "$work/report-$set.jsonl" --quiet)
  outputs="$(cd "$work/out-$set" 2>/dev/null && find . -type f | sort | xargs -r sha256sum | sha256sum | cut -c1-16)"
  report="$(sha256sum < "$work/report-$set.jsonl" | cut -c1-16)"
  echo "$set: $(ls "$work/$set" | wc -l) inputs, outputs $outputs, report $report"
done
