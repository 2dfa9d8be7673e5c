import Synchronization

/// Rebuilds runs of text that a site shifted by one byte while editing GBK bytes (DESIGN.md §6).
///
/// A site inserted `(pinyin)` after listed characters, and folded full-width punctuation to
/// ASCII, on GBK *bytes*, blind to character boundaries. Where the edited byte pair straddled
/// two characters, the lead byte of the second character was lost (it shows as `?`, or vanishes
/// before an ASCII byte) and decoding stayed one byte off until an ASCII byte resynchronised it:
/// `我們?nèi)娼ǔ尚】瞪鐣?huì)` is `我們全面建成小康社會`.
///
/// The repair re-encodes the shifted characters as GBK, puts back the lost bytes (pinned by the
/// orphan pinyin, which names the straddled pair, or chosen by the model), puts back pairs that
/// the site's decoder dropped (GBK's user-defined area), decodes in the right frame and lets
/// ``HanFrequencyModel`` choose among the candidates. A run is rewritten only when the result
/// is common Chinese and clearly more likely than what is there.
///
/// ```swift
/// let repair = ShiftedGBKRepair()
/// repair.repair(line: "勇挑重?fù)?dān)的熱情").text   // "勇挑重擔的熱情"
/// ```
struct ShiftedGBKRepair: Sendable {
    /// One rewritten run of a line.
    struct Fix: Sendable, Equatable {
        /// Scalar offset of the run in the line as given.
        var start: Int
        /// The run as it was.
        var removed: String
        /// The restored text.
        var replacement: String
    }

    /// A run that bore the marks of a byte shift but could not be rebuilt with confidence; its
    /// orphan `?pinyin)` marks were removed.
    struct Unrepaired: Sendable, Equatable {
        var start: Int
        var removed: String
    }

    struct Result: Sendable {
        var text: String
        var fixes: [Fix]
        var unrepaired: [Unrepaired]
        /// Search states spent on the line (see ``workBudget(forUTF8Count:)``).
        var work = 0
    }

    let model = HanFrequencyModel.shared
    let gbk = GBKTable.shared

    init() {}

    /// Minimum advantage in nats (after penalties) of a rebuilt run over the text as it is.
    static let requiredGain: Float = 10
    /// Penalty for a byte chosen freely (not pinned by pinyin, not seen).
    static let freeBytePenalty: Float = 3
    /// Penalty for a dropped byte pair put back.
    static let insertionPenalty: Float = 2.4
    /// Longest shifted run considered, in characters.
    static let maximumRun = 48
    /// A character at least this dear (nats) is rare enough that a put-back pair may replace it.
    static let rareAlternativeCost: Float = 9.5
    /// Below this, a character is too common to be replaced by a put-back pair at all.
    static let uncommonAlternativeCost: Float = 7.5
    /// A reward per character of a hypothesis, so that a rebuild with a put-back pair (two
    /// characters for one) is not judged worse merely for being longer.
    static let lengthReward: Float = 5
    /// What a character missing from the text costs: a lost byte pinned by pinyin stands for one.
    static let missingCharacterCost: Float = 12
    static let beamWidth = 48
    /// The most one character of the text as it stands counts against a rebuild: a run of
    /// unseen characters (龘龘嬲) after a colon is rare text, not proof of a shift.
    static let observedCostCap = HanFrequencyModel.commonHanCost

    /// A shifted run is a short stretch inside otherwise readable text: a line where more than
    /// this share of the non-ASCII characters is uncommon is noise (random bytes, a binary
    /// file decoded as text), not damage the search could explain.
    static let maximumUncommonShare = 0.5
    /// Searches allowed per line: a few, plus one per 32 characters, so that hostile input with
    /// a would-be run start everywhere costs linear time.
    static func searchBudget(forLength length: Int) -> Int { 8 + length / 32 }
    /// Search states (hypotheses extended by one character) allowed for a text of `utf8Count`
    /// bytes: a document's lines draw on one budget. One search can extend up to
    /// ``maximumRun`` × ``beamWidth`` × 25 states, so the search count alone bounds the cost
    /// only loosely; this bounds it tightly, in proportion to the text. Seed 000, the worst real
    /// page we have, spends about 4 states per byte; text where every search runs to its limit
    /// (a page decoded with the wrong codec, noise) stops being searched once the budget is
    /// spent, and keeps its text.
    static func workBudget(forUTF8Count utf8Count: Int) -> Int { 50_000 + 32 * utf8Count }
    /// How far one step of a search can overrun the budget before the search sees it is spent:
    /// the finals of one position plus one beam's successors.
    static let workPerStep = beamWidth * 6 + beamWidth * (1 + insertionsPerState)

    /// Repairs every shifted run of a line it can; returns the line unchanged if there is none.
    func repair(line: String) -> Result {
        var session = Session(utf8Count: line.utf8.count)
        return repair(line: line, in: &session)
    }

    /// Repairs a line of a document whose lines share `session`: its work budget and its tables.
    func repair(line: String, in session: inout Session) -> Result {
        repair(line: line, scalars: Array(line.unicodeScalars), in: &session)
    }

