/// The cheap first pass of the mojibake stage: one walk over a line's UTF-8 bytes that says
/// whether the line has anything a repair could act on. Most clean Chinese lines hold only
/// common characters and ordinary punctuation and are passed over without further work.
///
/// A line is suspicious when it holds a Latin-1 supplement or Windows-1252 letter, a pinyin tone
/// letter, Greek or Cyrillic, a CJK radical, box drawing or mathematical operator, kana (full or
/// half width) or bopomofo, two suspect Han characters close together (or one next to a character
/// whose GBK lead byte is a UTF-8 lead byte; two suspect ones side by side only when one is very
/// rare, since 敞篷 or 蘿卜 are words the model lacks), a very rare Han character just after an ASCII
/// character inside Chinese text (tables built from ``HanFrequencyModel`` and ``GBKTable``),
/// a character beyond the BMP, a private-use character, U+FFFD, `?` touching a non-ASCII
/// character, or `烫烫`/`屯屯`.
///
/// ```swift
/// SuspicionScreen.shared.isSuspicious("今天天气很好。")   // false
/// SuspicionScreen.shared.isSuspicious("涓枃")             // true
/// ```
final class SuspicionScreen: Sendable {
    static let shared = SuspicionScreen(model: .shared)

    private static let base: UInt32 = 0x3000
    private static let end: UInt32 = 0xA000
    /// Bits per scalar in U+3000..<U+A000 (CJK symbols, kana, bopomofo, Han).
    private let flags: [UInt8]
    /// Flags a line on its own: kana, bopomofo, CJK compatibility signs, 锟.
    private static let alone: UInt8 = 1
    /// A Han character beyond the ~4,500 most frequent: flags a line shortly after an ASCII
    /// character inside Chinese text (where a byte-shifted run starts).
    private static let veryRare: UInt8 = 2
    /// A suspect Han character (``HanFrequencyModel/isSuspect(_:)``).
    private static let suspect: UInt8 = 4
    /// A Han character whose GBK lead byte is E4–E9: what UTF-8 lead bytes read as GBK become.
    private static let utf8Lead: UInt8 = 8
    /// A `?` after a Chinese character is a mark of lost bytes only with an odd (alone, very
    /// rare or suspect) character at most this many characters before or after it.
    private static let questionReach = 3
    /// Sentence-final particles a question mark follows in clean text (吗? 呢? 为什么?).
    private static let questionParticles: Set<UInt32> = Set("吗呢么嗎吧啊呀嘛麼哪啦哦".unicodeScalars.map(\.value))
    /// A line whose suspect Han characters are at least one in this many of its Han characters
    /// is flagged.
    static let suspectShare = 2
    /// A Han character outside common use (``HanFrequencyModel/commonHanCost``).
    private static let uncommon: UInt8 = 16

    private let model: HanFrequencyModel

    /// How far apart (in characters) two very rare Han characters, one of them outside common
    /// use, flag a line.
    static let uncommonReach = 3

    private func previousIsWord(_ previous: UInt32, _ value: UInt32) -> Bool {
        guard let a = Unicode.Scalar(previous), let b = Unicode.Scalar(value) else { return false }
        return model.wordBonus(a, b) > 0
    }

    init(model: HanFrequencyModel, gbk: GBKTable = .shared) {
        self.model = model
        var flags = [UInt8](repeating: 0, count: Int(Self.end - Self.base))
        for value in Self.base..<Self.end {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let offset = Int(value - Self.base)
            if !CharacterClass.isHan(value) {
                if value == 0x951F || model.isSuspect(scalar) { flags[offset] |= Self.alone }
                continue
            }
            if value == 0x951F { flags[offset] |= Self.alone }
            if model.cost(scalar) > WrongCodecRepair.veryRareCost { flags[offset] |= Self.veryRare }
            if !model.isCommon(scalar) { flags[offset] |= Self.uncommon }
            if model.isSuspect(scalar) { flags[offset] |= Self.suspect }
            if let code = gbk.encode(scalar), (0xE4...0xE9).contains(code >> 8) { flags[offset] |= Self.utf8Lead }
        }
        self.flags = flags
    }

