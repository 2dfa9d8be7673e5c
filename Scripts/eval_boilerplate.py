#!/usr/bin/env python3
"""Measures boilerplate removal against the labelled pages in Benchmarks/boilerplate/pages.

Every page's text (Benchmarks/boilerplate/FORMAT.md) is written to a temporary folder and
cleaned by one `scrapeclean clean DIR -o OUT --report R` run. The report's edits of the
boilerplate stage and of the corpus statistics (`corpus.*` rules) are attributed to the input
lines they name, and each labelled line's content characters (Han, letters, digits) removed are
counted:

- a chrome line (`C`) counts as removed when at least 80% of its content is gone;
- a chrome span of a mixed line (`M` + `+`) counts as removed likewise, measured on the line;
- a body or title line (`B`, `T`, and the body part of an `M` line) counts as kept when at least
  99% of its content survives; body characters kept are summed over all of them.

Precision of removal is over the labelled lines the cleaner removed (>= 80% of their content):
the share that were chrome. Only boilerplate-stage and corpus edits count: mojibake repair,
punctuation and layout are not boilerplate decisions.

Usage:
  Scripts/eval_boilerplate.py [--pages DIR] [--binary PATH] [--domain-list FILE]
                              [--arg=--disable=model.line ...] [--json OUT] [--worst N]
                              [--by-rule [--lost-lines N]]

Prints overall numbers, a table per family, and the worst pages (most body lost, most chrome
left); with --by-rule, a table per rule id of the chrome lines it removed and the body lines it
lost (each line charged to the rule that removed most of its content). Exit status 0 unless the cleaner fails.
"""
import argparse
import collections
import json
import os
import subprocess
import sys
import tempfile
import unicodedata

COUNTED_STAGES = {"boilerplate"}


def content(text):
    """The characters that carry content: letters (Han included) and digits, NFKC-folded so
    full-width and half-width forms compare equal."""
    folded = unicodedata.normalize("NFKC", text)
    return [c for c in folded if c.isalnum()]


def parse_page(path):
    header = collections.OrderedDict()
    lines = []  # dicts: label, text, spans
    with open(path, encoding="utf-8") as handle:
        raw_lines = handle.read().split("\n")
    if raw_lines and raw_lines[-1] == "":
        raw_lines.pop()
    started = False
    for raw in raw_lines:
        if not started and raw.startswith("# "):
            key, _, value = raw[2:].partition(": ")
            header.setdefault(key.strip(), value)
            continue
        started = True
        if raw == "_":
            lines.append({"label": "_", "text": "", "spans": []})
            continue
        label, _, text = raw.partition("\t")
        if label == "+":
            if lines and lines[-1]["label"] == "M":
                lines[-1]["spans"].append(text)
            continue
        lines.append({"label": label, "text": text, "spans": []})
    return header, lines


def removed_content_by_line(edits, line_count, by_rule=None):
    """Content characters removed per input line (1-based), from the report's edits. With
    `by_rule` (a dict), also records per line the characters each rule id removed:
    `by_rule[line][rule]`."""
    removed = collections.defaultdict(int)
    for edit in edits:
        stage, rule = edit.get("stage"), edit.get("rule", "")
        if stage not in COUNTED_STAGES and not rule.startswith("corpus."):
            continue
        line = edit.get("line", 0)
        if line <= 0:
            continue
        text = edit.get("removed", "")
        if not text:
            continue
        for offset, part in enumerate(text.split("\n")):
            if line + offset <= line_count:
                removed[line + offset] += len(content(part))
                if by_rule is not None and content(part):
                    by_rule.setdefault(line + offset, collections.Counter())[rule] += len(content(part))
    return removed


