#!/usr/bin/env python3
"""Labels a fixture's input as a labelled page (Benchmarks/boilerplate/FORMAT.md) from what
the cleaner removes from it. A fixture's expected.txt was written by hand and the cleaner
reproduces it exactly (`scrapeclean fixtures` passes), so the boilerplate edits of
`scrapeclean clean --report` on input.txt say which input lines the editor removed: a line
removed whole is chrome (`C`), a line with spans cut is mixed (`M`, each cut span a `+` line),
every other line is body (`B`), and the first body line equal to the fixture's metadata title
is the title (`T`). Run it only while the fixtures pass; then read the result.

Usage: Scripts/label_from_fixtures.py --binary .build/release/scrapeclean FIXTURE_DIR URL DOMAIN FAMILY OUT.tsv
"""
import argparse
import json
import os
import subprocess
import tempfile


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", default=".build/release/scrapeclean")
    parser.add_argument("fixture")
    parser.add_argument("url")
    parser.add_argument("domain")
    parser.add_argument("family")
    parser.add_argument("out")
    args = parser.parse_args()
    source_path = os.path.join(args.fixture, "input.txt")
    with tempfile.TemporaryDirectory() as work:
        report = os.path.join(work, "report.json")
        subprocess.run([args.binary, "clean", source_path, "--report", report, "--quiet"],
                       check=True, stdout=subprocess.DEVNULL)
        with open(report, encoding="utf-8") as handle:
            record = json.load(handle)
        cleaned = subprocess.run([args.binary, "clean", source_path, "--quiet",
                                  "--disable", "layout.join-broken-line"],
                                 check=True, capture_output=True).stdout
    with open(source_path, "rb") as handle:
        raw = handle.read()
    text = raw.decode("utf-8", errors="replace").lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    whole, spans = set(), {}
    for edit in record.get("edits", []):
        if edit.get("stage") != "boilerplate" or edit.get("line", 0) <= 0:
            continue
        number = edit["line"]
        if edit.get("column") is None:
            whole.add(number)
        else:
            spans.setdefault(number, []).append(edit["removed"])
    title = None
    meta_path = os.path.join(args.fixture, "expected.json")
    if os.path.exists(meta_path):
        with open(meta_path, encoding="utf-8") as handle:
            title = json.load(handle).get("title")
    rows, title_done = [], False
    for number, line in enumerate(lines, 1):
        line = line.rstrip()
        if not line.strip():
            rows.append("_")
        elif number in whole:
            rows.append(f"C\t{line}")
        elif number in spans and all(span and span in line for span in spans[number]):
            rows.append(f"M\t{line}")
            rows.extend(f"+\t{span}" for span in spans[number])
        else:
            is_title = not title_done and title is not None and line.strip() == title
            title_done = title_done or is_title
            rows.append(("T" if is_title else "B") + f"\t{line}")
    source = "shared-seeds" if os.path.basename(args.fixture.rstrip("/")).startswith("seed-") else "shared-samples"
    with open(args.out, "w", encoding="utf-8") as handle:
        handle.write(f"# url: {args.url}\n# domain: {args.domain}\n# family: {args.family}\n# script: simplified\n")
        handle.write(f"# source: {source}\n")
        handle.write(f"# note: labelled from Fixtures/{os.path.basename(args.fixture.rstrip('/'))} "
                     "(the hand-written expected.txt, attributed to input lines by the cleaner's edits)\n")
        handle.write("\n".join(rows) + "\n")


if __name__ == "__main__":
    main()
