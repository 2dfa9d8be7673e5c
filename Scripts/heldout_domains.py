#!/usr/bin/env python3
"""Prints the held-out domains of the labelled pages: a fixed 30% of registrable domains.

A domain is held out when the first 8 hex digits of SHA-256 of its name (UTF-8, lower case),
read as an integer, modulo 100, is below 30. The rule was fixed before any page was read, so the
split does not depend on what the pages say, and a domain keeps its side when pages are added.
Rules are tuned on the other 70% only; `Scripts/eval_boilerplate.py --domain-list` measures each side.

Usage:
  Scripts/heldout_domains.py [--pages DIR] [--tuned]   # --tuned prints the other 70% instead
  Scripts/heldout_domains.py > Benchmarks/boilerplate/heldout-domains.txt
"""
import argparse
import hashlib
import pathlib


def is_held_out(domain: str) -> bool:
    digest = hashlib.sha256(domain.lower().encode("utf-8")).hexdigest()
    return int(digest[:8], 16) % 100 < 30


def domains(pages: pathlib.Path):
    found = set()
    for path in sorted(pages.glob("*.tsv")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("# domain:"):
                found.add(line.split(":", 1)[1].strip().lower())
                break
            if not line.startswith("#"):
                break
    return sorted(found)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    root = pathlib.Path(__file__).resolve().parent.parent
    parser.add_argument("--pages", default=str(root / "Benchmarks/boilerplate/pages"))
    parser.add_argument("--tuned", action="store_true", help="print the tuning side (70%%) instead")
    args = parser.parse_args()
    for domain in domains(pathlib.Path(args.pages)):
        if is_held_out(domain) != args.tuned:
            print(domain)


if __name__ == "__main__":
    main()
