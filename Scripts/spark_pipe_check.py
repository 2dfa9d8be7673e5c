#!/usr/bin/env python3
"""Drive `scrapeclean clean --jsonl` through Apache Spark's RDD.pipe and compare with one process.

Usage: spark_pipe_check.py SCRAPECLEAN_BINARY FIXTURES_DIR WORK_DIR

Builds a JSON Lines corpus from the fixture inputs (several records per fixture, with extra
fields, unicode escapes and a malformed line), runs it through Spark in local mode with
RDD.pipe over several partitions, and checks that the records equal a single-process run of
the same binary, in the same order. Exits 0 on success, 1 on a mismatch.
"""
import json
import os
import subprocess
import sys


def build_corpus(fixtures, path):
    records = []
    for name in sorted(os.listdir(fixtures)):
        source = os.path.join(fixtures, name, "input.txt")
        if not os.path.isfile(source):
            continue
        raw = open(source, "rb").read().decode("utf-8", errors="replace")
        for copy in range(3):
            records.append(json.dumps({"id": f"{name}#{copy}", "text": raw, "lang": "zh", "n": copy},
                                      ensure_ascii=(copy == 1)))
    records.insert(len(records) // 2, "this line is not json")
    with open(path, "w", encoding="utf-8") as handle:
        handle.write("\n".join(records) + "\n")
    return len(records)


def main():
    binary, fixtures, work = sys.argv[1:4]
    os.makedirs(work, exist_ok=True)
    corpus = os.path.join(work, "corpus.jsonl")
    count = build_corpus(fixtures, corpus)
    command = [binary, "clean", "--jsonl", "--quiet", "--jobs", "1"]

    with open(corpus, "rb") as handle:
        single = subprocess.run(command, stdin=handle, capture_output=True, check=True).stdout
    expected = single.decode("utf-8").splitlines()

    from pyspark.sql import SparkSession

    spark = (SparkSession.builder.master("local[2]").appName("scrapeclean-pipe-check")
             .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "4")
             .getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")
    try:
        rdd = spark.sparkContext.textFile(corpus, minPartitions=4)
        partitions = rdd.getNumPartitions()
        piped = rdd.pipe(" ".join(command)).collect()
    finally:
        spark.stop()

    print(f"spark: {count} records in {partitions} partitions, {len(piped)} records back")
    if partitions < 2:
        print("spark: expected several partitions", file=sys.stderr)
        return 1
    if piped != expected:
        for index, (a, b) in enumerate(zip(piped, expected)):
            if a != b:
                print(f"spark: record {index} differs:\n  spark:  {a[:200]}\n  single: {b[:200]}", file=sys.stderr)
                break
        else:
            print(f"spark: {len(piped)} records vs {len(expected)} from one process", file=sys.stderr)
        return 1
    cleaned = sum(1 for line in piped if line.startswith("{") and '"scrapeclean":' in line)
    print(f"spark: all {len(piped)} records equal the single-process run ({cleaned} cleaned)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
