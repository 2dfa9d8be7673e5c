#!/usr/bin/env python3
"""Validates labelled page files (Benchmarks/boilerplate/FORMAT.md) and prints a summary per file.

Usage: Scripts/check_labelled_pages.py Benchmarks/boilerplate/pages/*.tsv   (exit 1 on any error)
"""
import sys, re, collections
LABELS = {"B", "T", "C", "M", "_", "+"}
FAMILIES = set("news gov forum qa novel doc template blog health edu shop tw-hk clean other".split())
REQUIRED = ["url", "domain", "family", "script", "source"]

def check(path):
    errors = []
    header = collections.OrderedDict()
    counts = collections.Counter()
    lines = open(path, encoding="utf-8").read().split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    body_started = False
    prev = None
    for i, raw in enumerate(lines, 1):
        if not body_started and raw.startswith("# "):
            m = re.match(r"# ([a-z]+): (.*)$", raw)
            if not m:
                errors.append(f"{i}: bad header line {raw!r}")
            else:
                header.setdefault(m.group(1), m.group(2))
            continue
        body_started = True
        if raw == "_":
            counts["_"] += 1; prev = "_"; continue
        if "\t" not in raw:
            errors.append(f"{i}: no TAB after the label: {raw[:40]!r}"); continue
        label, text = raw.split("\t", 1)
        if label not in LABELS or label == "_":
            errors.append(f"{i}: unknown label {label!r}"); continue
        if label == "+":
            if prev not in ("M", "+"):
                errors.append(f"{i}: '+' span not after an M line")
            elif text not in mtext:
                errors.append(f"{i}: span {text!r} is not a substring of the M line")
            elif not text.strip():
                errors.append(f"{i}: empty span")
        if label == "M":
            mtext = text
        if prev == "M" and label != "+":
            errors.append(f"{i - 1}: M line without any '+' span")
        if label in "BTC" and text.strip() == "":
            errors.append(f"{i}: blank text should be written as '_'")
        counts[label] += 1
        prev = label
    if prev == "M":
        errors.append("last line: M line without any '+' span")
    for key in REQUIRED:
        if key not in header:
            errors.append(f"missing header '# {key}:'")
    if header.get("family") not in FAMILIES:
        errors.append(f"family {header.get('family')!r} not one of {sorted(FAMILIES)}")
    if header.get("script") not in ("simplified", "traditional", "mixed"):
        errors.append(f"script {header.get('script')!r} not simplified|traditional|mixed")
    name = path.rsplit("/", 1)[-1]
    if "domain" in header and not name.startswith(header["domain"] + "--"):
        errors.append(f"file name {name} does not start with the domain {header.get('domain')}--")
    if counts["T"] > 1:
        errors.append(f"{counts['T']} T lines (the title is labelled once; repeats are C)")
    if counts["B"] + counts["M"] == 0:
        errors.append("no body line at all")
    return errors, header, counts

status = 0
for path in sys.argv[1:]:
    errors, header, counts = check(path)
    summary = " ".join(f"{k}={counts[k]}" for k in "TBCM+_")
    print(f"{path}: {header.get('family')} {header.get('domain')} {summary}")
    for e in errors:
        print(f"  ERROR {e}")
    status |= bool(errors)
sys.exit(status)
