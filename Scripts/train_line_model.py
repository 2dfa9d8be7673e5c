#!/usr/bin/env python3
"""Trains the learned line model of the boilerplate stage (`model.line`) and writes its file.

Features come from `scrapeclean-bench line-features` (this script computes none): the
cleaner runs on the labelled pages up to the line model and dumps, per line it sees, the
feature vector and the line's bigram buckets. The script

1. dumps the training pages with an empty vocabulary and joins each line with its label
   (C chrome = 1; B, T and M = 0: the model removes whole lines, a mixed line keeps its body);
2. learns the bigram vocabulary (smoothed log-odds chrome vs body per hash bucket). So that the
   trees do not learn to trust a vocabulary that has seen the very lines they are trained on,
   the training features are cross-fitted: the training domains are split in 4 groups and each
   group is dumped again with a vocabulary learned on the other 3;
3. trains LightGBM 4.5.0 (binary, 100 trees x 15 leaves, deterministic, one thread, fixed seed)
   on those features;
4. writes the model file (format: Sources/ScrapeClean/Resources/data/README.md) with the
   vocabulary learned on all training pages and the trees, and checks that walking the written
   trees gives LightGBM's raw scores.

With --inputs FILE it also writes the fingerprint of what it trained on (`inputs_crc32`:
CRC-32 over the feature names and every training line's page, number, label, text, buckets
and feature bits): LineModelTests computes the same from the cleaner as built and fails when a
rule, feature or label change has made the committed model stale.

Usage:
  Scripts/train_line_model.py --out FILE [--inputs FILE] [--exclude-domains LIST] [--only-domains LIST]
Scripts/train_line_model.sh builds and runs this for the shipped model.
"""
import argparse
import collections
import hashlib
import math
import os
import struct
import subprocess
import sys
import tempfile
import zlib

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from eval_boilerplate import load_pages  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BUCKET_BITS = 16
BUCKETS = 1 << BUCKET_BITS
SCALE = 1.0 / 16          # vocabulary weights are Int8 * SCALE (about -7.9 ... 7.9)
SMOOTHING = 2.0           # added to both counts of a bucket
SHRINK = 5.0              # weight * n / (n + SHRINK): rare bigrams say little
INNER_GROUPS = 4
PARAMS = {
    "objective": "binary", "num_leaves": 15, "learning_rate": 0.15, "min_data_in_leaf": 20,
    "lambda_l2": 1.0, "feature_fraction": 1.0, "bagging_fraction": 1.0, "bagging_freq": 0,
    "deterministic": True, "num_threads": 1, "seed": 15, "force_row_wise": True, "verbose": -1,
}
TREES = 100
BODY_WEIGHT = 3.0         # a body line lost costs more than a chrome line left (3: on the tuned folds +0.0–0.4 points of chrome at 0.995 and +0.2–0.6 at 0.98, no body line lost)


def stable_group(domain, groups, salt):
    return int(hashlib.sha256((salt + domain).encode()).hexdigest(), 16) % groups


def read_domain_list(path):
    with open(path, encoding="utf-8") as handle:
        return {line.strip() for line in handle if line.strip() and not line.startswith("#")}


def dump(bench, pages, model=None):
    """Runs `scrapeclean-bench line-features` on `pages`; returns (feature names, rows) with rows
    (page, origin, text, buckets, features)."""
    with tempfile.TemporaryDirectory(prefix="scrapeclean-linemodel-") as work:
        docs = os.path.join(work, "docs")
        os.makedirs(docs)
        for stem, _, lines in pages:
            with open(os.path.join(docs, stem + ".txt"), "w", encoding="utf-8") as handle:
                handle.write("\n".join(line["text"] for line in lines) + "\n")
        out = os.path.join(work, "features.tsv")
        command = [bench, "line-features", docs, out] + ([model] if model else [])
        run = subprocess.run(command, capture_output=True, text=True)
        if run.returncode != 0:
            sys.exit(f"train_line_model: {' '.join(command)} failed: {run.stderr.strip()}")
        rows = []
        with open(out, encoding="utf-8") as handle:
            header = handle.readline().rstrip("\n").split("\t")
            names = header[4].split(",")
            for raw in handle:
                page, origin, text, buckets, features = raw.rstrip("\n").split("\t")
                rows.append((page, int(origin), text, [int(b) for b in buckets.split()],
                             np.array(features.split(","), dtype=np.float32)))
    return names, rows