def evaluate_page(lines, edits, rule_tally=None, stem=""):
    """Counts of one page. With `rule_tally` (a ``RuleTally``), every removed chrome line and
    every lost body line is also charged to the rule that removed most of its content."""
    by_rule = {} if rule_tally is not None else None
    removed = removed_content_by_line(edits, len(lines), by_rule)
    result = collections.Counter()
    for number, line in enumerate(lines, 1):
        label = line["label"]
        if label == "_":
            continue
        total = len(content(line["text"]))
        if total == 0:
            continue
        gone = min(removed.get(number, 0), total)
        culprit = by_rule[number].most_common(1)[0][0] if by_rule and number in by_rule else None
        if label == "C":
            result["chrome_lines"] += 1
            result["chrome_chars"] += total
            if gone >= 0.8 * total:
                result["chrome_removed"] += 1
                if rule_tally is not None:
                    rule_tally.chrome_removed[culprit] += 1
            result["chrome_chars_removed"] += gone
        elif label in ("B", "T"):
            result["body_lines"] += 1
            result["body_chars"] += total
            result["body_chars_kept"] += total - gone
            if total - gone >= 0.99 * total:
                result["body_kept"] += 1
            elif rule_tally is not None:
                rule_tally.lose(culprit, gone, f"{stem}:{number} {label} {line['text']}")
        elif label == "M":
            span_total = min(sum(len(content(s)) for s in line["spans"]), total)
            body_total = total - span_total
            result["spans"] += len(line["spans"])
            result["chrome_chars"] += span_total
            # What the cleaner removed is taken from the chrome first, then the body.
            span_gone = min(gone, span_total)
            body_gone = gone - span_gone
            result["chrome_chars_removed"] += span_gone
            if span_total and span_gone >= 0.8 * span_total:
                result["spans_removed"] += 1
            if body_total:
                result["body_lines"] += 1
                result["body_chars"] += body_total
                result["body_chars_kept"] += body_total - body_gone
                if body_total - body_gone >= 0.99 * body_total:
                    result["body_kept"] += 1
                elif rule_tally is not None:
                    rule_tally.lose(culprit, body_gone, f"{stem}:{number} M {line['text']}")
        if label in ("B", "T", "C") and gone >= 0.8 * total:
            result["removed_lines"] += 1
            if label == "C":
                result["removed_chrome_lines"] += 1
    return result


class RuleTally:
    """Per rule id: chrome lines it removed, body lines it lost (the line counts as not kept and
    this rule removed most of its content), the body characters of those lines it removed, and
    the lost lines themselves."""

    def __init__(self):
        self.chrome_removed = collections.Counter()
        self.body_lost = collections.Counter()
        self.body_chars_lost = collections.Counter()
        self.lost_lines = collections.defaultdict(list)

    def lose(self, rule, characters, where):
        self.body_lost[rule] += 1
        self.body_chars_lost[rule] += characters
        self.lost_lines[rule].append(where)

    def print(self, examples):
        rules = sorted(set(self.chrome_removed) | set(self.body_lost),
                       key=lambda r: (-self.body_lost[r], -self.chrome_removed[r], str(r)))
        print(f"\nper rule (a line is charged to the rule that removed most of it):")
        print(f"  {'rule':<36} {'chrome removed':>14} {'body lost':>9} {'chars lost':>10}")
        for rule in rules:
            print(f"  {str(rule):<36} {self.chrome_removed[rule]:>14} {self.body_lost[rule]:>9} "
                  f"{self.body_chars_lost[rule]:>10}")
        if examples:
            print("\nbody lines lost, by rule:")
            for rule in rules:
                for where in self.lost_lines[rule][:examples]:
                    print(f"  {str(rule):<34} {where[:100]}")


def ratio(numerator, denominator):
    return numerator / denominator if denominator else float("nan")


def summary_row(name, c, pages):
    chrome_units = c["chrome_lines"] + c["spans"]
    removed_units = c["chrome_removed"] + c["spans_removed"]
    return (f"{name:<14} {pages:>5} {c['chrome_lines']:>6} {c['spans']:>5} "
            f"{100 * ratio(removed_units, chrome_units):>7.1f} "
            f"{100 * ratio(c['removed_chrome_lines'], c['removed_lines']):>7.1f} "
            f"{c['body_lines']:>6} {100 * ratio(c['body_kept'], c['body_lines']):>7.2f} "
            f"{100 * ratio(c['body_chars_kept'], c['body_chars']):>7.2f}")


def clean_pages(pages, binary, extra_args):
    """Cleans every page's text in one `scrapeclean clean DIR` run; returns the report's edits
    by page stem."""
    with tempfile.TemporaryDirectory(prefix="scrapeclean-eval-") as work:
        inputs = os.path.join(work, "in")
        os.makedirs(inputs)
        for stem, _, lines in pages:
            with open(os.path.join(inputs, stem + ".txt"), "w", encoding="utf-8") as handle:
                handle.write("\n".join(line["text"] for line in lines) + "\n")
        report = os.path.join(work, "report.jsonl")
        command = [binary, "clean", inputs, "-o", os.path.join(work, "out"), "--report", report,
                   "--quiet", *extra_args]
        run = subprocess.run(command, capture_output=True, text=True)
        if run.returncode != 0:
            sys.exit(f"eval_boilerplate: {' '.join(command)} failed ({run.returncode}): {run.stderr.strip()}")
        edits_by_stem = {}
        with open(report, encoding="utf-8") as handle:
            for record in map(json.loads, handle):
                stem = os.path.basename(record["path"])[:-4]
                edits_by_stem[stem] = record.get("edits", [])
    return edits_by_stem


