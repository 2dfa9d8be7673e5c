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

/// The paired marks whose opening half can leave a sentence unfinished at the end of a line:
/// `“…”` `《…》` `（…）` `「…」`.
struct OpenMarks: Sendable, Equatable {
    /// The opening marks not yet closed, innermost last (as indices into ``pairs``).
    private(set) var stack: [UInt8] = []

    static let pairs: [(open: UInt32, close: UInt32)] = [
        (0x201C, 0x201D), (0x300A, 0x300B), (0xFF08, 0xFF09), (0x300C, 0x300D),
    ]

    /// How many unclosed marks are remembered (the outermost are forgotten first).
    static let depthLimit = 16

    var isEmpty: Bool { stack.isEmpty }

    /// The innermost open mark (an index into ``pairs``).
    var innermost: UInt8? { stack.last }

    static func opening(_ value: UInt32) -> UInt8? {
        switch value {
        case 0x201C: 0
        case 0x300A: 1
        case 0xFF08: 2
        case 0x300C: 3
        default: nil
        }
    }

    static func closing(_ value: UInt32) -> UInt8? {
        switch value {
        case 0x201D: 0
        case 0x300B: 1
        case 0xFF09: 2
        case 0x300D: 3
        default: nil
        }
    }

    /// Follows one scalar: an opening mark is pushed; a closing mark pops back to its opening
    /// mark (a closing mark nothing opened is ignored).
    @inline(__always)
    mutating func feed(_ value: UInt32) {
        if let kind = Self.opening(value) {
            // Bounded, so that a line of thousands of stray marks stays linear.
            if stack.count == Self.depthLimit { stack.removeFirst() }
            stack.append(kind)
        } else if let kind = Self.closing(value), let index = stack.lastIndex(of: kind) {
            stack.removeSubrange(index...)
        }
    }

    /// Whether `scalars` closes the innermost open mark before it opens any mark.
    func isClosed<Scalars: Sequence<Unicode.Scalar>>(by scalars: Scalars) -> Bool {
        guard let innermost = stack.last else { return false }
        for scalar in scalars {
            if Self.opening(scalar.value) != nil { return false }
            if Self.closing(scalar.value) == innermost { return true }
        }
        return false
    }
}

/// Answers "does the rest of this line close the innermost open mark before opening any mark?"
/// for split candidates at increasing positions in one line. Each kind of mark scans each
/// stretch of the line at most once, so a long flattened line with an unclosed quote stays
/// linear.
struct ClosingLookahead {
    /// Per kind of mark: the position where the last scan stopped and what it found there; the
    /// answer holds for every position up to that one.
    private var found: [(position: Int, closes: Bool)?] = [nil, nil, nil, nil]

    /// Whether `scalars[index...]` (at scalar offset `position`) closes a mark of `kind` before
    /// it opens any mark.
    mutating func closes(_ kind: UInt8, from index: String.UnicodeScalarView.Index, position: Int,
                         in scalars: String.UnicodeScalarView) -> Bool {
        if let hit = found[Int(kind)], position <= hit.position { return hit.closes }
        var index = index, position = position
        while index < scalars.endIndex {
            let value = scalars[index].value
            if OpenMarks.opening(value) != nil {
                found[Int(kind)] = (position, false)
                return false
            }
            if OpenMarks.closing(value) == kind {
                found[Int(kind)] = (position, true)
                return true
            }
            scalars.formIndex(after: &index)
            position += 1
        }
        found[Int(kind)] = (.max, false)
        return false
    }
}