def labels_of(pages, rows):
    by_page = {stem: lines for stem, _, lines in pages}
    labels = []
    for page, origin, text, _, _ in rows:
        line = by_page[page][origin - 1]
        if line["text"].strip() != text.strip() and line["label"] != "_":
            pass  # the line was cut by a rule (span removed); its label still holds
        labels.append(1 if line["label"] == "C" else 0)
    return np.array(labels, dtype=np.int32)


def learn_vocabulary(rows, labels):
    """Int8 log-odds chrome vs body per bucket, from the distinct buckets of each line."""
    chrome = np.zeros(BUCKETS, dtype=np.float64)
    body = np.zeros(BUCKETS, dtype=np.float64)
    for (_, _, _, buckets, _), label in zip(rows, labels):
        if label:
            chrome[buckets] += 1
        else:
            body[buckets] += 1
    prior = math.log((chrome.sum() + 1) / (body.sum() + 1))
    odds = np.log((chrome + SMOOTHING) / (body + SMOOTHING)) - prior
    seen = chrome + body
    odds *= seen / (seen + SHRINK)
    return np.clip(np.rint(odds / SCALE), -127, 127).astype(np.int8)


def fnv1a(data):
    value = 0x811C9DC5
    for byte in data:
        value = ((value ^ byte) * 0x01000193) & 0xFFFFFFFF
    return value


def float32_at_most(value):
    """The largest float32 not above `value`: `x <= value` and `x <= it` agree for float32 x."""
    rounded = np.float32(value)
    if float(rounded) > value:
        rounded = np.nextafter(rounded, np.float32(-np.inf))
    return rounded


def flatten_trees(booster):
    """(roots, nodes) with nodes (feature, threshold, left, right, value), children after parents."""
    roots, nodes = [], []
    for tree in booster.dump_model()["tree_info"]:
        roots.append(len(nodes))
        stack = [(tree["tree_structure"], None, None)]

        def walk(node):
            index = len(nodes)
            if "leaf_value" in node:
                nodes.append([-1, np.float32(0), 0, 0, np.float32(node["leaf_value"])])
                return index
            if node["decision_type"] != "<=" or node.get("missing_type", "None") not in ("None",):
                sys.exit(f"train_line_model: unsupported split {node['decision_type']} {node.get('missing_type')}")
            nodes.append([node["split_feature"], float32_at_most(node["threshold"]), 0, 0, np.float32(0)])
            nodes[index][2] = walk(node["left_child"])
            nodes[index][3] = walk(node["right_child"])
            return index

        del stack
        walk(tree["tree_structure"])
    return roots, nodes


def raw_scores(roots, nodes, features):
    scores = np.zeros(len(features), dtype=np.float64)
    for row, vector in enumerate(features):
        total = 0.0
        for root in roots:
            index = root
            while nodes[index][0] >= 0:
                feature, threshold, left, right, _ = nodes[index]
                index = left if vector[feature] <= threshold else right
            total += float(nodes[index][4])
        scores[row] = total
    return scores


def write_model(path, names, weights, roots, nodes):
    layout = fnv1a("\n".join(names).encode())
    data = bytearray(b"SCLM")
    data += struct.pack("<IIIIfII", 1, len(names), layout, BUCKET_BITS, SCALE, len(roots), len(nodes))
    data += weights.tobytes()
    data += struct.pack(f"<{len(roots)}I", *roots)
    for feature, threshold, left, right, value in nodes:
        data += struct.pack("<ifiif", feature, threshold, left, right, value)
    data += struct.pack("<I", fnv1a(data))
    with open(path, "wb") as handle:
        handle.write(data)


