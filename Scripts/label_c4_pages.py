#!/usr/bin/env python3
"""Writes labelled pages (Benchmarks/boilerplate/FORMAT.md) for documents of the C4 Chinese
sample `data/Chinese_docs_random-100.jsonl` of github:shjwudp/c4-dataset-script at commit
619df8ae02d93396736fe239754c99aa84cb2fa8 (raw CommonCrawl WET text, the source of seven of the
shared web samples), from labels decided by reading each document (LABELS below: the title
line, the body lines, and the lines whose end is chrome glued to the title; every other line is
chrome). Text is kept exactly as stored; lines holding only white space are written `_`.

Usage: Scripts/label_c4_pages.py C4_JSONL OUT_DIR
"""
import json
import os
import sys

# record number (1-based): (family, script, title line, body line ranges, {line: chrome span start})
LABELS = {
    2: ("forum", "simplified", None, [56, 63, 71, 78, 86, 93, 100], {1: "_丰田Noah社区车友会"}),
    5: ("news", "traditional", None, [21, (23, 47)], {1: " | 每經網"}),
    7: ("other", "simplified", 8, [(14, 26)], {}),
    8: ("blog", "simplified", None, [28, 29], {1: " - 富录-前端开发|web技术|AR技术"}),
    9: ("other", "traditional", None, [(19, 24)], {1: "_二手手表回收店"}),
    11: ("novel", "traditional", None, [(7, 53)], {1: "_曉露小說"}),
    12: ("other", "traditional", 18, [(20, 23)], {}),
    14: ("novel", "traditional", None, [(10, 13), (15, 47), (49, 50), (52, 56), (58, 70), (72, 81)],
         {1: " – Maiden Post"}),
    16: ("edu", "simplified", None, [(29, 49)], {1: "-MathType中文网"}),
    17: ("shop", "simplified", 11, [(19, 20), (22, 23)], {}),
    20: ("shop", "simplified", None, [(24, 39)], {1: "_手机卡车之家"}),
    22: ("blog", "simplified", 1, [20], {}),
    23: ("health", "simplified", 1, [], {}),
    26: ("news", "simplified", None, [(41, 44)], {1: "【koko体育】_koko体育"}),
    28: ("other", "simplified", None, [(19, 26)], {1: "-im电竞app官网_im电竞"}),
    37: ("news", "simplified", None, [(77, 78)], {76: "2022/09/21"}),
    51: ("health", "simplified", None, [(16, 19)], {1: "_yobo体育全站app下载"}),
    52: ("health", "simplified", None, [], {1: "_减压阀厂家"}),
    56: ("news", "simplified", None, [(22, 27)], {1: "_世界杯赛事直播_世界杯8强_2022世界杯8强推荐 - 体育新世界"}),
    57: ("edu", "simplified", None, [18], {1: "_上海开放大学附属高级中学新城分校"}),
    62: ("health", "simplified", None, [(12, 31)], {1: "-缠绵床褥网"}),
    64: ("forum", "simplified", None, [(42, 66)],
         {1: " - TWT腾讯围棋锦标赛 - 网络围棋职业赛事 - 亦苏围棋社区 - Powered by Discuz!"}),
    70: ("novel", "traditional", None, [(41, 70)], {1: "_江紅小說"}),
    77: ("shop", "simplified", 1, [(42, 45)], {}),
    79: ("edu", "simplified", None, [25], {1: "_茅台学院门户网站"}),
    81: ("other", "simplified", 1, [(18, 21)], {}),
    83: ("blog", "simplified", 1, [10, 12, 13], {10: "<\\/p>", 12: "<\\/p>", 13: "<\\/p>"}),
    84: ("news", "simplified", None, [(7, 21)], {1: "-亚博全站"}),
    89: ("other", "mixed", None, [(45, 48)], {1: " | 德国"}),
    93: ("edu", "simplified", None, [30], {1: "-6163"}),
    97: ("shop", "simplified", None, [(39, 40)], {1: "－靖江市特威机械设备制造有限公司"}),
    100: ("shop", "traditional", None, [], {1: " - 太陽能熱水工程"}),
}


def registrable_domain(url):
    host = url.split("/")[2].split(":")[0].lower()
    parts = host.split(".")
    if len(parts) >= 3 and parts[-2] in ("com", "edu", "gov", "org", "net") and len(parts[-1]) == 2:
        return ".".join(parts[-3:])
    return ".".join(parts[-2:])


def main():
    source, out_dir = sys.argv[1:3]
    with open(source, encoding="utf-8") as handle:
        records = [json.loads(line) for line in handle]
    for number, (family, script, title, body, spans) in LABELS.items():
        record = records[number - 1]
        body_lines = set()
        for item in body:
            if isinstance(item, tuple):
                body_lines.update(range(item[0], item[1] + 1))
            else:
                body_lines.add(item)
        domain = registrable_domain(record["url"])
        rows = []
        for index, text in enumerate(record["text"].split("\n"), 1):
            if not text.strip():
                rows.append("_")
            elif index in spans:
                start = text.index(spans[index])
                rows.append(f"M\t{text}")
                rows.append(f"+\t{text[start:]}")
            elif index == title:
                rows.append(f"T\t{text}")
            elif index in body_lines:
                rows.append(f"B\t{text}")
            else:
                rows.append(f"C\t{text}")
        path = os.path.join(out_dir, f"{domain}--1.tsv")
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(f"# url: {record['url']}\n# domain: {domain}\n# family: {family}\n# script: {script}\n")
            handle.write("# source: c4-sample\n")
            handle.write(f"# note: C4 Chinese sample record {number} (github:shjwudp/c4-dataset-script@619df8a "
                         "data/Chinese_docs_random-100.jsonl), labelled by reading\n")
            handle.write("\n".join(rows) + "\n")


if __name__ == "__main__":
    main()
