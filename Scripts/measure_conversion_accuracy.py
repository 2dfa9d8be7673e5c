#!/usr/bin/env python3
"""Measure both conversion engines on OpenCC 1.4.2's own test cases.

  python3 Scripts/measure_conversion_accuracy.py

Reads the vendored cases (Tests/ScrapeCleanTests/Resources/opencc-testcases.json), converts
every input with `scrapeclean convert --config NAME --include-tofu-risk-dictionaries` (the
OpenCC library's default, which the cases assume) and, for t2s and s2t, with ICU's
`Hant-Hans` / `Hans-Hant` transliterators through `uconv -x` (ICU's command-line tool, the
same ICU the library links), and prints how many outputs equal the expected text.
"""

import json
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CASES = os.path.join(ROOT, "Tests/ScrapeCleanTests/Resources/opencc-testcases.json")
ICU_IDS = {"t2s": "Hant-Hans", "s2t": "Hans-Hant"}


def main() -> None:
    subprocess.run(["swift", "build", "-c", "release"], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    ours = os.path.join(ROOT, ".build/release/scrapeclean")
    cases = json.load(open(CASES, encoding="utf-8"))["cases"]
    by_config: dict[str, list[tuple[str, str, str]]] = {}
    for case in cases:
        for config, expected in case["expected"].items():
            by_config.setdefault(config, []).append((case["id"], case["input"], expected))

    total_pass = total = 0
    rows = []
    for config in sorted(by_config):
        pairs = by_config[config]
        passed = 0
        for _, text, expected in pairs:
            output = subprocess.run([ours, "convert", "--config", config, "--include-tofu-risk-dictionaries"],
                                    input=text.encode(), capture_output=True, check=True).stdout.decode()
            passed += output == expected
        icu = None
        if config in ICU_IDS:
            icu = 0
            for _, text, expected in pairs:
                output = subprocess.run(["uconv", "-f", "UTF-8", "-t", "UTF-8", "-x", ICU_IDS[config]],
                                        input=text.encode(), capture_output=True, check=True).stdout.decode()
                icu += output == expected
        rows.append((config, len(pairs), passed, icu))
        total += len(pairs)
        total_pass += passed

    print(f"{'config':<7} {'cases':>5} {'opencc engine':>14} {'ICU':>10}")
    for config, count, passed, icu in rows:
        icu_text = f"{icu}/{count}" if icu is not None else ""
        print(f"{config:<7} {count:>5} {passed:>9}/{count:<4} {icu_text:>10}")
    print(f"{'all':<7} {total:>5} {total_pass:>9}/{total:<4}")
    if total_pass != total:
        sys.exit(1)


if __name__ == "__main__":
    main()
