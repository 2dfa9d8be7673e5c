#!/usr/bin/env python3
"""Which rules and detectors remove what on the labelled pages (Benchmarks/boilerplate/pages):
per rule id, the chrome lines it removed and the body or title lines it cut into, with a few
examples of the body it cut. Run after a change to a rule to see what it costs on sites it was
not written from.

Usage: Scripts/eval_boilerplate_rules.py [--pages DIR] [--binary PATH] [--domain-list FILE]
                                         [--arg=...] [--examples N]
"""
import argparse
import collections
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from eval_boilerplate import COUNTED_STAGES, clean_pages, content, load_pages  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    parser.add_argument("--pages", default=os.path.join(root, "Benchmarks/boilerplate/pages"))
    parser.add_argument("--binary", default=os.path.join(root, ".build/release/scrapeclean"))
    parser.add_argument("--domain-list")
    parser.add_argument("--arg", action="append", default=[])
    parser.add_argument("--examples", type=int, default=3)
    args = parser.parse_args()
    domains = None
    if args.domain_list:
        with open(args.domain_list, encoding="utf-8") as handle:
            domains = {line.strip() for line in handle if line.strip()}
    pages = load_pages(args.pages, domains)
    edits_by_stem = clean_pages(pages, args.binary, args.arg)

    chrome = collections.Counter()
    body = collections.Counter()
    examples = collections.defaultdict(list)
    for stem, _, lines in pages:
        for edit in edits_by_stem.get(stem, []):
            rule = edit.get("rule", "")
            if edit.get("stage") not in COUNTED_STAGES and not rule.startswith("corpus."):
                continue
            line = edit.get("line", 0)
            for offset, part in enumerate(edit.get("removed", "").split("\n")):
                number = line + offset
                if not content(part) or not 1 <= number <= len(lines):
                    continue
                label = lines[number - 1]["label"]
                if label == "C":
                    chrome[rule] += 1
                elif label in ("B", "T", "M"):
                    # An M line's cut counts against the rule only beyond its chrome spans.
                    if label == "M" and len(content(part)) <= sum(len(content(s)) for s in lines[number - 1]["spans"]):
                        chrome[rule] += 1
                        continue
                    body[rule] += 1
                    if len(examples[rule]) < args.examples:
                        examples[rule].append(f"{stem}:{number} {lines[number - 1]['text'][:70]}")
    rules = sorted(set(chrome) | set(body), key=lambda r: (-body[r], -chrome[r]))
    print(f"{'rule':<36} {'chrome':>7} {'body':>5}  precision")
    for rule in rules:
        total = chrome[rule] + body[rule]
        print(f"{rule:<36} {chrome[rule]:>7} {body[rule]:>5}  {100 * chrome[rule] / total:6.1f}%")
    print("\nbody cut, examples:")
    for rule in rules:
        for example in examples[rule]:
            print(f"  {rule:<34} {example}")


if __name__ == "__main__":
    main()
