#!/usr/bin/env python3
"""Generates the mojibake benchmark: damaged Chinese text with the clean text it came from.

Usage:
  Scripts/generate_mojibake_cases.py cases OUT.jsonl TEXT... [--tsv DIR]
  Scripts/generate_mojibake_cases.py clean OUT.txt TEXT... [--megabytes N]

`cases` writes one JSON object a line:
  {"class": "utf8-as-gbk/line", "pair": "utf8-as-gbk", "scale": "line", "context": "ascii",
   "lossless": true, "han": 12, "damaged": "...", "expected": "..."}
for every wrong-codec pair (UTF-8 read as GBK, GB18030, Big5, CP1252 strict and sloppy,
Latin-1, CP1252 twice, Shift_JIS, EUC-KR; GBK read as Latin-1, CP1252, Big5; Big5 read as
GBK) where the damaged bytes decode, and lossy forms (a GBK byte dropped, a UTF-8 run cut
inside a character at its start or end, undecodable bytes shown as `?` or U+FFFD, CP1252's
undefined bytes dropped), at three scales: a whole document (several lines), a whole line, and
a run of 2-40 characters inside an otherwise clean line, next to ASCII words, digits, Chinese
or ASCII punctuation. `han` counts the Han characters of the damaged span.

`clean` writes clean text that looks risky to a mojibake repair (Chinese with Latin names and
accents, Japanese, Korean, pinyin with tone marks, code and URLs, Big5- and GBK-only
characters, rare and compatibility ideographs, full-width forms), built by combining the TEXT
lines with the fragments below, repeated to N MB (default 50). Every edit the mojibake stage
makes on it is a false repair.

TEXT files are clean Chinese text, one paragraph a line (the fixtures' expected outputs,
simplified and traditional); `--tsv DIR` adds the body lines (label `B`) of the labelled pages
in DIR. The seed is fixed: the same inputs give the same output.
"""
import json
import os
import random
import sys

SEED = 13

PAIRS_LOSSLESS = [
    "utf8-as-gbk", "utf8-as-gb18030", "utf8-as-big5", "utf8-as-cp1252", "utf8-as-cp1252-sloppy",
    "utf8-as-latin1", "utf8-as-cp1252-twice", "utf8-as-shift_jis", "utf8-as-euc-kr",
    "gbk-as-latin1", "gbk-as-cp1252", "gbk-as-big5", "big5-as-gbk",
]
PAIRS_LOSSY = [
    "utf8-as-gbk-question", "utf8-as-gbk-replacement", "utf8-as-gbk-cut-start", "utf8-as-gbk-cut-end",
    "utf8-as-cp1252-dropped", "gbk-byte-dropped",
]
SCALES = ["document", "line", "run"]
CONTEXTS = {
    "ascii": ["Wi-Fi ", "CEO", "App", " PDF ", "iPhone", "GDP", "Python ", "NBA"],
    "digits": ["2023", "15", "3.5", "100%", "1998", "24", "0.8", "12:30"],
    "punctuation": ["(", ")", ",", ":", "\"", ";", "/", "-", "[", "]"],
    "chinese": [""],
}

CP1252_UNDEFINED = {0x81, 0x8D, 0x8F, 0x90, 0x9D}
# Where Python's big5hkscs decodes a code otherwise than the WHATWG big5 index (and ICU):
# A145 A14E A1C2 A1E3 A1F2 A1F3 A241 A242 A244 A246 A247.
BIG5HKSCS_TO_WHATWG = str.maketrans("•､‾∼♁☉／＼¥¢£", "‧﹑¯～⊕⊙∕﹨￥￠￡")


def is_han(ch):
    c = ord(ch)
    return 0x4E00 <= c <= 0x9FFF or 0x3400 <= c <= 0x4DBF or 0x20000 <= c <= 0x2FFFF or 0xF900 <= c <= 0xFAFF


def han_count(text):
    return sum(1 for ch in text if is_han(ch))


def cp1252_sloppy(data, drop=False):
    out = []
    for b in data:
        if b in CP1252_UNDEFINED:
            if not drop:
                out.append(chr(b))
        else:
            out.append(bytes([b]).decode("cp1252"))
    return "".join(out)


def replace_with(char):
    def handler(error):
        return (char * (error.end - error.start), error.end)
    return handler


import codecs
codecs.register_error("question", replace_with("?"))


