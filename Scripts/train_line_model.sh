#!/bin/sh
# Builds scrapeclean-bench, dumps the labelled pages' line features and trains the shipped line
# model (Sources/ScrapeClean/Resources/data/linemodel.bin) on every labelled page except the
# held-out domains (Benchmarks/boilerplate/heldout-domains.txt). Deterministic: two runs give
# the same bytes (sha256sum the file). linemodel.inputs.txt records the fingerprint of the lines it
# was trained on, which LineModelTests checks against the cleaner as built. Needs: pip install lightgbm==4.5.0 numpy
set -eu
cd "$(dirname "$0")/.."
# The same build flags as the test command, so that the two share one build.
swift build -c release -Xswiftc -enable-testing --product scrapeclean-bench
python3 Scripts/train_line_model.py --out Sources/ScrapeClean/Resources/data/linemodel.bin \
    --inputs Sources/ScrapeClean/Resources/data/linemodel.inputs.txt \
    --exclude-domains Benchmarks/boilerplate/heldout-domains.txt
sha256sum Sources/ScrapeClean/Resources/data/linemodel.bin
