#!/usr/bin/env python3
"""Writes a Common Crawl style WET file (WARC/1.0: one warcinfo record, then one conversion
record per page, UTF-8 text/plain bodies, CRLF headers) from the labelled pages
(Benchmarks/boilerplate/pages/*.tsv, the text column with its chrome) and the web samples
(/work/shared/samples/web/*.txt), repeated until the file reaches --mb megabytes. With --gzip,
each record is its own gzip member, as Common Crawl writes .warc.wet.gz. For benchmarks; the
output is generated, not committed.

    python3 Scripts/make_wet.py --mb 60 -o /tmp/bench.warc.wet
    python3 Scripts/make_wet.py --mb 60 --gzip -o /tmp/bench.warc.wet.gz
"""
import argparse, glob, gzip, os, uuid

def pages(root):
    found = []
    for path in sorted(glob.glob(os.path.join(root, "Benchmarks/boilerplate/pages/*.tsv"))):
        url, lines = None, []
        for line in open(path, encoding="utf-8"):
            line = line.rstrip("\n")
            if line.startswith("# url: "):
                url = line[len("# url: "):]
            elif not line.startswith("#") and "\t" in line:
                lines.append(line.split("\t", 1)[1])
        found.append((url or "http://%s/" % os.path.basename(path), "\n".join(lines) + "\n"))
    for path in sorted(glob.glob("/work/shared/samples/web/*.txt")):
        name = os.path.basename(path)[:-4].split("_", 2)[-1]
        found.append(("http://%s/" % name, open(path, encoding="utf-8").read()))
    return found

def record(kind, fields, body):
    head = "WARC/1.0\r\nWARC-Type: %s\r\n" % kind
    head += "".join("%s: %s\r\n" % field for field in fields)
    head += "Content-Length: %d\r\n\r\n" % len(body)
    return head.encode() + body + b"\r\n\r\n"

def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--mb", type=float, default=50)
    parser.add_argument("--gzip", action="store_true")
    parser.add_argument("-o", required=True)
    args = parser.parse_args()
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    source = pages(root)
    target = args.mb * 1024 * 1024
    written = 0
    with open(args.o, "wb") as out:
        def put(data):
            out.write(gzip.compress(data, 6) if args.gzip else data)
            return len(data)
        info = b"software: make_wet.py\r\nformat: WARC File Format 1.0\r\n"
        written += put(record("warcinfo", [("WARC-Date", "2024-02-21T08:00:00Z"),
                                           ("WARC-Record-ID", "<urn:uuid:%s>" % uuid.uuid4()),
                                           ("Content-Type", "application/warc-fields")], info))
        round = 0
        while written < target:
            for url, text in source:
                body = text.encode("utf-8")
                written += put(record("conversion", [
                    ("WARC-Target-URI", url + ("" if round == 0 else "?r=%d" % round)),
                    ("WARC-Date", "2024-02-21T08:14:03Z"),
                    ("WARC-Record-ID", "<urn:uuid:%s>" % uuid.uuid4()),
                    ("WARC-Refers-To", "<urn:uuid:%s>" % uuid.uuid4()),
                    ("WARC-Block-Digest", "sha1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"),
                    ("Content-Type", "text/plain")], body))
                if written >= target:
                    break
            round += 1
    print("%s: %.1f MB of WARC, %d pages per round" % (args.o, written / 1048576, len(source)))

main()