    /// ``repair(line:in:)`` for a line whose scalars the caller already holds.
    ///
    /// The repaired text is built only when something changed, from the line's own UTF-8
    /// between the rewritten runs (no second array of scalars as long as the line).
    func repair(line: String, scalars: [Unicode.Scalar], in session: inout Session) -> Result {
        guard !isNoise(scalars) else { return Result(text: line, fixes: [], unrepaired: []) }
        // What the output would end with (the searches look at its last two scalars).
        var context: [Unicode.Scalar] = []
        func emit(_ scalar: Unicode.Scalar) {
            if context.count == 2 { context[0] = context[1]; context[1] = scalar } else { context.append(scalar) }
        }
        // Spans of the line replaced, in order.
        var changes: [(start: Int, end: Int, text: [Unicode.Scalar])] = []
        var fixes: [Fix] = []
        var unrepaired: [Unrepaired] = []
        var index = 0
        var budget = Self.searchBudget(forLength: scalars.count)
        let workBefore = session.workLeft
        while index < scalars.count {
            let mayStart = budget > 0 && session.workLeft > 0 && isStart(index, in: scalars)
            if mayStart { budget -= 1 }
            if mayStart, let found = bestRun(startingAt: index, in: scalars, outputSoFar: context, search: &session) {
                let removed = String(String.UnicodeScalarView(scalars[index..<found.end]))
                fixes.append(Fix(start: index, removed: removed,
                                 replacement: String(String.UnicodeScalarView(found.text))))
                changes.append((index, found.end, found.text))
                for scalar in found.text { emit(scalar) }
                index = found.end
                continue
            }
            if scalars[index] == "?", index > 0, CharacterClass.isHan(scalars[index - 1]),
               let token = PinyinToken.parse(scalars, at: index) {
                // An orphan `?pinyin)` after a Han character that no rebuild explains: garbage.
                let removed = String(String.UnicodeScalarView(scalars[index..<token.end]))
                unrepaired.append(Unrepaired(start: index, removed: removed))
                changes.append((index, token.end, []))
                index = token.end
                continue
            }
            emit(scalars[index])
            index += 1
        }
        let work = workBefore - session.workLeft
        guard !changes.isEmpty else {
            return Result(text: line, fixes: [], unrepaired: [], work: work)
        }
        // Exactly the bytes the repaired line needs, written once: the line's own UTF-8 between
        // the rewritten runs, and the replacements.
        var capacity = line.utf8.count
        for fix in fixes { capacity += fix.replacement.utf8.count - fix.removed.utf8.count }
        for run in unrepaired { capacity -= run.removed.utf8.count }
        var source = line
        let text = source.withUTF8 { bytes in
            String(unsafeUninitializedCapacity: capacity) { output in
                var written = 0
                var offset = 0, position = 0
                func copy(upTo scalar: Int) {
                    while position < scalar {
                        let length = ValidUTF8.sequenceLength(bytes[offset])
                        for index in offset..<(offset + length) { output[written] = bytes[index]; written += 1 }
                        offset += length
                        position += 1
                    }
                }
                for change in changes {
                    copy(upTo: change.start)
                    for scalar in change.text {
                        ValidUTF8.forEachByte(of: scalar.value) { output[written] = $0; written += 1 }
                    }
                    while position < change.end {
                        offset += ValidUTF8.sequenceLength(bytes[offset])
                        position += 1
                    }
                }
                while offset < bytes.count { output[written] = bytes[offset]; written += 1; offset += 1 }
                return written
            }
        }
        return Result(text: text, fixes: fixes, unrepaired: unrepaired, work: work)
    }

    /// Whether the line is mostly uncommon characters (see ``maximumUncommonShare``).
    private func isNoise(_ scalars: [Unicode.Scalar]) -> Bool {
        var nonASCII = 0, uncommon = 0
        for scalar in scalars where scalar.value >= 0x80 {
            nonASCII += 1
            if !model.isCommon(scalar) { uncommon += 1 }
        }
        return nonASCII >= 8 && Double(uncommon) > Double(nonASCII) * Self.maximumUncommonShare
    }

    /// Whether a line has any place where a shifted run could start (cheap test).
    func mayContainRun(_ scalars: [Unicode.Scalar]) -> Bool {
        for index in scalars.indices where isStart(index, in: scalars) { return true }
        return false
    }

    private func isStart(_ index: Int, in scalars: [Unicode.Scalar]) -> Bool {
        let scalar = scalars[index]
        guard index > 0, scalar.value >= 0x21, scalar.value <= 0x7E else { return false }
        if scalar == "?", PinyinToken.parse(scalars, at: index) != nil {
            return gbk.encode(scalars[index - 1]) != nil && scalars[index - 1].value >= 0x80
        }
        // A full-width punctuation mark folded to ASCII inside Chinese text, followed by rare
        // characters. A letter or digit there is a name, a model number or a reading (Müller,
        // P2P, 5月, mǎmǎhūhū: the Latin letters with tone marks are GBK characters too).
        guard !CharacterClass.isASCIILetter(scalar.value), !(0x30...0x39).contains(scalar.value) else { return false }
        let previous = scalars[index - 1]
        guard CharacterClass.isHan(previous) || CharacterClass.isCJKPunctuation(previous.value) || previous == ")"
        else { return false }
        guard index + 1 < scalars.count, scalars[index + 1].value >= 0x80 else { return false }
        // Shifted decoding makes double-byte characters, and leaves `?pinyin)` marks: ASCII is no
        // sign of it, and neither are the tone letters of a pinyin annotation (`，開(kāi)`, which
        // stage 4 removes).
        let end = min(scalars.count, index + 6)
        var position = index + 1
        while position < end {
            if let token = PinyinToken.parse(scalars, at: position) {
                if token.opener == "?" { return true }
                position = token.end
                continue
            }
            if scalars[position].value >= 0x80, !model.isCommon(scalars[position]) { return true }
            position += 1
        }
        return false
    }