def damage(pair, text, rng):
    """The damaged form of `text` under `pair`, or None where the bytes do not decode (or the
    lossy form would not lose anything)."""
    try:
        if pair == "utf8-as-gbk":
            return text.encode("utf-8").decode("gbk")
        if pair == "utf8-as-gb18030":
            damaged = text.encode("utf-8").decode("gb18030")
            # Only what GBK itself would not decode: otherwise the same as utf8-as-gbk.
            try:
                text.encode("utf-8").decode("gbk")
                return None
            except UnicodeDecodeError:
                return damaged
        if pair == "utf8-as-big5":
            return text.encode("utf-8").decode("big5")
        if pair == "utf8-as-cp1252":
            return text.encode("utf-8").decode("cp1252")
        if pair == "utf8-as-cp1252-sloppy":
            data = text.encode("utf-8")
            if not any(b in CP1252_UNDEFINED for b in data):
                return None
            return cp1252_sloppy(data)
        if pair == "utf8-as-latin1":
            return text.encode("utf-8").decode("latin-1")
        if pair == "utf8-as-cp1252-twice":
            return text.encode("utf-8").decode("cp1252").encode("utf-8").decode("cp1252")
        if pair == "utf8-as-shift_jis":
            return text.encode("utf-8").decode("shift_jis")
        if pair == "utf8-as-euc-kr":
            return text.encode("utf-8").decode("euc_kr")
        if pair == "gbk-as-latin1":
            return text.encode("gbk").decode("latin-1")
        if pair == "gbk-as-cp1252":
            data = text.encode("gbk")
            try:
                return data.decode("cp1252")
            except UnicodeDecodeError:
                return cp1252_sloppy(data)
        if pair == "gbk-as-big5":
            # Browsers decode `big5` with the WHATWG index (Big5 plus HKSCS), which Python's
            # big5hkscs and ICU's Big5-HKSCS follow; Python's `big5` has the older ETEN table.
            # Python's table differs from the WHATWG index in 11 punctuation codes.
            return text.encode("gbk").decode("big5hkscs").translate(BIG5HKSCS_TO_WHATWG)
        if pair == "big5-as-gbk":
            return text.encode("big5").decode("gbk")
        if pair == "utf8-as-gbk-question" or pair == "utf8-as-gbk-replacement":
            data = text.encode("utf-8")
            try:
                data.decode("gbk")
                return None
            except UnicodeDecodeError:
                pass
            return data.decode("gbk", "question" if pair.endswith("question") else "replace")
        if pair == "utf8-as-gbk-cut-start":
            data = text.encode("utf-8")
            if data[0] < 0xE0:
                return None
            return data[rng.choice([1, 2]):].decode("gbk", "question")
        if pair == "utf8-as-gbk-cut-end":
            data = text.encode("utf-8")
            if data[-1] < 0x80:
                return None
            return data[:-rng.choice([1, 2])].decode("gbk", "question")
        if pair == "utf8-as-cp1252-dropped":
            data = text.encode("utf-8")
            if not any(b in CP1252_UNDEFINED for b in data):
                return None
            return cp1252_sloppy(data, drop=True)
        if pair == "gbk-byte-dropped":
            data = text.encode("gbk")
            positions = [i for i, b in enumerate(data) if b >= 0x81]
            if len(positions) < 4:
                return None
            cut = rng.choice(positions[1:-1])
            return (data[:cut] + data[cut + 1:]).decode("gbk", "question")
    except (UnicodeDecodeError, UnicodeEncodeError):
        return None
    raise ValueError(pair)


def wants_traditional(pair):
    return pair == "big5-as-gbk"


def read_lines(paths, tsv_dir):
    lines = []
    for path in paths:
        with open(path, encoding="utf-8") as handle:
            lines.extend(line.strip() for line in handle)
    if tsv_dir:
        for name in sorted(os.listdir(tsv_dir)):
            if not name.endswith(".tsv"):
                continue
            with open(os.path.join(tsv_dir, name), encoding="utf-8") as handle:
                for row in handle:
                    if row.startswith("B\t"):
                        lines.append(row[2:].strip())
    seen = set()
    result = []
    for line in lines:
        # The fixtures keep a few characters that are themselves damage markers; skip those lines.
        if han_count(line) >= 4 and line not in seen and "\ufffd" not in line and "?" not in line:
            seen.add(line)
            result.append(line)
    return result


def is_traditional(line):
    trad = sum(1 for ch in line if ch in "們這個說為國來時會後學與對經發實從區書動關還進開種體業長門點樣頭現見點問條")
    simp = sum(1 for ch in line if ch in "们这个说为国来时会后学与对经发实从区书动关还进开种体业长门点样头现见点问条")
    return trad > simp


