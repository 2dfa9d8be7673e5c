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
    /// Feeds every scalar of `text`, decoding only those that can be marks (all four pairs are
    /// three-byte sequences led by E2, E3 or EF).
    mutating func feed(utf8Of text: String) {
        var text = text
        text.withUTF8 { bytes in
            var index = 0
            while index < bytes.count {
                let lead = bytes[index]
                if lead == 0xE2 || lead == 0xE3 || lead == 0xEF {
                    feed(ValidUTF8.decode(bytes, at: index).value)
                    index &+= 3
                } else {
                    index &+= ValidUTF8.sequenceLength(lead)
                }
            }
        }
    }

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
