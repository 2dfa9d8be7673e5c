#!/usr/bin/env python3
"""Writes the expected line-model scores of one labelled page, for LineModelTests.

Reads a model file (default: the shipped Sources/ScrapeClean/Resources/data/linemodel.bin),
dumps the page's line features with `scrapeclean-bench line-features` under that model, and
walks the file's trees in Python (not in Swift), printing `origin<TAB>score<TAB>text` with the
score the sigmoid of the tree sum. Run after Scripts/train_line_model.sh:

  Scripts/line_model_scores.py biyelunwen.org--1 > Tests/ScrapeCleanTests/Resources/linemodel-scores.tsv
"""
import argparse
import math
import os
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from eval_boilerplate import load_pages  # noqa: E402
from train_line_model import BUCKETS, ROOT, dump, raw_scores  # noqa: E402


def read_trees(path):
    data = open(path, "rb").read()
    magic, version, features, layout, bits, scale, trees, count = struct.unpack_from("<4sIIIIfII", data, 0)
    if magic != b"SCLM" or version != 1 or bits != 16:
        sys.exit(f"line_model_scores: {path} is not a version 1 line model")
    offset = struct.calcsize("<4sIIIIfII") + BUCKETS
    roots = list(struct.unpack_from(f"<{trees}I", data, offset))
    offset += 4 * trees
    nodes = [list(struct.unpack_from("<ifiif", data, offset + 20 * i)) for i in range(count)]
    return roots, nodes


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("page", help="a labelled page's stem, e.g. biyelunwen.org--1")
    parser.add_argument("--model", default=os.path.join(ROOT, "Sources/ScrapeClean/Resources/data/linemodel.bin"))
    parser.add_argument("--bench", default=os.path.join(ROOT, ".build/release/scrapeclean-bench"))
    parser.add_argument("--pages", default=os.path.join(ROOT, "Benchmarks/boilerplate/pages"))
    args = parser.parse_args()
    pages = [p for p in load_pages(args.pages) if p[0] == args.page]
    if not pages:
        sys.exit(f"line_model_scores: no labelled page {args.page} in {args.pages}")
    roots, nodes = read_trees(args.model)
    _, rows = dump(args.bench, pages, args.model)
    scores = raw_scores(roots, nodes, [row[4] for row in rows])
    print(f"# origin\tscore\ttext  ({args.page}, shipped linemodel.bin; scores from Python walking the file's trees over the dumped features)")
    for (_, origin, text, _, _), raw in zip(rows, scores):
        print(f"{origin}\t{1 / (1 + math.exp(-raw)):.7f}\t{text}")


if __name__ == "__main__":
    main()