    /// A hypothesis: the characters rebuilt so far, kept as a path in the session's arena (see
    /// ``Session/paths``) so that extending one copies no array.
    fileprivate struct State {
        /// The node of the last character in ``Session/paths`` (`-1` before the first).
        var tail: Int32 = -1
        /// How many characters the hypothesis has.
        var count = 0
        /// The last character of context + characters, and the one before it.
        var back1: Unicode.Scalar?
        var back2: Unicode.Scalar?
        var cost: Float
        var pending: UInt8
        var penalty: Float
        /// Whether every character so far may stand in a rebuilt run (``isPlausible(_:)``).
        var allPlausible = true
        /// The latest put-back pair in ``Session/putBacks`` (`-1` when there is none).
        var putBackTail: Int32 = -1

        /// A hypothesis with no character yet, after `context` (the output's last two scalars).
        init(context: [Unicode.Scalar], pending: UInt8, penalty: Float) {
            back1 = context.last
            back2 = context.count >= 2 ? context[context.count - 2] : nil
            cost = 0
            self.pending = pending
            self.penalty = penalty
        }
    }

    /// One character of a hypothesis and the node of the character before it.
    fileprivate struct PathNode {
        var char: Unicode.Scalar
        var parent: Int32
    }

    /// A put-back pair of a hypothesis: where in its characters the pair starts, what the
    /// single character there would have cost without it (`nil` when there is no such
    /// character), and the hypothesis' previous put-back pair.
    fileprivate struct PutBack {
        var index: Int
        var plainCost: Float?
        var parent: Int32
    }

    /// What the searches over one document's lines share: the work left in its budget (see
    /// ``workBudget(forUTF8Count:)``), and tables that depend only on GBK bytes, computed on
    /// first use.
    struct Session {
        /// Search states the document may still spend.
        fileprivate(set) var workLeft: Int

        /// A session for a document of `utf8Count` bytes.
        init(utf8Count: Int) {
            workLeft = ShiftedGBKRepair.workBudget(forUTF8Count: utf8Count)
        }

        /// This document's copy of the entries of ``ShiftedGBKRepair/sharedTables`` it used,
        /// so that a lookup takes no lock.
        fileprivate var tables = Tables()

        /// Word bonuses the searches have looked up.
        fileprivate var bonuses = WordBonusMemo(model: .shared)

        /// The characters of one search's hypotheses: each hypothesis points at its last node,
        /// and hypotheses that share a beginning share its nodes. Emptied at each search.
        fileprivate var paths: [PathNode] = []
        /// The put-back pairs of one search's hypotheses, linked the same way.
        fileprivate var putBacks: [PutBack] = []

        /// The characters of `state`, first to last.
        fileprivate func characters(of state: State) -> [Unicode.Scalar] {
            var chars = [Unicode.Scalar](repeating: " ", count: state.count)
            var node = state.tail
            var index = state.count
            while node >= 0 {
                index -= 1
                chars[index] = paths[Int(node)].char
                node = paths[Int(node)].parent
            }
            return chars
        }

        /// Appends `char` to `state`.
        fileprivate mutating func append(_ char: Unicode.Scalar, to state: inout State, plausible: Bool) {
            paths.append(PathNode(char: char, parent: state.tail))
            state.tail = Int32(paths.count - 1)
            state.count += 1
            state.back2 = state.back1
            state.back1 = char
            state.allPlausible = state.allPlausible && plausible
        }
    }

    /// Tables that depend only on GBK bytes and the model, computed on first use.
    fileprivate struct Tables {
        /// The six cheapest characters with a given lead byte.
        var cheapestTrails: [UInt8: [Unicode.Scalar]] = [:]
        /// Put-back pairs between two bytes (see ``insertions(left:right:search:)``).
        var insertions: [UInt16: InsertionTable] = [:]
    }

    /// The put-back pairs between two bytes, grouped by their first character (each group
    /// cheapest first), and all of them cheapest first: before the word bonus with the
    /// character on the left, which is the same for a whole group and zero for most.
    fileprivate struct InsertionTable {
        var groups: [[Insertion]]
        /// Every pair as its group and place in the group, by cost, then byte order.
        var byCost: [(group: Int32, index: Int32)]

        var isEmpty: Bool { groups.isEmpty }
    }

