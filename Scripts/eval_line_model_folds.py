#!/usr/bin/env python3
"""Leave-site-out evaluation of the line model on the labelled pages.

The domains are split in 5 folds by a stable hash. For each fold a model is trained on the
other 4 (Scripts/train_line_model.py, into a temporary file) and the whole cleaner is run on
the fold's pages rules-only (`--disable model.line`) and with that model at each threshold of
the sweep (`--line-model FILE --line-model-threshold T`). Prints the aggregate over the folds:
chrome lines and spans removed, precision of removed lines, body lines kept whole, body
characters kept, per family at the default threshold, and the pages that lose most body.

Usage: Scripts/eval_line_model_folds.py [--thresholds 0.5,0.9,...] [--default 0.9] [--salt S] [--domain-list FILE]
(needs .build/release/scrapeclean and scrapeclean-bench: Scripts/train_line_model.sh builds)
"""
import argparse
import collections
import hashlib
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from eval_boilerplate import clean_pages, evaluate_page, load_pages, summary_row  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FOLDS = 5


def fold_of(domain, salt="fold"):
    return int(hashlib.sha256((salt + domain).encode()).hexdigest(), 16) % FOLDS


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", default=os.path.join(ROOT, "Benchmarks/boilerplate/pages"))
    parser.add_argument("--binary", default=os.path.join(ROOT, ".build/release/scrapeclean"))
    parser.add_argument("--thresholds", default="0.5,0.7,0.8,0.9,0.95,0.97,0.98,0.99")
    parser.add_argument("--default", type=float, default=None, help="threshold for the per-family table")
    parser.add_argument("--worst", type=int, default=8)
    parser.add_argument("--domain-list", help="file with one domain per line: use only those pages (e.g. the tuned side, "
                        "`Scripts/heldout_domains.py --tuned`, to choose a threshold without the held-out pages)")
    parser.add_argument("--salt", default="fold",
                        help="another salt of the domain hash gives another split into folds (to see the spread)")
    args = parser.parse_args()
    thresholds = [float(t) for t in args.thresholds.split(",")]
    default = args.default if args.default is not None else thresholds[len(thresholds) // 2]

    domains = None
    if args.domain_list:
        with open(args.domain_list, encoding="utf-8") as handle:
            domains = {line.strip().lower() for line in handle if line.strip()}
    pages = load_pages(args.pages, domains)
    settings = ["rules"] + [f"{t:g}" for t in thresholds]
    total = {s: collections.Counter() for s in settings}
    family_total = {s: collections.defaultdict(collections.Counter) for s in ("rules", f"{default:g}")}
    family_pages = collections.Counter()
    lost = []
    model_removed = {s: collections.Counter() for s in settings}
    model_cut = {s: [] for s in settings}  # (stem, line, label, text) of body/title/mixed lines the model removed
    with tempfile.TemporaryDirectory(prefix="scrapeclean-folds-") as work:
        for fold in range(FOLDS):
            test = [p for p in pages if fold_of(p[1].get("domain", p[0]), args.salt) == fold]
            train_domains = sorted({p[1].get("domain", p[0]) for p in pages if fold_of(p[1].get("domain", p[0]), args.salt) != fold})
            domain_file = os.path.join(work, f"train{fold}.txt")
            with open(domain_file, "w", encoding="utf-8") as handle:
                handle.write("\n".join(train_domains) + "\n")
            model = os.path.join(work, f"fold{fold}.bin")
            subprocess.run([sys.executable, os.path.join(ROOT, "Scripts/train_line_model.py"), "--pages", args.pages,
                            "--only-domains", domain_file, "--out", model], check=True)
            for setting in settings:
                extra = ["--disable", "model.line"] if setting == "rules" else \
                    ["--line-model", model, "--line-model-threshold", setting]
                edits = clean_pages(test, args.binary, extra)
                for stem, header, lines in test:
                    result = evaluate_page(lines, edits.get(stem, []))
                    for edit in edits.get(stem, []):
                        if edit.get("rule") == "model.line":
                            line = lines[edit["line"] - 1]
                            model_removed[setting][line["label"]] += 1
                            if line["label"] != "C":
                                model_cut[setting].append((stem, edit["line"], line["label"], line["text"], edit.get("note", "")))
                    total[setting].update(result)
                    if setting in family_total:
                        family_total[setting][header.get("family", "?")].update(result)
                        if setting == "rules":
                            family_pages[header.get("family", "?")] += 1
                    if setting == f"{default:g}":
                        lost.append((result["body_chars"] - result["body_chars_kept"], stem, header.get("family", "?"), result))
            print(f"fold {fold}: {len(test)} pages, {len({p[1].get('domain') for p in test})} domains", file=sys.stderr)

    head = (f"{'setting':<14} {'pages':>5} {'chrome':>6} {'spans':>5} {'recall%':>7} {'prec%':>7} "
            f"{'body':>6} {'kept%':>7} {'chars%':>7}")
    print(f"Leave-site-out, 5 folds by domain, {'the pages of ' + args.domain_list if args.domain_list else 'all labelled pages'} (rules = --disable model.line; "
          "a number = rules + line model at that threshold)\n")
    print(head)
    for setting in settings:
        print(summary_row(setting, total[setting], len(pages)))
    print("\nlines the model removed (model.line edits) by label, and their precision:")
    for setting in settings[1:]:
        c = model_removed[setting]
        removed = sum(c.values())
        print(f"  {setting:<6} removed {removed:>5}: chrome {c['C']}, body {c['B']}, title {c['T']}, mixed {c['M']}; "
              f"precision {100 * c['C'] / removed if removed else float('nan'):.1f}%")
        for stem, number, label, text, note in model_cut[setting][:args.worst]:
            print(f"         {label} {stem}:{number} ({note}) {text[:60]}")
    for setting in family_total:
        print(f"\nper family, {'rules only' if setting == 'rules' else 'rules + model at ' + setting}:")
        print(head.replace("setting", "family "))
        for family in sorted(family_total[setting]):
            print(summary_row(family, family_total[setting][family], family_pages[family]))
    print(f"\nmost body lost at {default:g}:")
    for amount, stem, family, c in sorted(lost, reverse=True)[:args.worst]:
        if amount == 0:
            break
        print(f"  {stem:<40} {family:<9} lost {amount} of {c['body_chars']} body chars, "
              f"{c['body_lines'] - c['body_kept']} lines")


if __name__ == "__main__":
    main()
