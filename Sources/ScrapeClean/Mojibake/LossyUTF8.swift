/// Reads UTF-8 bytes some of which are unknown or lost, and lets ``HanFrequencyModel`` choose
/// each character the bytes leave open.
///
/// Text read with the wrong charset loses bytes in three ways: the decoder shows a byte it could
/// not read as `?` or U+FFFD (the byte is *unknown*: there was one, its value is gone); a sloppy
/// decoder drops the bytes its charset leaves undefined (Windows-1252's 81, 8D, 8F, 90, 9D:
/// the byte is *lost*, and so is where it stood); and a run that starts or ends inside a
/// character keeps only part of its bytes. Each character with a gap is chosen among the
/// characters the known bytes allow, by its cost and its word bonus with the character before.
///
/// ```swift
/// // 中文 in UTF-8 is E4 B8 AD E6 96 87; the 8D of a character was dropped:
/// LossyUTF8(model: .shared).restore([.known(0xE4), .unknown, .known(0xAD)], droppable: [])
/// ```
struct LossyUTF8: Sendable {
    enum Byte: Sendable, Equatable {
        case known(UInt8)
        case unknown
        /// A byte a GBK decoder rejected where `next` followed it: it was 0x80 or above and
        /// formed no GBK character with `next` (a decoder that shows a rejected byte as `?`
        /// skips that one byte and reads on from `next`). Of the 64 values a continuation byte
        /// may take, this leaves a handful (80, AA-AF before A1-FE, the holes of rows A1-A9).
        case rejected(next: UInt8)

        var isKnown: Bool { if case .known = self { true } else { false } }
    }

    /// A character whose bytes the model could not settle: it is left out of the text and
    /// reported (``MojibakeStage`` names it in the edit's note).
    struct Lost: Sendable, Equatable {
        /// Where it stood in ``Restored/scalars`` (the index of the scalar that follows it).
        var position: Int
        /// The bytes that were left, `??` for each unknown one (`E4 ?? AD`).
        var bytes: String
        /// How many characters the bytes allowed, and the model's likeliest of them.
        var allowed: Int
        var likeliest: Unicode.Scalar
    }

    struct Restored: Sendable, Equatable {
        var scalars: [Unicode.Scalar]
        /// Characters chosen by the model rather than read from the bytes.
        var guessed: Int
        /// Characters the bytes and the model left open, not in `scalars`.
        var lost: [Lost] = []
    }

    /// A guess is kept only when its best candidate beats the second by this many nats, its
    /// neighbours fixed (cost and word bonuses both sides); otherwise the character is
    /// ``Lost``: a wrong character is garbage, a reported gap is not.
    static let requiredMargin: Float = 0

    let model: HanFrequencyModel

    /// Lead bytes a guessed lead may take: the three-byte sequences of CJK punctuation, kana and Han.
    static let guessableLeads: ClosedRange<UInt8> = 0xE3...0xE9