    /// What the screen saw in a line, so that only the repairs that can apply run.
    struct Findings: OptionSet, Sendable {
        let rawValue: UInt8
        /// Marks of a byte-shifted GBK run or of lost bytes: `?` before Chinese, or after it
        /// with an odd character close by or a letter next; a very rare character just after an
        /// ASCII character inside Chinese text.
        static let shift = Findings(rawValue: 1)
        /// Latin-1 or Windows-1252 letters, pinyin tone letters.
        static let latin = Findings(rawValue: 2)
        /// Odd Han characters close together, kana, bopomofo, characters beyond the BMP.
        static let han = Findings(rawValue: 4)
        /// 锟, 烫烫/屯屯, U+FFFD, private use.
        static let garbage = Findings(rawValue: 8)
    }

    /// Whether the line needs the heavy repairs.
    func isSuspicious(_ line: String) -> Bool {
        !findings(line).isEmpty
    }

    /// Everything suspicious in a line (empty for a clean line).
    func findings(_ line: String) -> Findings {
        var line = line
        return line.withUTF8 { findings(utf8: $0) }
    }

    func findings(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Findings {
        var found: Findings = []
        let count = bytes.count
        var index = 0
        var previousWasMultibyte = false
        var previousScalar: UInt32 = 0
        var scalarIndex = 0
        var lastASCIIInText = Int.min / 2
        var lastSuspect = Int.min / 2
        var lastSuspectWasVeryRare = false
        var lastUncommon = Int.min / 2
        var lastVeryRare = Int.min / 2
        var lastLead = Int.min / 2
        var lastOdd = Int.min / 2 // the last alone, very rare or suspect character
        var lastQuestion = Int.min / 2 // the last `?` after Chinese not yet found odd
        var hanCount = 0, suspectCount = 0
        while index < count {
            scalarIndex += 1
            let byte = bytes[index]
            if byte < 0x80 {
                if byte == 0x3F {
                    if previousWasMultibyte {
                        // `吗?` ends a question in clean text. A `?` standing for lost bytes has
                        // odd characters close by or the pinyin of a shifted run after it, or
                        // follows anything but a question particle with anything but ASCII
                        // punctuation after it (继?教育 for 继续教育, 明确?3.5, 可?, 浠? 你).
                        let next: UInt32 = index + 1 < count ? UInt32(bytes[index + 1]) : 0
                        let nextIsLetter = CharacterClass.isASCIILetter(next)
                        let nextIsPunctuation = next > 0x20 && next < 0x80 && next != 0x3F && !nextIsLetter
                            && !CharacterClass.isASCIIDigit(next)
                        if nextIsLetter || scalarIndex - lastOdd <= Self.questionReach
                            || (!nextIsPunctuation && !Self.questionParticles.contains(previousScalar)) {
                            found.formUnion([.shift, .han])
                        } else {
                            lastQuestion = scalarIndex
                        }
                    } else if index + 1 < count && bytes[index + 1] >= 0x80 {
                        found.formUnion([.shift, .han])
                    }
                }
                // A lone byte GBK allows as a trail (40-7E) between Chinese characters, just after
                // a suspect one: where GBK text that lost a byte came back in step (蛣余l村 for
                // 推動鄉村).
                if previousWasMultibyte, byte >= 0x40, byte <= 0x7E, index + 1 < count, bytes[index + 1] >= 0x80,
                   scalarIndex - lastSuspect <= 3 {
                    found.insert(.han)
                }
                if previousWasMultibyte, byte > 0x20 { lastASCIIInText = scalarIndex }
                previousWasMultibyte = false
                previousScalar = UInt32(byte)
                index += 1
                continue
            }
            if byte < 0xE0 {
                // U+0080..U+07FF: Latin-1 supplement, Latin extended (pinyin tone letters), ...
                // Only the middle dot is ordinary in Chinese text.
                if byte != 0xC2 || index + 1 >= count || bytes[index + 1] != 0xB7 { found.insert(.latin) }
                // Greek and Cyrillic (CE-D3 leads): Big5's commonest characters read as GBK
                // (有 as Τ, 那 as ê), so the searches of Han read as Han apply too.
                if byte >= 0xCE, byte <= 0xD3 { found.insert(.han) }
                index += 2
                previousWasMultibyte = true
                continue
            }
            if byte >= 0xF0 {
                found.insert(.han)
                index += 4
                previousWasMultibyte = true
                continue
            }
            guard index + 2 < count else {
                found.insert(.han)
                break
            }
            let value = UInt32(byte & 0x0F) << 12 | UInt32(bytes[index + 1] & 0x3F) << 6 | UInt32(bytes[index + 2] & 0x3F)
            if value >= Self.base && value < Self.end {
                let flag = flags[Int(value - Self.base)]
                if value >= 0x4E00 {
                    hanCount += 1
                    if flag & Self.suspect != 0 { suspectCount += 1 }
                }
                if flag != 0 {
                    if flag & (Self.alone | Self.veryRare | Self.suspect) != 0 {
                        lastOdd = scalarIndex
                        if scalarIndex - lastQuestion <= Self.questionReach { found.formUnion([.shift, .han]) }
                    }
                    if flag & Self.alone != 0 { found.formUnion([.han, .garbage]) }
                    if flag & Self.veryRare != 0, scalarIndex - lastASCIIInText <= 5 { found.insert(.shift) }
                    var cluster = false
                    if flag & Self.suspect != 0 {
                        // Two suspect characters side by side are a cluster only when one of them
                        // is very rare: 敞篷, 蘿卜, 潺潺 are words the model lacks, garble is rarer.
                        let veryRare = flag & Self.veryRare != 0
                        if scalarIndex - lastSuspect <= 1, veryRare || lastSuspectWasVeryRare { cluster = true }
                        // Two very rare characters, one of them outside common use, with at most
                        // two characters between them: a short garbled line whose common
                        // characters came out common (瞷初服琩 for 現場督查).
                        if veryRare {
                            let uncommon = flag & Self.uncommon != 0
                            if scalarIndex - lastUncommon <= Self.uncommonReach
                                || (uncommon && scalarIndex - lastVeryRare <= Self.uncommonReach) {
                                found.insert(.han)
                            }
                            lastVeryRare = scalarIndex
                            if uncommon { lastUncommon = scalarIndex }
                        }
                        if scalarIndex - lastLead <= 1 { cluster = true }
                        lastSuspect = scalarIndex
                        lastSuspectWasVeryRare = veryRare
                    }
                    if flag & Self.utf8Lead != 0 {
                        if scalarIndex - lastSuspect == 1 || (scalarIndex == lastSuspect && scalarIndex - lastLead <= 1) {
                            cluster = true
                        }
                        lastLead = scalarIndex
                    }
                    // Two odd characters that make a dictionary word (蜻蜓, 渙散) are just a word.
                    if cluster, !(scalarIndex - lastSuspect <= 1 && previousIsWord(previousScalar, value)) {
                        found.insert(.han)
                    }
                }
                if (value == 0x70EB || value == 0x5C6F) && value == previousScalar { found.insert(.garbage) }
            } else if value >= 0xE000 && value <= 0xF8FF || value == 0xFFFD {
                found.formUnion([.han, .garbage])
            } else if (value >= 0x2500 && value <= 0x257F) || (value >= 0xFE30 && value <= 0xFE6F)
                        || (value >= 0x2E80 && value <= 0x2FDF) || (value >= 0x2200 && value <= 0x22FF) {
                // Box drawing, CJK compatibility and small forms, CJK and Kangxi radicals,
                // mathematical operators: GBK bytes read as Big5 and Big5 read as GBK (留╬砞﹚
                // for 隱私設定, 渣腔彶⻌ for 错的收入, 常⊿Τ for 都沒有).
                found.insert(.han)
            } else if value >= 0xFF61 && value <= 0xFF9F {
                // Half-width katakana: UTF-8 continuation bytes A1-DF read as Shift_JIS
                // (譚台ｻｻ for 村任).
                found.insert(.han)
            } else if value >= 0x2000 && value < 0x2200 {
                // General punctuation: Windows-1252 letters read from UTF-8 (‚ „ † ‡ ‰ ‹ › €)
                switch value {
                case 0x201A, 0x201E, 0x2020, 0x2021, 0x2030, 0x2039, 0x203A, 0x20AC, 0x2122: found.insert(.latin)
                default: break
                }
            }
            previousScalar = value
            previousWasMultibyte = true
            index += 3
        }
        // Suspect characters at least one in ``suspectShare`` of the Han ones (two at least): a
        // short line garbled whole whose garble came out of ordinary-looking characters
        // (價脯雄夔 for 基层动能, 政坳腔湮 for 現它的大).
        if suspectCount >= 2, suspectCount * Self.suspectShare >= hanCount { found.insert(.han) }
        return found
    }
}
