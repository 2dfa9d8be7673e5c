/// Counts of script-specific characters in a text, from OpenCC's character tables: a character
/// that TSCharacters (traditional to simplified) converts but STCharacters does not is
/// traditional-only (發, 這), one that STCharacters converts but TSCharacters does not is
/// simplified-only (发, 这). A table converts a character when it is a key whose first
/// candidate is another character, so shared characters whose first candidate is themselves
/// (了 in STCharacters, 覆 in TSCharacters) say nothing, nor do characters both tables
/// convert (乾, 么) or neither.
///
/// It also counts regional evidence for traditional text: characters whose Taiwan or Hong
/// Kong standard form OpenCC's plain t2s leaves unconverted while tw2s/hk2s convert them
/// (著 in 伴隨著 → 着), counted only when the text does not also use the form they convert to
/// (a text that writes both 著 and 着 keeps them apart, as OpenCC's standard does).
///
/// ```swift
/// let profile = ScriptProfile(text: "在全市第一書記選派工作會議上的講話")
/// profile.script          // .traditional
/// ```
public struct ScriptProfile: Sendable, Equatable {
    /// Occurrences of traditional-only characters.
    public var traditionalOnly = 0
    /// Occurrences of simplified-only characters.
    public var simplifiedOnly = 0
    /// Occurrences of Taiwan-standard characters that tw2s converts and t2s does not.
    public var taiwanEvidence = 0
    /// Occurrences of Hong Kong-standard characters that hk2s converts and t2s does not.
    public var hongKongEvidence = 0

    /// A script as detected.
    public enum Script: String, Sendable, Codable {
        case simplified
        case traditional
        case mixed
    }

    /// The dominant script: more than 80% of the script-specific characters; nil when there
    /// are none.
    public var script: Script? {
        let total = traditionalOnly + simplifiedOnly
        guard total > 0 else { return nil }
        if traditionalOnly * 5 > total * 4 { return .traditional }
        if simplifiedOnly * 5 > total * 4 { return .simplified }
        return .mixed
    }

    /// The regional standard the traditional characters follow, from the evidence: `.tw`,
    /// `.hk`, or `.cn` (OpenCC's standard forms) when there is none.
    public var traditionalRegion: Region {
        if hongKongEvidence > taiwanEvidence { return .hk }
        if taiwanEvidence > 0 { return .tw }
        return .cn
    }

    public init() {}

    /// Profiles `text`.
    public init(text: String) {
        self.init(lines: CollectionOfOne(text))
    }

    /// Profiles several lines as one text.
    public init(lines: some Sequence<String>) {
        guard case let .success(classes) = ScriptClasses.shared else { return }
        var markerCounts: [UInt16: Int] = [:]
        var targetSeen = Set<UInt16>()
        let tables = classes.tables
        classes.flagsByScalar.withUnsafeBufferPointer { flagsByScalar in
            classes.flags.withUnsafeBufferPointer { flagsByCode in
                for line in lines {
                    var line = line
                    line.withUTF8 { source in
                        // On UTF-8: only lead bytes E2 and above start scalars from U+2E80 on.
                        var index = 0
                        while index < source.count {
                            let lead = source[index]
                            guard lead >= 0xE2 else {
                                index &+= lead < 0x80 ? 1 : lead < 0xE0 ? 2 : 3
                                continue
                            }
                            let (value, length) = ValidUTF8.decode(source, at: index)
                            index &+= length
                            guard value >= 0x2E80 else { continue }
                            // The CJK blocks' flags by scalar (one load); elsewhere by code.
                            let inTable = value >= ScriptClasses.hanStart && value < ScriptClasses.hanEnd
                            let flags: UInt8
                            if inTable {
                                flags = flagsByScalar[Int(value &- ScriptClasses.hanStart)]
                            } else {
                                let code = tables.code(value)
                                flags = code == 0 ? 0 : flagsByCode[code]
                            }
                            guard flags != 0 else { continue }
                            if flags & ScriptClasses.traditionalOnly != 0 { traditionalOnly += 1 }
                            if flags & ScriptClasses.simplifiedOnly != 0 { simplifiedOnly += 1 }
                            let regional = ScriptClasses.taiwanMarker | ScriptClasses.hongKongMarker | ScriptClasses.markerTarget
                            guard flags & regional != 0 else { continue }
                            let code = tables.code(value)
                            if flags & (ScriptClasses.taiwanMarker | ScriptClasses.hongKongMarker) != 0 {
                                markerCounts[UInt16(code), default: 0] += 1
                            }
                            if flags & ScriptClasses.markerTarget != 0 { targetSeen.insert(UInt16(code)) }
                        }
                    }
                }
            }
        }
        for (code, count) in markerCounts {
            let flags = classes.flags[Int(code)]
            if flags & ScriptClasses.taiwanMarker != 0,
               !classes.taiwanTargets[Int(code), default: []].contains(where: targetSeen.contains) {
                taiwanEvidence += count
            }
            if flags & ScriptClasses.hongKongMarker != 0,
               !classes.hongKongTargets[Int(code), default: []].contains(where: targetSeen.contains) {
                hongKongEvidence += count
            }
        }
    }
}