def han_span(line, rng, length):
    """A span of `length` characters starting and ending on Han characters, or None."""
    positions = [i for i, ch in enumerate(line) if is_han(ch)]
    if len(positions) < 2:
        return None
    for _ in range(8):
        start = rng.choice(positions)
        end = min(len(line), start + length)
        while end > start + 1 and not is_han(line[end - 1]):
            end -= 1
        if end - start >= 2 and han_count(line[start:end]) >= 2:
            return start, end
    return None


def cases(lines, rng, per_class):
    simplified = [line for line in lines if not is_traditional(line)]
    traditional = [line for line in lines if is_traditional(line)]
    out = []
    for pair in PAIRS_LOSSLESS + PAIRS_LOSSY:
        lossless = pair in PAIRS_LOSSLESS
        for scale in SCALES:
            made = 0
            tries = 0
            while made < per_class and tries < per_class * 60:
                tries += 1
                pool = traditional if wants_traditional(pair) or (rng.random() < 0.3 and traditional) else simplified
                if scale == "document":
                    start = rng.randrange(len(pool))
                    chosen = pool[start:start + rng.randint(3, 12)]
                    clean = "\n".join(line[:300] for line in chosen)
                    damaged = damage(pair, clean, rng)
                    if damaged is None or damaged == clean:
                        continue
                    case = dict(context="", damaged=damaged, expected=clean, han=han_count(clean))
                elif scale == "line":
                    line = rng.choice(pool)
                    # Short lines too: a title, a caption, a table cell.
                    if rng.random() < 0.5:
                        span = han_span(line, rng, rng.randint(4, 20))
                        if span is None:
                            continue
                        line = line[span[0]:span[1]]
                    line = line[:200]
                    damaged = damage(pair, line, rng)
                    if damaged is None or damaged == line:
                        continue
                    case = dict(context="", damaged=damaged, expected=line, han=han_count(line))
                else:
                    line = rng.choice(pool)[:200]
                    span = han_span(line, rng, rng.randint(2, 40))
                    if span is None:
                        continue
                    context = rng.choice(sorted(CONTEXTS))
                    left, middle, right = line[:span[0]], line[span[0]:span[1]], line[span[1]:]
                    left_token = rng.choice(CONTEXTS[context])
                    right_token = rng.choice(CONTEXTS[context])
                    if context == "punctuation" and rng.random() < 0.5:
                        left_token, right_token = "(", ")"
                    damaged_middle = damage(pair, middle, rng)
                    if damaged_middle is None or damaged_middle == middle:
                        continue
                    clean = left + left_token + middle + right_token + right
                    damaged = left + left_token + damaged_middle + right_token + right
                    case = dict(context=context, damaged=damaged, expected=clean, han=han_count(middle))
                case.update({"class": f"{pair}/{scale}", "pair": pair, "scale": scale, "lossless": lossless})
                out.append(case)
                made += 1
    return out


# Clean text that looks risky: fragments a repair must leave alone.
LATIN = ["café", "Müller", "señor Núñez", "Zoë", "naïve", "Ångström", "Dvořák", "São Paulo", "Crème brûlée",
         "Björk", "façade", "Gödel", "Škoda", "Łódź", "Œuvre", "résumé", "Ü-Bahn", "El Niño", "Häagen-Dazs",
         "Citroën", "Renée Zellweger", "Jürgen Klopp", "Hernández", "Ibrahimović"]
JAPANESE = ["東京都の天気は晴れのち曇りです。", "私は毎朝コーヒーを飲みます。", "このアプリはとても便利だと思います。",
            "日本語の勉強を始めて三年になります。", "新しいスマートフォンを買いました。", "駅から徒歩五分のところにあります。",
            "ありがとうございました。またお越しください。", "会議は午後三時から始まります。",
            "京都の紅葉はとても綺麗でした。", "ラーメンと餃子をください。", "「吾輩は猫である」は夏目漱石の小説です。"]
KOREAN = ["안녕하세요, 만나서 반갑습니다.", "서울의 날씨는 오늘 맑습니다.", "한국어를 배우고 있어요.",
          "이 식당의 김치찌개가 정말 맛있어요.", "회의는 내일 오전 10시에 시작합니다.", "감사합니다. 좋은 하루 되세요.",
          "대한민국의 수도는 서울입니다.", "지하철 2호선을 타세요."]
