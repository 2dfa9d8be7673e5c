#!/usr/bin/env python3
"""Writes the expected line-model scores of one labelled page, for LineModelTests.

Reads a model file (default: the shipped Sources/ScrapeClean/Resources/data/linemodel.bin),
dumps the page's line features with `scrapeclean-bench line-features` under that model, and
walks the file's trees in Python (not in Swift): the first trees over the line's features, the
context (LineContextFeatures) recomputed here from those scores and checked against the dumped
one, then the second trees; prints `origin<TAB>score<TAB>text` with the score the sigmoid of
the second trees' sum. Run after Scripts/train_line_model.sh:

  Scripts/line_model_scores.py biyelunwen.org--1 > Tests/ScrapeCleanTests/Resources/linemodel-scores.tsv
"""
import argparse
import math
import os
import struct
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from eval_boilerplate import load_pages  # noqa: E402
from train_line_model import BUCKETS, ROOT, dump, raw_scores  # noqa: E402


def read_trees(path):
    """((roots, nodes) of the first trees, (roots, nodes) of the second) of a version 2 file."""
    data = open(path, "rb").read()
    magic, version, features, layout, bits, scale, t1, n1, t2, n2 = struct.unpack_from("<4sIIIIfIIII", data, 0)
    if magic != b"SCLM" or version != 2 or bits != 16:
        sys.exit(f"line_model_scores: {path} is not a version 2 line model")
    offset = struct.calcsize("<4sIIIIfIIII") + BUCKETS
    sets = []
    for trees, count in ((t1, n1), (t2, n2)):
        roots = list(struct.unpack_from(f"<{trees}I", data, offset))
        offset += 4 * trees
        nodes = [list(struct.unpack_from("<ifiif", data, offset + 20 * i)) for i in range(count)]
        offset += 20 * count
        sets.append((roots, nodes))
    return sets


BODY_SCORE = -8.0   # LineContextFeatures.bodyScore


def context(names, rows, first):
    """LineContextFeatures of one page's rows from the first trees' raw scores (float32 like Swift)."""
    han, punctuation = names.index("han"), names.index("sentence_punctuation")
    sentence = [row[4][han] >= 20 and row[4][punctuation] > 0 for row in rows]
    candidate = [row[4][han] < 60 and not s for row, s in zip(rows, sentence)]
    score = [np.float32(f) if c else np.float32(BODY_SCORE) for f, c in zip(first, candidate)]
    n = len(rows)
    runs = [np.float32(BODY_SCORE)] * n
    start = 0
    while start < n:
        if sentence[start]:
            start += 1
            continue
        end = start
        while end < n and not sentence[end]:
            end += 1
        mean = np.float32(sum(float(v) for v in score[start:end]) / (end - start))
        runs[start:end] = [mean] * (end - start)
        start = end
    out = []
    for i in range(n):
        at = lambda j: score[j] if 0 <= j < n else np.float32(BODY_SCORE)
        window = [score[j] for j in range(max(0, i - 2), min(n, i + 3)) if j != i]
        total = np.float32(0)
        for v in window:
            total = np.float32(total + v)
        out.append([at(i - 2), at(i - 1), at(i + 1), at(i + 2),
                    max(window) if window else np.float32(BODY_SCORE),
                    np.float32(total / np.float32(len(window))) if window else np.float32(BODY_SCORE), runs[i]])
    return np.array(out, dtype=np.float32)


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
    (roots1, nodes1), (roots2, nodes2) = read_trees(args.model)
    names, rows = dump(args.bench, pages, args.model)
    base = names.index("first_prev2")
    first = raw_scores(roots1, nodes1, [row[4][:base] for row in rows])
    computed = context(names, rows, first)
    dumped = np.array([row[4][base:] for row in rows])
    worst = float(np.max(np.abs(computed - dumped))) if rows else 0.0
    if worst > 1e-4:
        sys.exit(f"line_model_scores: the context computed here differs from the dumped one by {worst}")
    features = [np.concatenate([row[4][:base], c]) for row, c in zip(rows, computed)]
    scores = raw_scores(roots2, nodes2, features) if roots2 else first
    print(f"# origin\tscore\ttext  ({args.page}, shipped linemodel.bin; scores from Python walking the file's trees over the dumped features)")
    for (_, origin, text, _, _), raw in zip(rows, scores):
        print(f"{origin}\t{1 / (1 + math.exp(-raw)):.7f}\t{text}")


if __name__ == "__main__":
    main()
