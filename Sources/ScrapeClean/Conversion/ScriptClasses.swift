/// Per-character script classes derived once from the OpenCC tables.
struct ScriptClasses: Sendable {
    static let traditionalOnly: UInt8 = 1
    static let simplifiedOnly: UInt8 = 2
    static let taiwanMarker: UInt8 = 4
    static let hongKongMarker: UInt8 = 8
    /// A character some marker converts to (着 for 著).
    static let markerTarget: UInt8 = 16

    let tables: OpenCCTables
    /// Flags by code.
    let flags: [UInt8]
    /// `flagsByScalar[c - hanStart]` is `flags[tables.code(c)]` for the CJK blocks, where nearly
    /// all of a text's script-specific characters are: one load instead of three.
    let flagsByScalar: [UInt8]
    static let hanStart: UInt32 = 0x3400
    static let hanEnd: UInt32 = 0xA000
    /// For a Taiwan marker's code, the codes of the characters its variant step produces.
    let taiwanTargets: [Int: [UInt16]]
    let hongKongTargets: [Int: [UInt16]]

    static let shared: Result<ScriptClasses, OpenCCError> = Result { () throws(OpenCCError) in try ScriptClasses() }

    private init() throws(OpenCCError) {
        let tables = try OpenCCTables.shared.get()
        guard let ts = tables.dictionaryID("TSCharacters"), let st = tables.dictionaryID("STCharacters") else {
            throw .dataUnavailable("opencc.bin lacks TSCharacters or STCharacters")
        }
        var flags = [UInt8](repeating: 0, count: tables.alphabetCount + 1)
        let rootChildren = Int(tables.childStart[0])..<Int(tables.childStart[1])
        // A character "converts" in a table when it is a key whose first candidate differs
        // from it: 發 in TSCharacters (发), not 了 in STCharacters (了 瞭) nor 覆 in
        // TSCharacters (覆 复), which stay as they are.
        func converts(_ node: Int, _ dictionary: Int) -> Bool {
            guard tables.terminalMasks[node] & (1 << UInt32(dictionary)) != 0,
                  let scalar = tables.scalarForCode(Int(tables.labels[node])) else { return false }
            let reference = tables.valueReference(node: node, dictionary: dictionary)
            let value = UnsafeBufferPointer(start: tables.pool + Int(reference >> 8), count: Int(reference & 0xFF))
            return !value.elementsEqual(UTF8.encode(scalar)!)
        }
        for node in rootChildren {
            let toSimplified = converts(node, ts), toTraditional = converts(node, st)
            if toSimplified, !toTraditional { flags[Int(tables.labels[node])] |= Self.traditionalOnly }
            if toTraditional, !toSimplified { flags[Int(tables.labels[node])] |= Self.simplifiedOnly }
        }
        // Markers: single characters the regional variant step of tw2s/hk2s converts to a
        // different simplified result than plain t2s gives.
        let t2s = try OpenCCConverter(config: .t2s, includeTofuRiskDictionaries: false)
        func markers(_ dictionary: String, _ config: OpenCCConfig, _ flag: UInt8) throws(OpenCCError) -> [Int: [UInt16]] {
            guard let id = tables.dictionaryID(dictionary) else { return [:] }
            let regional = try OpenCCConverter(config: config, includeTofuRiskDictionaries: false)
            var targets: [Int: [UInt16]] = [:]
            for (key, value) in tables.singleScalarEntries(of: id) {
                let text = String(Character(key))
                guard regional.convert(text) != t2s.convert(text) else { continue }
                let code = tables.code(key.value)
                flags[code] |= flag
                for target in value.unicodeScalars {
                    let targetCode = tables.code(target.value)
                    guard targetCode != 0 else { continue }
                    flags[targetCode] |= Self.markerTarget
                    targets[code, default: []].append(UInt16(targetCode))
                }
            }
            return targets
        }
        taiwanTargets = try markers("TWVariantsRev", .tw2s, Self.taiwanMarker)
        hongKongTargets = try markers("HKVariantsRev", .hk2s, Self.hongKongMarker)
        self.tables = tables
        self.flags = flags
        self.flagsByScalar = (Self.hanStart..<Self.hanEnd).map { scalar in
            let code = tables.code(scalar)
            return code == 0 ? 0 : flags[code]
        }
    }
}
