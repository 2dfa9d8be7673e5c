/// The character classes the layout rules are written in (Fixtures/CONVENTIONS.md rules 8–9).
enum LayoutCharacters {
    /// ASCII space, tab and the ideographic space U+3000.
    @inline(__always)
    static func isSpace(_ value: UInt32) -> Bool {
        value == 0x20 || value == 0x09 || value == 0x3000
    }

    /// `。！？`: a space run after one of these ends the line.
    @inline(__always)
    static func endsSentence(_ value: UInt32) -> Bool {
        value == 0x3002 || value == 0xFF01 || value == 0xFF1F
    }

    /// Full-width punctuation that takes no space beside it: `。，；：！？、“”「」（）《》`.
    @inline(__always)
    static func refusesSpace(_ value: UInt32) -> Bool {
        switch value {
        case 0x3002, 0xFF0C, 0xFF1B, 0xFF1A, 0xFF01, 0xFF1F, 0x3001, 0x201C, 0x201D, 0x300C, 0x300D,
             0xFF08, 0xFF09, 0x300A, 0x300B:
            true
        default:
            false
        }
    }

    /// Punctuation that attaches to the text before it (closing marks, commas, stops, …): a line
    /// cannot start with it, so a space run followed by one is not a line break.
    @inline(__always)
    static func attachesLeft(_ value: UInt32) -> Bool {
        switch value {
        case 0x201D, 0x2019, 0x300D, 0x300F, 0xFF09, 0x300B, 0x3011, 0x3015, 0x3009,
             0x3002, 0xFF0C, 0x3001, 0xFF1B, 0xFF1A, 0xFF01, 0xFF1F, 0x2026, 0x2014,
             0x2C, 0x2E, 0x3B, 0x3A, 0x21, 0x3F, 0x29, 0x5D, 0x7D:
            true
        default:
            false
        }
    }

    /// `，；、` (and `,` `;` after a Chinese character, for `--keep-punctuation`): a line that ends
    /// in one of these continues on the next line.
    @inline(__always)
    static func continuesSentence(_ last: UInt32, before: UInt32?) -> Bool {
        switch last {
        case 0xFF0C, 0xFF1B, 0x3001: return true
        case 0x2C, 0x3B: return before.map { CharacterClass.isHan($0) || CharacterClass.isCJKPunctuation($0) } ?? false
        default: return false
        }
    }

    /// `：；` (and `:` `;` after a Chinese character): a space run after one of these ends the
    /// line when an enumerator follows.
    @inline(__always)
    static func introducesList(_ value: UInt32, before: UInt32?) -> Bool {
        switch value {
        case 0xFF1A, 0xFF1B: return true
        case 0x3A, 0x3B: return before.map { CharacterClass.isHan($0) || CharacterClass.isCJKPunctuation($0) } ?? false
        default: return false
        }
    }
}
