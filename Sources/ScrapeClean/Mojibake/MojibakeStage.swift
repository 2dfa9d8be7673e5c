/// Stage 3 (DESIGN.md §2): repairs text decoded with the wrong charset and rebuilds byte-shifted
/// GBK runs, then strips the garbage nothing can bring back. Every change is an ``Edit``; runs
/// that bore the marks of damage but could not be restored are counted in
/// ``Metadata/unrepairedRuns``.
///
/// Clean lines cost one pass over their UTF-8 bytes (``SuspicionScreen``); the repairs run only
/// on lines the screen flags.
///
/// ```swift
/// var document = Document(text: "今天涓枃很好\n")
/// MojibakeStage().apply(to: &document)
/// document.lines[0].text   // "今天中文很好"
/// ```
public struct MojibakeStage: CleaningStage {
    public var stage: Stage { .mojibake }

    public init() {}

    public func apply(to document: inout Document) {
        let screen = SuspicionScreen.shared
        var unrepaired = 0
        var shiftSession = ShiftedGBKRepair.Session(utf8Count: document.lines.reduce(0) { $0 + $1.text.utf8.count })
        let readings = InlineReadings(model: .shared)
        // Tone letters inside pinyin readings (書(shū), left for the annotation stage) are not
        // Latin mojibake: without this, every annotated line was searched codec by codec.
        func findings(of text: String) -> SuspicionScreen.Findings {
            var found = screen.findings(text)
            if found.contains(.latin), readings.coverAllLatin(of: text) { found.remove(.latin) }
            return found
        }
        let allFindings = document.lines.map { findings(of: $0.text) }
        // Whole-document damage: one codec pair for every suspicious line (DocumentCodecVote),
        // among the pairs whose garble the screen saw on a voting line.
        let vote = DocumentCodecVote()
        let voters = document.lines.indices.filter { !allFindings[$0].isEmpty }.prefix(DocumentCodecVote.maximumVoters)
        let documentCodec = vote.decide(voters.map { document.lines[$0].text },
                                        latin: voters.contains { allFindings[$0].contains(.latin) },
                                        han: voters.contains { !allFindings[$0].isDisjoint(with: [.han, .shift]) })
        for index in document.lines.indices {
            let lineFindings = allFindings[index]
            guard !lineFindings.isEmpty else { continue }
            let origin = document.lines[index].origin
            var text = document.lines[index].text

            if let documentCodec, let restored = vote.restore(text, codec: documentCodec) {
                document.record(Edit(replacing: text, with: restored, stage: .mojibake,
                                     rule: "mojibake.\(documentCodec.rawValue)", line: origin,
                                     note: "the whole document was read with this codec pair"))
                document.lines[index].text = restored
                continue
            }

            // What the other searches look at: the line's findings, or, once the shift repair
            // rewrote the line, the screen's findings on what it left.
            var remaining = lineFindings
            let shift = ShiftedGBKRepair()
            if lineFindings.contains(.shift), case let scalars = Array(text.unicodeScalars), shift.mayContainRun(scalars) {
                let result = shift.repair(line: text, scalars: scalars, in: &shiftSession)
                for fix in result.fixes {
                    document.record(Edit(stage: .mojibake, rule: "mojibake.gbk-shift", line: origin, column: fix.start + 1,
                                         removed: fix.removed, replacement: fix.replacement,
                                         note: "GBK run decoded one byte off rebuilt"))
                }
                for run in result.unrepaired {
                    document.record(Edit(stage: .mojibake, rule: "mojibake.gbk-shift-unrepaired", line: origin,
                                         column: run.start + 1, removed: run.removed,
                                         note: "byte-shifted run could not be rebuilt with confidence; orphan mark removed"))
                }
                unrepaired += result.unrepaired.count
                // The rebuild has done what a shift allows; a very rare character it left after
                // ASCII (a `.shift` mark alone) is no reason to search every codec pair again.
                if result.text != text { remaining = findings(of: result.text).subtracting(.shift) }
                text = result.text
            }

            if !remaining.isDisjoint(with: [.latin, .han, .shift]) {
                let codec = WrongCodecRepair().repair(line: text, latin: remaining.contains(.latin),
                                                      han: !remaining.isDisjoint(with: [.han, .shift]))
                for fix in codec.fixes {
                    document.record(Edit(stage: .mojibake, rule: "mojibake.\(fix.codec.rawValue)", line: origin,
                                         column: fix.start + 1, removed: fix.removed, replacement: fix.replacement,
                                         note: Self.note(guessed: fix.guessed, lost: fix.lost)))
                }
                unrepaired += codec.fixes.reduce(0) { $0 + $1.lost.count }
                text = codec.text
            }

            if !remaining.isDisjoint(with: [.han, .shift]) {
                let lost = LostGBKByteRepair().repair(line: text)
                for fix in lost.fixes {
                    document.record(Edit(stage: .mojibake, rule: "mojibake.gbk-byte-lost", line: origin,
                                         column: fix.start + 1, removed: fix.removed, replacement: fix.replacement,
                                         note: "GBK text that lost a byte read again in step; \(fix.guessed) lost byte(s) chosen by the frequency model"))
                }
                text = lost.text
            }

            let garbage = lineFindings.contains(.garbage) ? GarbageStripper().strip(line: text) : (text: text, removals: [])
            for removal in garbage.removals {
                document.record(Edit(stage: .mojibake, rule: removal.rule, line: origin, column: removal.start + 1,
                                     removed: removal.removed, note: "unrecoverable garbage removed"))
            }
            unrepaired += garbage.removals.count
            text = garbage.text

            document.lines[index].text = text
        }
        if unrepaired > 0 {
            document.metadata.unrepairedRuns = (document.metadata.unrepairedRuns ?? 0) + unrepaired
        }
    }

    /// The note of a wrong-codec repair: how many characters the model chose, and each character
    /// whose bytes it could not settle, with what the bytes allowed (it is left out, not
    /// invented).
    static func note(guessed: Int, lost: [LossyUTF8.Lost]) -> String? {
        var parts: [String] = []
        if guessed > 0 { parts.append("\(guessed) character(s) whose bytes were lost chosen by the frequency model") }
        for entry in lost {
            parts.append("a character lost before offset \(entry.position) of the replacement: bytes \(entry.bytes) allow "
                         + "\(entry.allowed) characters (likeliest \(Character(entry.likeliest))), left out")
        }
        return parts.isEmpty ? nil : parts.joined(separator: "; ")
    }
}