PINYIN = ["Běijīng", "Zhōngguó", "nǐ hǎo", "xièxie", "Shànghǎi", "lǜshī", "nǚrén", "Guǎngzhōu", "mǎmǎhūhū",
          "Hànyǔ Pīnyīn", "lüè", "Chóngqìng", "Xī'ān", "diànnǎo", "píngguǒ"]
CODE = ["https://www.example.com/path?q=%E4%B8%AD%E6%96%87&lang=zh-CN", "git clone https://github.com/apple/swift.git",
        "printf(\"%s\\n\", buf);", "SELECT * FROM users WHERE name = 'Zoë';", "let x = [1, 2, 3].map { $0 * 2 }",
        "<div class=\"content\">", "ftp://ftp.example.org/pub/README", "C:\\Program Files\\App\\config.ini",
        "user@example.com", "0x7FFF_FFFF", "md5: d41d8cd98f00b204e9800998ecf8427e", "a?b:c", "if (a && b) { return; }"]
# Characters that live only in Big5 or only in GBK, rare Han, Extension A/B, compatibility
# ideographs, full-width forms.
RARE = ["堃", "喆", "犇", "淼", "赟", "昇", "祐", "裡", "峯", "綫", "䶮", "㐀", "㵘", "𠀀", "𪚥", "𠮷", "𡈽",
        "兀", "﨑", "髙", "羣", "﨟", "凜", "煢", "囍", "嬲", "槑", "靐", "龘", "齉", "砼", "氹", "垚", "鑫", "焱"]
FULLWIDTH = ["ＡＢＣ", "１２３４", "（注）", "ｗｗｗ．ｅｘａｍｐｌｅ．ｃｏｍ", "！？", "＃１", "＄１００", "ｉＰｈｏｎｅ", "～～", "＠ｕｓｅｒ"]
PUNCT = ["“", "”", "‘", "’", "—", "…", "·", "•", "€", "™", "–"]


def risky_line(lines, rng):
    line = rng.choice(lines)
    kind = rng.randrange(8)
    words = list(line)
    position = rng.randrange(len(words) + 1)
    if kind == 0:
        piece = rng.choice(LATIN)
    elif kind == 1:
        return rng.choice(JAPANESE) + (rng.choice(JAPANESE) if rng.random() < 0.5 else "")
    elif kind == 2:
        return rng.choice(KOREAN) + " " + rng.choice(KOREAN)
    elif kind == 3:
        piece = rng.choice(PINYIN)
        piece = f"（{piece}）" if rng.random() < 0.5 else f" {piece} "
    elif kind == 4:
        piece = rng.choice(CODE)
    elif kind == 5:
        piece = "".join(rng.choice(RARE) for _ in range(rng.randint(1, 3)))
    elif kind == 6:
        piece = rng.choice(FULLWIDTH)
    else:
        piece = rng.choice(PUNCT) + rng.choice(LATIN) + rng.choice(PUNCT)
    return "".join(words[:position]) + piece + "".join(words[position:])


def clean(lines, rng, megabytes):
    target = megabytes << 20
    size = 0
    out = []
    while size < target:
        line = risky_line(lines, rng)
        out.append(line)
        size += len(line.encode("utf-8")) + 1
    return "\n".join(out) + "\n"


def main(argv):
    if len(argv) < 3 or argv[0] not in ("cases", "clean"):
        print(__doc__, file=sys.stderr)
        return 2
    mode, out_path = argv[0], argv[1]
    rest = argv[2:]
    tsv_dir = None
    megabytes = 50
    per_class = 120
    texts = []
    while rest:
        argument = rest.pop(0)
        if argument == "--tsv":
            tsv_dir = rest.pop(0)
        elif argument == "--megabytes":
            megabytes = int(rest.pop(0))
        elif argument == "--per-class":
            per_class = int(rest.pop(0))
        else:
            texts.append(argument)
    lines = read_lines(texts, tsv_dir)
    rng = random.Random(SEED)
    if mode == "cases":
        generated = cases(lines, rng, per_class)
        with open(out_path, "w", encoding="utf-8") as handle:
            for case in generated:
                handle.write(json.dumps(case, ensure_ascii=False) + "\n")
        counts = {}
        for case in generated:
            counts[case["class"]] = counts.get(case["class"], 0) + 1
        print(f"{len(generated)} cases from {len(lines)} lines in {out_path}", file=sys.stderr)
        for name in sorted(counts):
            print(f"  {name}: {counts[name]}", file=sys.stderr)
    else:
        with open(out_path, "w", encoding="utf-8") as handle:
            handle.write(clean(lines, rng, megabytes))
        print(f"{megabytes} MB of risky clean text from {len(lines)} lines in {out_path}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