    /// The tables every search in the process has computed so far (a document's session reads
    /// through to them, so that each pair of bytes is ranked once per process, not per document).
    private static let sharedTables = Mutex(Tables())

    /// A put-back pair: its two characters, their cost, and its place in byte order (which
    /// breaks ties, so results do not depend on how candidates were ranked).
    fileprivate struct Insertion {
        var first: Unicode.Scalar
        var second: Unicode.Scalar
        var cost: Float
        var byteOrder: Int
        /// The word bonus of `first second` (part of `cost`).
        var pairBonus: Float
    }

    /// A put-back pair chosen for a hypothesis, with the word bonuses already looked up: of the
    /// character on the left and `first`, and of `first second`.
    private struct RankedInsertion {
        var first: Unicode.Scalar
        var second: Unicode.Scalar
        var leftBonus: Float
        var pairBonus: Float
    }

    /// A hypothesis ended by one more character, before it is built: its parent state, the
    /// character, and the penalty the ending adds.
    private struct Final {
        var parent: Int
        var char: Unicode.Scalar
        var extraPenalty: Float
    }

    private struct Found {
        var end: Int
        var text: [Unicode.Scalar]
        var gain: Float
    }

    private enum Start {
        case pinned(prev: UInt8, syllable: PinyinSyllable, tokenStart: Int)
        case fold
    }

    /// The best rebuild of a run starting at `start`, if one is clearly better than the text.
    private func bestRun(startingAt start: Int, in scalars: [Unicode.Scalar],
                         outputSoFar: [Unicode.Scalar], search: inout Session) -> Found? {
        guard isStart(start, in: scalars) else { return nil }
        let context = Array(outputSoFar.suffix(2))
        search.paths.removeAll(keepingCapacity: true)
        search.putBacks.removeAll(keepingCapacity: true)
        var states: [State] = []
        var position: Int
        var tokens: [(UInt8, UInt8)] = []
        if scalars[start] == "?", let token = PinyinToken.parse(scalars, at: start),
           let code = gbk.encode(scalars[start - 1]) {
            let prev = UInt8(code & 0xFF)
            for lead in UInt8(0x81)...UInt8(0xFE) {
                guard let straddled = gbk.decode(prev, lead), model.isReading(token.syllable, of: straddled) else { continue }
                states.append(State(context: context, pending: lead, penalty: 0))
            }
            position = token.end
        } else {
            for lead in UInt8(0x81)...UInt8(0xFE) {
                states.append(State(context: context, pending: lead, penalty: Self.freeBytePenalty))
            }
            let value = UInt8(scalars[start].value)
            tokens.append((0xA3, value &+ 0x80))
            states = advance(states, token: (0xA3, value &+ 0x80), allowInsertion: false,
                             search: &search)
            position = start + 1
        }
        guard !states.isEmpty else { return nil }

        var best: Found?
        func consider(end: Int, finals: [Final]) {
            let after = Array(scalars[end..<min(scalars.count, end + 2)])
            var winner: Final?
            var rebuiltCost = Float.infinity
            // The finals try the same few characters after many hypotheses: what the characters
            // after the run cost given only the final character is worked out once per character.
            var partsByChar: [(char: Unicode.Scalar, parts: AfterParts)] = []
            for final in finals {
                // Priced first, without building the hypothesis; the checks run only for one that
                // would win. `step` adds the character's cost given the context, less the length
                // reward; only the two characters after the run remain to be priced.
                let state = states[final.parent]
                let finalCost = state.cost + step(final.char, back1: state.back1, back2: state.back2,
                                                  bonuses: &search.bonuses)
                let parts: AfterParts
                if let known = partsByChar.first(where: { $0.char == final.char }) {
                    parts = known.parts
                } else {
                    parts = afterParts(after, final.char, bonuses: &search.bonuses)
                    partsByChar.append((final.char, parts))
                }
                var cost = finalCost + afterCost(after, following: state.back1, final.char, parts: parts,
                                                 bonuses: &search.bonuses)
                    + (state.penalty + final.extraPenalty)
                if after.count == 2, after[0] == "、" {
                    cost -= model.coordinationBonus(final.char, after[1])
                }
                guard cost < rebuiltCost, isPlausible(final.char), state.allPlausible,
                      insertionsAreJustified(state, then: final.char, context: context, after: after, search: search)
                else { continue }
                rebuiltCost = cost
                winner = final
            }
            guard let winner else { return }
            // What is there now, with orphan pinyin marks left out (they go anyway); each pinned
            // lost byte stands for a character that the text as it is lacks.
            var observed: [Unicode.Scalar] = context
            var pinned = 0
            var index = start
            while index < end {
                if let token = PinyinToken.parse(scalars, at: index), token.opener == "?" || index > start {
                    pinned += 1
                    index = token.end
                    continue
                }
                observed.append(scalars[index])
                index += 1
            }
            let observedCost = model.totalCost(of: observed + after, cappingEachAt: Self.observedCostCap)
                - model.totalCost(of: context, cappingEachAt: Self.observedCostCap)
                - Self.lengthReward * Float(observed.count - context.count)
                + Float(pinned) * (Self.missingCharacterCost - Self.lengthReward)
            let gain = observedCost - rebuiltCost
            guard gain >= Self.requiredGain else { return }
            let text = search.characters(of: states[winner.parent]) + [winner.char]
            // A shift keeps the number of characters (one lost byte in, one out); only a pinned
            // run may grow by more than one put-back pair. Without a pin, three rare characters
            // after a colon (龘龘嬲) rebuilt as seven common ones is invention, not repair.
            guard pinned > 0 || text.count <= observed.count - context.count + 1 else { return }
            if best == nil || gain > best!.gain {
                best = Found(end: end, text: text, gain: gain)
            }
        }

        while position <= scalars.count, tokens.count <= Self.maximumRun {
            let tokenAhead = position < scalars.count ? PinyinToken.parse(scalars, at: position) : nil
            // End with a pinned lost byte: `?pinyin)` or `(pinyin)` names the last character.
            if let token = tokenAhead {
                var finals: [Final] = []
                var readingsPending: UInt8?
                var readings: [Unicode.Scalar] = []
                for (parent, state) in states.enumerated() {
                    if readingsPending != state.pending {
                        readings = (UInt8(0x40)...UInt8(0xFE)).compactMap { q in
                            gbk.decode(state.pending, q).flatMap { model.isReading(token.syllable, of: $0) ? $0 : nil }
                        }
                        readingsPending = state.pending
                    }
                    for char in readings {
                        finals.append(Final(parent: parent, char: char, extraPenalty: 0))
                    }
                }
                consider(end: token.end, finals: finals)
                break
            }
            // End with a lost byte chosen by the model (nothing consumed).
            if !tokens.isEmpty {
                var finals: [Final] = []
                var trailsPending: UInt8?
                var trails: [Unicode.Scalar] = []
                for (parent, state) in states.enumerated() {
                    if trailsPending != state.pending {
                        trails = cheapestTrails(after: state.pending, search: &search)
                        trailsPending = state.pending
                    }
                    for char in trails {
                        finals.append(Final(parent: parent, char: char, extraPenalty: Self.freeBytePenalty))
                    }
                }
                search.workLeft -= finals.count
                consider(end: position, finals: finals)
            }
            guard position < scalars.count else { break }
            let scalar = scalars[position]
            // End where an ASCII byte served as the trail byte and resynchronised decoding.
            if scalar.value >= 0x40, scalar.value <= 0x7E, !tokens.isEmpty {
                var finals: [Final] = []
                for (parent, state) in states.enumerated() {
                    if let char = gbk.decode(state.pending, UInt8(scalar.value)) {
                        finals.append(Final(parent: parent, char: char, extraPenalty: 0))
                    }
                }
                consider(end: position + 1, finals: finals)
            }
            // Otherwise the scalar is one more shifted character (ASCII ones were folded from A3xx).
            let token: (UInt8, UInt8)
            if scalar.value >= 0x21, scalar.value <= 0x7E {
                token = (0xA3, UInt8(scalar.value) &+ 0x80)
            } else if scalar.value >= 0x80, let code = gbk.encode(scalar) {
                token = (UInt8(code >> 8), UInt8(code & 0xFF))
            } else {
                break
            }
            tokens.append(token)
            states = advance(states, token: token, allowInsertion: true, search: &search)
            // Out of budget mid-run: give up on this run (the text stays as it is).
            if states.isEmpty || search.workLeft <= 0 { break }
            position += 1
        }
        return best
    }

