/// One of OpenCC's configs as stored in `opencc.bin`: which dictionaries each step consults,
/// and in which order (OpenCC's `normalization`, `segmentation` and `conversion_chain`).
struct OpenCCConfigPlan: Sendable, Equatable {
    /// A dictionary reference inside a step.
    struct Member: Sendable, Equatable {
        var dictionary: Int
        /// OpenCC's `may_output_tofu`: the dictionary can produce characters that fonts often
        /// lack; OpenCC's command-line tool leaves such dictionaries out by default.
        var mayOutputTofu: Bool
    }

    /// A step: slots tried in order, the first with a match wins (OpenCC's `short_circuit`
    /// policy); the dictionaries of one slot are consulted as one (OpenCC's `union`).
    typealias Step = [[Member]]

    var name: String
    /// Steps applied to the whole text first (1.4's CJK compatibility ideographs).
    var normalization: [Step]
    /// The maximum-match segmentation dictionary, when the config has one.
    var segmentation: Step?
    /// The conversion steps, applied in order to every segment.
    var chain: [Step]

    static func parseAll(_ bytes: UnsafeRawBufferPointer, dictionaryCount: Int,
                         corrupt: (String) -> OpenCCError) throws(OpenCCError) -> [String: OpenCCConfigPlan] {
        var cursor = 0
        func byte() throws(OpenCCError) -> Int {
            guard cursor < bytes.count else { throw corrupt("truncated configs") }
            defer { cursor += 1 }
            return Int(bytes[cursor])
        }
        func step() throws(OpenCCError) -> Step {
            var slots: Step = []
            for _ in 0..<(try byte()) {
                var slot: [Member] = []
                for _ in 0..<(try byte()) {
                    let dictionary = try byte()
                    let flags = try byte()
                    guard dictionary < dictionaryCount else { throw corrupt("config names an unknown dictionary") }
                    slot.append(Member(dictionary: dictionary, mayOutputTofu: flags & 1 != 0))
                }
                slots.append(slot)
            }
            return slots
        }
        var plans: [String: OpenCCConfigPlan] = [:]
        for _ in 0..<(try byte()) {
            var name = ""
            for _ in 0..<(try byte()) { name.unicodeScalars.append(Unicode.Scalar(UInt8(try byte()))) }
            var normalization: [Step] = []
            for _ in 0..<(try byte()) { normalization.append(try step()) }
            let segmentation: Step? = try byte() == 1 ? try step() : nil
            var chain: [Step] = []
            for _ in 0..<(try byte()) { chain.append(try step()) }
            plans[name] = OpenCCConfigPlan(name: name, normalization: normalization,
                                           segmentation: segmentation, chain: chain)
        }
        return plans
    }
}