def load_pages(directory, domains=None):
    """(stem, header, lines) of every labelled page in `directory`, optionally only `domains`."""
    pages = []
    for name in sorted(os.listdir(directory)):
        if not name.endswith(".tsv"):
            continue
        header, lines = parse_page(os.path.join(directory, name))
        if domains is not None and header.get("domain") not in domains:
            continue
        pages.append((name[:-4], header, lines))
    return pages


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    parser.add_argument("--pages", default=os.path.join(root, "Benchmarks/boilerplate/pages"))
    parser.add_argument("--binary", default=os.path.join(root, ".build/release/scrapeclean"))
    parser.add_argument("--domain-list", help="file with one domain per line: evaluate only those pages")
    parser.add_argument("--arg", action="append", default=[], help="extra argument for `scrapeclean clean` (repeatable)")
    parser.add_argument("--json", help="write per-page results (JSON Lines) here")
    parser.add_argument("--worst", type=int, default=10)
    parser.add_argument("--by-rule", action="store_true",
                        help="print per rule id the chrome lines removed and the body lines lost")
    parser.add_argument("--lost-lines", type=int, default=0, metavar="N",
                        help="with --by-rule, print up to N lost body lines per rule")
    args = parser.parse_args()

    domains = None
    if args.domain_list:
        with open(args.domain_list, encoding="utf-8") as handle:
            domains = {line.strip() for line in handle if line.strip()}

    pages = load_pages(args.pages, domains)
    if not pages:
        sys.exit(f"eval_boilerplate: no labelled pages in {args.pages}")

    edits_by_stem = clean_pages(pages, args.binary, args.arg)

    total = collections.Counter()
    by_family = collections.defaultdict(collections.Counter)
    family_pages = collections.Counter()
    per_page = []
    tally = RuleTally() if args.by_rule else None
    for stem, header, lines in pages:
        result = evaluate_page(lines, edits_by_stem.get(stem, []), tally, stem)
        family = header.get("family", "?")
        total.update(result)
        by_family[family].update(result)
        family_pages[family] += 1
        per_page.append((stem, header, result))

    print(f"{'family':<14} {'pages':>5} {'chrome':>6} {'spans':>5} {'recall%':>7} {'prec%':>7} "
          f"{'body':>6} {'kept%':>7} {'chars%':>7}")
    for family in sorted(by_family):
        print(summary_row(family, by_family[family], family_pages[family]))
    print(summary_row("all", total, len(pages)))
    print(f"domains: {len({h.get('domain') for _, h, _ in pages})}")
    print("recall%: chrome lines and spans removed; prec%: removed lines that were chrome; "
          "kept%: body lines kept whole; chars%: body characters kept")

    lost = sorted(per_page, key=lambda p: p[2]["body_chars"] - p[2]["body_chars_kept"], reverse=True)
    print(f"\nmost body lost:")
    for stem, header, c in lost[:args.worst]:
        if c["body_chars"] == c["body_chars_kept"]:
            break
        print(f"  {stem:<40} {header.get('family', '?'):<9} lost {c['body_chars'] - c['body_chars_kept']} "
              f"of {c['body_chars']} body chars, {c['body_lines'] - c['body_kept']} lines")
    left = sorted(per_page, key=lambda p: (p[2]["chrome_lines"] + p[2]["spans"]) - (p[2]["chrome_removed"] + p[2]["spans_removed"]), reverse=True)
    print(f"\nmost chrome left:")
    for stem, header, c in left[:args.worst]:
        units = c["chrome_lines"] + c["spans"]
        print(f"  {stem:<40} {header.get('family', '?'):<9} {units - c['chrome_removed'] - c['spans_removed']} of {units} left")
    if tally is not None:
        tally.print(args.lost_lines)

    if args.json:
        with open(args.json, "w", encoding="utf-8") as handle:
            for stem, header, c in per_page:
                handle.write(json.dumps({"page": stem, "domain": header.get("domain"),
                                         "family": header.get("family"), **c}, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