    /// Adds one shifted character: the right-frame character made of the pending byte and the
    /// token's lead byte (or two characters around a dropped pair), then the token's trail byte
    /// becomes pending.
    private func advance(_ states: [State], token: (UInt8, UInt8),
                         allowInsertion: Bool, search: inout Session) -> [State] {
        // Successors are priced from their parent's last two characters and only the beam's
        // worth is built into states: a position weighs up to 25 successors per hypothesis and
        // keeps ``beamWidth`` of them.
        var candidates: [Successor] = []
        candidates.reserveCapacity(states.count * (allowInsertion ? 1 + Self.insertionsPerState : 1))
        // After the first step every hypothesis has the same pending byte, and many share their
        // last two characters: the put-back pairs are looked up once per pending byte, ranked
        // and their second characters priced once per left character, and their first
        // characters priced once per last two characters.
        var groupsPending: UInt8?
        var groups = InsertionTable(groups: [], byCost: [])
        var ranked: [(left: Unicode.Scalar?, pairs: [RankedInsertion], secondSteps: [Float])] = []
        var firstSteps: [(back2: Unicode.Scalar?, left: Unicode.Scalar?, steps: [Float])] = []
        for (parent, state) in states.enumerated() {
            let plain = gbk.decode(state.pending, token.0)
            if let char = plain {
                candidates.append(Successor(parent: parent, first: char, second: nil,
                                            cost: state.cost + step(char, back1: state.back1, back2: state.back2,
                                                                    bonuses: &search.bonuses),
                                            penalty: state.penalty, plainCost: nil))
            }
            guard allowInsertion, state.penalty == 0 || state.count > 0 else { continue }
            if groupsPending != state.pending {
                groups = insertions(left: state.pending, right: token.0, search: &search)
                groupsPending = state.pending
                ranked.removeAll(keepingCapacity: true)
                firstSteps.removeAll(keepingCapacity: true)
            }
            guard !groups.isEmpty else { continue }
            let left = state.back1
            let plainCost = plain.map { model.cost($0) }
            let rankedIndex: Int
            if let known = ranked.firstIndex(where: { $0.left == left }) {
                rankedIndex = known
            } else {
                let pairs = cheapestInsertions(groups, after: left, bonuses: &search.bonuses)
                let secondSteps = pairs.map { pair in
                    step(pair.second, back1: pair.first, back2: left, bigramBonus: pair.pairBonus,
                         bonuses: &search.bonuses)
                }
                ranked.append((left, pairs, secondSteps))
                rankedIndex = ranked.count - 1
            }
            let (_, pairs, secondSteps) = ranked[rankedIndex]
            let firstIndex: Int
            if let known = firstSteps.firstIndex(where: { $0.back2 == state.back2 && $0.left == left }) {
                firstIndex = known
            } else {
                let steps = pairs.map { pair in
                    step(pair.first, back1: left, back2: state.back2, bigramBonus: pair.leftBonus,
                         bonuses: &search.bonuses)
                }
                firstSteps.append((state.back2, left, steps))
                firstIndex = firstSteps.count - 1
            }
            let firstStepCosts = firstSteps[firstIndex].steps
            for (index, pair) in pairs.enumerated() {
                let firstCost = state.cost + firstStepCosts[index]
                let secondCost = firstCost + secondSteps[index]
                candidates.append(Successor(parent: parent, first: pair.first, second: pair.second, cost: secondCost,
                                            penalty: state.penalty + Self.insertionPenalty,
                                            plainCost: .some(plainCost)))
            }
        }
        search.workLeft -= candidates.count
        // Cheapest first; ties keep generation order (as a stable sort of the states did).
        let order = Self.indicesOfSmallest(Self.beamWidth, of: candidates.map { $0.cost + $0.penalty })
        return order.map { index in
            let successor = candidates[index]
            var state = states[successor.parent]
            if let plainCost = successor.plainCost {
                search.putBacks.append(PutBack(index: state.count, plainCost: plainCost, parent: state.putBackTail))
                state.putBackTail = Int32(search.putBacks.count - 1)
            }
            search.append(successor.first, to: &state, plausible: isPlausible(successor.first))
            if let second = successor.second { search.append(second, to: &state, plausible: isPlausible(second)) }
            state.cost = successor.cost
            state.penalty = successor.penalty
            state.pending = token.1
            return state
        }
    }