    /// Restores `bytes`, or `nil` when a known byte cannot be placed in any well-formed sequence.
    /// `droppable` are the bytes a decoder may have dropped without a trace (tried where a
    /// sequence breaks). A run may start with the continuation bytes of a character whose lead
    /// was cut off and end inside a character: both are guessed.
    func restore(_ bytes: [Byte], droppable: [UInt8]) -> Restored? {
        var scalars: [Unicode.Scalar] = []
        var guessed = 0
        // Where the bytes left a choice, and the characters they allowed.
        var choices: [(position: Int, valid: [Unicode.Scalar])] = []
        var index = 0
        func isContinuation(_ byte: Byte) -> Bool {
            if case let .known(value) = byte { return value & 0xC0 == 0x80 }
            return true
        }
        // The bytes that were left of each guessed character, for its report.
        var leftBytes: [Int: [Byte]] = [:]
        while index < bytes.count {
            var candidates: [[UInt8]] = []
            var consumed = 0
            switch bytes[index] {
            case let .known(lead) where lead < 0x80:
                scalars.append(Unicode.Scalar(lead))
                index += 1
                continue
            case let .known(lead) where (0xC2...0xF4).contains(lead):
                let length = lead < 0xE0 ? 2 : (lead < 0xF0 ? 3 : 4)
                var run = 1
                while run < length, index + run < bytes.count, isContinuation(bytes[index + run]) { run += 1 }
                if run == length {
                    candidates = Self.fill(Array(bytes[index..<(index + length)]))
                    consumed = length
                } else if index + run == bytes.count {
                    // The run ends inside this character.
                    candidates = Self.fill(Array(bytes[index..<(index + run)]) + Array(repeating: .unknown, count: length - run))
                    consumed = run
                } else if !droppable.isEmpty, run == length - 1 {
                    // One byte dropped somewhere after the lead.
                    let present = Array(bytes[index..<(index + run)])
                    for position in 1...run {
                        for byte in droppable {
                            var grown = present
                            grown.insert(.known(byte), at: position)
                            candidates += Self.fill(grown)
                        }
                    }
                    consumed = run
                } else if !droppable.isEmpty, length == 3, run == 1 {
                    // Both continuation bytes dropped (萝 is E8 90 9D: only E8 is left).
                    for second in droppable {
                        for third in droppable {
                            candidates += Self.fill([bytes[index], .known(second), .known(third)])
                        }
                    }
                    consumed = run
                } else {
                    return nil
                }
            case .known:
                // Continuation bytes with no lead: only at the start of the run, where it was cut.
                guard index == 0 else { return nil }
                var run = 0
                while run < 2, run < bytes.count, isContinuation(bytes[run]) { run += 1 }
                candidates = Self.fill([.unknown] + Array(bytes[0..<run]) + Array(repeating: .unknown, count: 2 - run),
                                       leads: Self.guessableLeads)
                consumed = run
            case .unknown, .rejected:
                // An unknown lead: the next two slots must be continuations.
                var run = 1
                while run < 3, index + run < bytes.count, isContinuation(bytes[index + run]) { run += 1 }
                if run == 3 {
                    candidates = Self.fill(Array(bytes[index..<(index + 3)]), leads: Self.guessableLeads)
                    consumed = 3
                } else if index + run == bytes.count || index == 0 {
                    candidates = Self.fill(Array(bytes[index..<(index + run)]) + Array(repeating: .unknown, count: 3 - run),
                                           leads: Self.guessableLeads)
                    consumed = run
                } else {
                    return nil
                }
            }
            let valid = candidates.compactMap { Self.decode($0) }
            guard !valid.isEmpty else { return nil }
            if valid.count > 1 {
                guessed += 1
                choices.append((scalars.count, valid))
                leftBytes[scalars.count] = Array(bytes[index..<(index + consumed)])
            }
            let previous = scalars.last
            let best = valid.min { a, b in
                score(a, after: previous, before: nil) < score(b, after: previous, before: nil)
            }!
            scalars.append(best)
            index += consumed
        }
        // Guesses made before their right neighbours were known are made again, each run of
        // neighbouring guesses together (胡萝卜: both characters lost bytes).
        var group = 0
        while group < choices.count {
            var end = group + 1
            while end < choices.count, choices[end].position == choices[end - 1].position + 1 { end += 1 }
            choose(choices[group..<end], in: &scalars)
            group = end
        }
        // Then each guess is judged with its neighbours as chosen; the ones the model cannot
        // tell from another candidate are taken out.
        var lost: [Lost] = []
        for choice in choices {
            let position = choice.position
            let before = position > 0 ? scalars[position - 1] : nil
            let after = position + 1 < scalars.count ? scalars[position + 1] : nil
            var best = Float.infinity, second = Float.infinity
            for candidate in choice.valid {
                let total = score(candidate, after: before, before: after)
                if total < best { second = best; best = total } else if total < second { second = total }
            }
            if second - best < Self.requiredMargin {
                let left = (leftBytes[position] ?? []).map { byte -> String in
                    if case let .known(value) = byte { return String(value, radix: 16, uppercase: true) }
                    return "??"
                }
                lost.append(Lost(position: position, bytes: left.joined(separator: " "), allowed: choice.valid.count,
                                 likeliest: scalars[position]))
            }
        }
        guard !lost.isEmpty else { return Restored(scalars: scalars, guessed: guessed) }
        for (offset, entry) in lost.enumerated() {
            scalars.remove(at: entry.position - offset)
            lost[offset].position -= offset
        }
        return Restored(scalars: scalars, guessed: guessed - lost.count, lost: lost)
    }