def inputs_fingerprint(names, rows, labels):
    """CRC-32 (zlib's) of the training dump (empty vocabulary) and its labels, serialized as
    `names\n` then per line, pages in name order and lines in order,
    `page\torigin\tlabel\ttext\tbuckets\tfeature bits (hex)\n`. LineModelTests serializes the
    cleaner's `lineModelRows` the same way."""
    order = sorted(range(len(rows)), key=lambda i: (rows[i][0], rows[i][1]))
    value = zlib.crc32((",".join(names) + "\n").encode())
    for i in order:
        page, origin, text, buckets, vector = rows[i]
        bits = ",".join("%08x" % b for b in vector.astype(np.float32).view(np.uint32))
        line = f"{page}\t{origin}\t{int(labels[i])}\t{text}\t{' '.join(map(str, buckets))}\t{bits}\n"
        value = zlib.crc32(line.encode(), value)
    return value


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", default=os.path.join(ROOT, "Benchmarks/boilerplate/pages"))
    parser.add_argument("--bench", default=os.path.join(ROOT, ".build/release/scrapeclean-bench"))
    parser.add_argument("--out", required=True)
    parser.add_argument("--inputs", help="write the fingerprint of the training lines here")
    parser.add_argument("--exclude-domains", help="file of domains not to train on")
    parser.add_argument("--only-domains", help="file of the only domains to train on")
    args = parser.parse_args()

    import lightgbm
    if lightgbm.__version__ != "4.5.0":
        sys.exit(f"train_line_model: needs lightgbm 4.5.0 (pip install lightgbm==4.5.0), found {lightgbm.__version__}")

    pages = load_pages(args.pages)
    if args.exclude_domains:
        excluded = read_domain_list(args.exclude_domains)
        pages = [p for p in pages if p[1].get("domain") not in excluded]
    if args.only_domains:
        only = read_domain_list(args.only_domains)
        pages = [p for p in pages if p[1].get("domain") in only]
    if not pages:
        sys.exit("train_line_model: no training pages")

    names, rows = dump(args.bench, pages)
    labels = labels_of(pages, rows)
    domain_of = {stem: header.get("domain", stem) for stem, header, _ in pages}

    # Cross-fitted vocabulary features for the training rows.
    with tempfile.TemporaryDirectory(prefix="scrapeclean-linemodel-") as work:
        features_by_key = {}
        for group in range(INNER_GROUPS):
            inside = [i for i, row in enumerate(rows) if stable_group(domain_of[row[0]], INNER_GROUPS, "inner") != group]
            vocabulary = learn_vocabulary([rows[i] for i in inside], labels[inside])
            vocabulary_file = os.path.join(work, f"vocabulary{group}.bin")
            write_model(vocabulary_file, names, vocabulary, [], [])
            group_pages = [p for p in pages if stable_group(domain_of[p[0]], INNER_GROUPS, "inner") == group]
            if not group_pages:
                continue
            _, group_rows = dump(args.bench, group_pages, vocabulary_file)
            for page, origin, _, _, vector in group_rows:
                features_by_key[(page, origin)] = vector
    features = np.stack([features_by_key[(page, origin)] for page, origin, _, _, _ in rows])

    dataset = lightgbm.Dataset(features, label=labels, weight=np.where(labels == 1, 1.0, BODY_WEIGHT), feature_name=names, free_raw_data=False,
                               params={"max_bin": 255, "verbose": -1})
    booster = lightgbm.train(PARAMS, dataset, num_boost_round=TREES)
    roots, nodes = flatten_trees(booster)
    expected = booster.predict(features, raw_score=True)
    walked = raw_scores(roots, nodes, features)
    worst = float(np.max(np.abs(expected - walked)))
    if worst > 1e-4:
        sys.exit(f"train_line_model: the written trees disagree with LightGBM by {worst}")

    weights = learn_vocabulary(rows, labels)
    write_model(args.out, names, weights, roots, nodes)
    if args.inputs:
        with open(args.inputs, "w", encoding="utf-8") as handle:
            handle.write("# The lines linemodel.bin was trained on (Scripts/train_line_model.py --inputs; checked by\n"
                         "# LineModelTests: a different fingerprint means rerun Scripts/train_line_model.sh).\n")
            handle.write(f"inputs_crc32 {inputs_fingerprint(names, rows, labels):08x}\n")
            handle.write(f"pages {len(pages)}\nlines {len(rows)}\nchrome {int(labels.sum())}\n")
            handle.write(f"model_fnv1a32 {fnv1a(open(args.out, 'rb').read()):08x}\n")
    print(f"train_line_model: {len(pages)} pages, {len(rows)} lines ({int(labels.sum())} chrome), "
          f"{len(roots)} trees, {len(nodes)} nodes -> {args.out} ({os.path.getsize(args.out)} bytes)",
          file=sys.stderr)


if __name__ == "__main__":
    main()