    /// The indices of the `count` smallest keys, ordered by key and then index: the first
    /// `count` of a stable sort, found in linear time (a selection of the threshold key, then
    /// a sort of the few below it).
    static func indicesOfSmallest(_ count: Int, of keys: [Float]) -> [Int] {
        guard keys.count > count else {
            return keys.indices.sorted { (keys[$0], $0) < (keys[$1], $1) }
        }
        guard count > 0 else { return [] }
        var scratch = keys
        let threshold = select(count - 1, in: &scratch)
        var below: [Int] = []
        below.reserveCapacity(count)
        for index in keys.indices where keys[index] < threshold { below.append(index) }
        for index in keys.indices where below.count < count && keys[index] == threshold { below.append(index) }
        below.sort { (keys[$0], $0) < (keys[$1], $1) }
        return below
    }

    /// The element that would sit at `rank` if `values` were sorted (Hoare's selection;
    /// `values` is reordered).
    private static func select(_ rank: Int, in values: inout [Float]) -> Float {
        var low = 0
        var high = values.count - 1
        while low < high {
            let pivot = values[low + (high - low) / 2]
            var left = low
            var right = high
            while left <= right {
                while values[left] < pivot { left += 1 }
                while values[right] > pivot { right -= 1 }
                if left <= right {
                    values.swapAt(left, right)
                    left += 1
                    right -= 1
                }
            }
            if rank <= right {
                high = right
            } else if rank >= left {
                low = left
            } else {
                break
            }
        }
        return values[rank]
    }

    /// A hypothesis extended by one character, or by a put-back pair, before it is built.
    private struct Successor {
        var parent: Int
        var first: Unicode.Scalar
        var second: Unicode.Scalar?
        var cost: Float
        var penalty: Float
        /// For a put-back pair, what the single character in its place would have cost.
        var plainCost: Float??
    }

    /// What appending `char` adds to a hypothesis' cost: its own cost less the best word bonus
    /// it completes with the two characters before it (`back1` just before, `back2` before
    /// that), less the length reward. `bigramBonus`, when the caller has it, is the word bonus
    /// of `back1` and `char`.
    private func step(_ char: Unicode.Scalar, back1: Unicode.Scalar?, back2: Unicode.Scalar?,
                      bigramBonus: Float? = nil, bonuses: inout WordBonusMemo) -> Float {
        var bonus: Float = 0
        if let previous = back1 {
            bonus = bigramBonus ?? bonuses.bonus(previous, char)
            if let beforeThat = back2 { bonus = max(bonus, bonuses.bonus(beforeThat, previous, char)) }
        }
        return model.cost(char) - bonus - Self.lengthReward
    }