    /// Candidates kept per guessed character when neighbouring guesses are chosen together.
    static let candidatesPerGuess = 64

    /// Chooses the characters of neighbouring guessed positions together (Viterbi over their
    /// candidates, by cost and the word bonuses between them and with the fixed neighbours).
    private func choose(_ group: ArraySlice<(position: Int, valid: [Unicode.Scalar])>, in scalars: inout [Unicode.Scalar]) {
        let first = group.first!.position
        let last = group.last!.position
        let before = first > 0 ? scalars[first - 1] : nil
        let after = last + 1 < scalars.count ? scalars[last + 1] : nil
        // The cheapest candidates of each position, by cost alone.
        let options = group.map { choice in
            Array(choice.valid.sorted { model.cost($0) < model.cost($1) }.prefix(Self.candidatesPerGuess))
        }
        var totals = options[0].map { score($0, after: before, before: options.count == 1 ? after : nil) }
        var back: [[Int]] = []
        for step in 1..<max(1, options.count) where options.count > 1 {
            var next: [Float] = []
            var links: [Int] = []
            for char in options[step] {
                var bestTotal = Float.infinity
                var bestLink = 0
                for (index, previous) in options[step - 1].enumerated() {
                    let total = totals[index] + score(char, after: previous, before: step == options.count - 1 ? after : nil)
                    if total < bestTotal { bestTotal = total; bestLink = index }
                }
                next.append(bestTotal)
                links.append(bestLink)
            }
            totals = next
            back.append(links)
        }
        var index = totals.indices.min { totals[$0] < totals[$1] }!
        for step in stride(from: options.count - 1, through: 0, by: -1) {
            scalars[first + step] = options[step][index]
            if step > 0 { index = back[step - 1][index] }
        }
    }

    private func score(_ scalar: Unicode.Scalar, after previous: Unicode.Scalar?, before next: Unicode.Scalar?) -> Float {
        var cost = model.cost(scalar)
        if let previous { cost -= model.wordBonus(previous, scalar) }
        if let next { cost -= model.wordBonus(scalar, next) }
        return cost
    }

    /// Every byte sequence `slots` allows: an unknown lead takes `leads`, an unknown
    /// continuation byte 80-BF; a rejected byte only the values GBK rejects before its next
    /// byte. At most 4,096 sequences.
    static func fill(_ slots: [Byte], leads: ClosedRange<UInt8>? = nil) -> [[UInt8]] {
        var results: [[UInt8]] = [[]]
        for (position, slot) in slots.enumerated() {
            let choices: [UInt8]
            switch slot {
            case let .known(value): choices = [value]
            case .unknown: choices = position == 0 ? Array(leads ?? 0xE3...0xE9) : Array(0x80...0xBF)
            case let .rejected(next):
                let range = position == 0 ? (leads ?? 0xE3...0xE9) : 0x80...0xBF
                choices = range.filter { GBKTable.shared.decode($0, next) == nil }
            }
            guard results.count * choices.count <= 4096 else { return [] }
            results = results.flatMap { prefix in choices.map { prefix + [$0] } }
        }
        return results
    }

    /// The scalar a well-formed sequence of two to four bytes encodes, or `nil`.
    static func decode(_ bytes: [UInt8]) -> Unicode.Scalar? {
        guard WrongCodec.firstInvalidUTF8(bytes) == nil else { return nil }
        var value: UInt32
        switch bytes.count {
        case 2: value = UInt32(bytes[0] & 0x1F)
        case 3: value = UInt32(bytes[0] & 0x0F)
        case 4: value = UInt32(bytes[0] & 0x07)
        default: return nil
        }
        for byte in bytes.dropFirst() { value = value << 6 | UInt32(byte & 0x3F) }
        return Unicode.Scalar(value)
    }
}