    /// Put-back pairs kept per hypothesis.
    static let insertionsPerState = 24

    /// The ``insertionsPerState`` cheapest pairs once the word bonus with the character on the
    /// left is counted, ties to byte order. The bonus is looked up once per group (a group
    /// shares its first character); the few groups that gain one are merged, each cheapest
    /// first, into the table's cost order of all the others.
    private func cheapestInsertions(_ table: InsertionTable, after left: Unicode.Scalar?,
                                    bonuses memo: inout WordBonusMemo) -> [RankedInsertion] {
        let groups = table.groups
        // The groups with a bonus: which, the bonus, and the place of their next pair.
        var boosted: [(group: Int, bonus: Float, next: Int)] = []
        if let left {
            for group in groups.indices {
                let bonus = memo.bonus(left, groups[group][0].first)
                if bonus != 0 { boosted.append((group, bonus, 0)) }
            }
        }
        var kept: [RankedInsertion] = []
        kept.reserveCapacity(Self.insertionsPerState)
        var next = 0 // in `table.byCost`
        while kept.count < Self.insertionsPerState {
            while next < table.byCost.count,
                  boosted.contains(where: { $0.group == Int(table.byCost[next].group) }) {
                next += 1
            }
            // The cheapest of the next pair without a bonus (-1) and the boosted groups' next.
            var best = -2
            var bestCost = Float.infinity
            var bestOrder = Int.max
            if next < table.byCost.count {
                let pair = groups[Int(table.byCost[next].group)][Int(table.byCost[next].index)]
                best = -1
                bestCost = pair.cost
                bestOrder = pair.byteOrder
            }
            for (slot, entry) in boosted.enumerated() where entry.next < groups[entry.group].count {
                let pair = groups[entry.group][entry.next]
                let cost = pair.cost - entry.bonus
                if cost < bestCost || (cost == bestCost && pair.byteOrder < bestOrder) {
                    best = slot
                    bestCost = cost
                    bestOrder = pair.byteOrder
                }
            }
            if best == -1 {
                let pair = groups[Int(table.byCost[next].group)][Int(table.byCost[next].index)]
                kept.append(RankedInsertion(first: pair.first, second: pair.second, leftBonus: 0,
                                            pairBonus: pair.pairBonus))
                next += 1
            } else if best >= 0 {
                let pair = groups[boosted[best].group][boosted[best].next]
                kept.append(RankedInsertion(first: pair.first, second: pair.second, leftBonus: boosted[best].bonus,
                                            pairBonus: pair.pairBonus))
                boosted[best].next += 1
            } else {
                break
            }
        }
        return kept
    }

    /// The six cheapest characters whose lead byte is `lead` (a lost trail byte chosen freely).
    private func cheapestTrails(after lead: UInt8, search: inout Session) -> [Unicode.Scalar] {
        if let known = search.tables.cheapestTrails[lead] { return known }
        if let shared = Self.sharedTables.withLock({ $0.cheapestTrails[lead] }) {
            search.tables.cheapestTrails[lead] = shared
            return shared
        }
        var options: [(Unicode.Scalar, Float)] = []
        for q in UInt8(0x40)...UInt8(0xFE) {
            if let char = gbk.decode(lead, q) { options.append((char, model.cost(char))) }
        }
        options.sort { $0.1 < $1.1 }
        let cheapest = options.prefix(6).map(\.0)
        search.tables.cheapestTrails[lead] = cheapest
        Self.sharedTables.withLock { $0.cheapestTrails[lead] = cheapest }
        return cheapest
    }

    /// The parts of ``afterCost(_:following:_:parts:bonuses:)`` that depend only on the run's
    /// last character: the word bonus of it and the first character after the run, and what the
    /// second character after the run costs (`nil` when there is none).
    private struct AfterParts {
        var firstBonus: Float
        var secondCost: Float?
    }

    private func afterParts(_ after: [Unicode.Scalar], _ last: Unicode.Scalar,
                            bonuses: inout WordBonusMemo) -> AfterParts {
        guard let first = after.first else { return AfterParts(firstBonus: 0, secondCost: nil) }
        var secondCost: Float?
        if after.count > 1 {
            let second = after[1]
            secondCost = model.cost(second) - max(bonuses.bonus(first, second), bonuses.bonus(last, first, second))
        }
        return AfterParts(firstBonus: bonuses.bonus(last, first), secondCost: secondCost)
    }

    /// What the (up to two) characters after a run cost, given the run's last character and
    /// the one before it (from the run or its context); `parts` are ``afterParts(_:_:bonuses:)``
    /// of `last`.
    private func afterCost(_ after: [Unicode.Scalar], following previous: Unicode.Scalar?,
                           _ last: Unicode.Scalar, parts: AfterParts, bonuses: inout WordBonusMemo) -> Float {
        guard let first = after.first else { return 0 }
        var bonus = parts.firstBonus
        if let previous { bonus = max(bonus, bonuses.bonus(previous, last, first)) }
        var total: Float = 0
        total += model.cost(first) - bonus
        if let secondCost = parts.secondCost { total += secondCost }
        return total
    }

    /// A put-back pair is believed only where the single character in its place would be rare,
    /// or fairly rare and the pair forms words with both neighbours (有 效疏 導 for 有需導).
    private func insertionsAreJustified(_ state: State, then last: Unicode.Scalar, context: [Unicode.Scalar],
                                        after: [Unicode.Scalar], search: Session) -> Bool {
        guard state.putBackTail >= 0 else { return true }
        let full = context + search.characters(of: state) + [last] + after
        var node = state.putBackTail
        while node >= 0 {
            let insertion = search.putBacks[Int(node)]
            node = insertion.parent
            guard let plainCost = insertion.plainCost, plainCost < Self.rareAlternativeCost else { continue }
            guard plainCost >= Self.uncommonAlternativeCost else { return false }
            let first = context.count + insertion.index
            guard first >= 1, first + 2 < full.count,
                  model.wordBonus(full[first - 1], full[first]) > 0,
                  model.wordBonus(full[first + 1], full[first + 2]) > 0 else { return false }
        }
        return true
    }

    /// The likeliest character pairs `(left X)(Y right)` where `X Y` is a pair a decoder drops.
    private func insertions(left: UInt8, right: UInt8, search: inout Session) -> InsertionTable {
        let key = UInt16(left) << 8 | UInt16(right)
        if let known = search.tables.insertions[key] { return known }
        if let shared = Self.sharedTables.withLock({ $0.insertions[key] }) {
            search.tables.insertions[key] = shared
            return shared
        }
        var firsts: [(UInt8, Unicode.Scalar, Float)] = []
        for x in UInt8(0x81)...UInt8(0xFE) {
            if let char = gbk.decode(left, x) { firsts.append((x, char, model.cost(char))) }
        }
        var seconds: [(UInt8, Unicode.Scalar, Float)] = []
        for y in UInt8(0x81)...UInt8(0xFE) {
            if let char = gbk.decode(y, right) { seconds.append((y, char, model.cost(char))) }
        }
        var combos: [Insertion] = []
        for first in firsts where first.2 <= HanFrequencyModel.commonHanCost {
            for second in seconds where second.2 <= HanFrequencyModel.commonHanCost {
                guard gbk.isDropped(first.0, second.0) else { continue }
                var cost = first.2 + second.2
                let pairBonus = model.wordBonus(first.1, second.1)
                cost -= pairBonus
                combos.append(Insertion(first: first.1, second: second.1, cost: cost, byteOrder: combos.count,
                                        pairBonus: pairBonus))
            }
        }
        // Grouped by first character (consecutive in byte order), each group cheapest first.
        var groups: [[Insertion]] = []
        for combo in combos {
            if let last = groups.last?.first, last.first == combo.first {
                groups[groups.count - 1].append(combo)
            } else {
                groups.append([combo])
            }
        }
        for index in groups.indices {
            groups[index].sort { ($0.cost, $0.byteOrder) < ($1.cost, $1.byteOrder) }
        }
        var byCost: [(group: Int32, index: Int32)] = []
        byCost.reserveCapacity(combos.count)
        for (group, pairs) in groups.enumerated() {
            for index in pairs.indices { byCost.append((Int32(group), Int32(index))) }
        }
        byCost.sort { a, b in
            let x = groups[Int(a.group)][Int(a.index)], y = groups[Int(b.group)][Int(b.index)]
            return (x.cost, x.byteOrder) < (y.cost, y.byteOrder)
        }
        let table = InsertionTable(groups: groups, byCost: byCost)
        search.tables.insertions[key] = table
        Self.sharedTables.withLock { $0.insertions[key] = table }
        return table
    }

    /// Whether a rebuilt run may hold the character: common, and not a pinyin tone letter.
    private func isPlausible(_ scalar: Unicode.Scalar) -> Bool {
        model.isCommon(scalar) && !isPinyinLetter(scalar)
    }

    private func isPinyinLetter(_ scalar: Unicode.Scalar) -> Bool {
        PinyinSyllable.isToneLetter(scalar)
    }
}

/// `?pinyin)` or `(pinyin)` (also with full-width parentheses) at a position of a line.
struct PinyinToken: Sendable {
    var opener: Unicode.Scalar
    var syllable: PinyinSyllable
    /// Scalar offset just past the closing parenthesis.
    var end: Int

    static func parse(_ scalars: [Unicode.Scalar], at index: Int) -> PinyinToken? {
        guard index < scalars.count else { return nil }
        let opener = scalars[index]
        let closer: Unicode.Scalar
        switch opener {
        case "?", "(": closer = ")"
        case "（": closer = "）"
        default: return nil
        }
        var position = index + 1
        let limit = min(scalars.count, index + 10)
        while position < limit, scalars[position] != closer, scalars[position] != ")" {
            position += 1
        }
        guard position < limit, position > index + 1 else { return nil }
        guard let syllable = PinyinSyllable(scalars: scalars[(index + 1)..<position]) else { return nil }
        return PinyinToken(opener: opener, syllable: syllable, end: position + 1)
    }
}
