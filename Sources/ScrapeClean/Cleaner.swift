/// The public entry point: cleans scraped Chinese text.
///
/// A cleaner is built once from ``CleanOptions`` (rules are compiled, tables loaded) and can
/// then clean any number of documents, from any number of threads.
///
/// ```swift
/// import ScrapeClean
///
/// let cleaner = try Cleaner(options: CleanOptions())
/// let result = cleaner.clean(text: "下面是小编为大家整理的讲话,供大家参考。\n同志们:\n今天……")
/// print(result.text)            // 同志们：\n今天……
/// print(result.metadata.title)  // nil
/// for edit in result.edits { print(edit.rule, edit.removed) }
/// ```
public struct Cleaner: Sendable {
    /// The options this cleaner was built with.
    public let options: CleanOptions
    let stages: [any CleaningStage]

    /// Builds a cleaner.
    /// - Throws: ``CleanerError`` when a rule file is invalid or a conversion engine cannot load.
    public init(options: CleanOptions = CleanOptions()) throws(CleanerError) {
        self.options = options
        self.stages = try PipelineBuilder.stages(for: options)
    }

    /// Cleans raw bytes: decodes them (detecting the encoding unless the options name one),
    /// then runs every stage. The bytes are released once decoded when the caller hands them
    /// over (`clean(bytes: consume page)`), which matters for very large documents.
    /// - Throws: ``DecodingError`` when the options name an encoding ICU does not know.
    ///
    /// - Parameter site: the page's URL or host (or any site key), for per-site line
    ///   statistics (``CleanOptions/lineStatistics``); it is looked up by its
    ///   ``RegistrableDomain``. Nil when the input has no site.
    public func clean(bytes: consuming [UInt8], site: String? = nil) throws(DecodingError) -> CleanResult {
        var timings: StageTimings? = nil
        return try clean(bytes: consume bytes, site: site, measuring: &timings)
    }

    /// Cleans raw bytes like ``clean(bytes:site:)`` and adds the time each stage took to `timings`
    /// (decoding and hygiene included), for benchmarks and profiling.
    ///
    /// ```swift
    /// var timings = StageTimings()
    /// for page in pages { _ = try cleaner.clean(bytes: page, timings: &timings) }
    /// print(timings.seconds[.boilerplate] ?? 0)
    /// ```
    public func clean(bytes: consuming [UInt8], site: String? = nil, timings: inout StageTimings) throws(DecodingError) -> CleanResult {
        var measured: StageTimings? = timings
        measured!.documents += 1
        defer { timings = measured! }
        return try clean(bytes: consume bytes, site: site, measuring: &measured)
    }

    private func clean(bytes: consuming [UInt8], site: String?,
                       measuring timings: inout StageTimings?) throws(DecodingError) -> CleanResult {
        let clock = ContinuousClock()
        let start = clock.now
        let decoded = try EncodingDetector.decode(bytes, encoding: options.encoding)
        _ = consume bytes
        timings?.add(.decode, clock.now - start)
        return clean(decoded: decoded, site: site, measuring: &timings)
    }

    /// Cleans text already decoded by ``EncodingDetector``, keeping what decoding found (the
    /// encoding, invalid bytes) in the metadata and edits exactly as ``clean(bytes:)`` does. For
    /// callers that look at the text before deciding to clean it, or that know the charset
    /// (a WARC response's `Content-Type`), without decoding twice.
    ///
    /// ```swift
    /// let decoded = try EncodingDetector.decode(body, encoding: "GB18030")
    /// if HanShare(text: decoded.text).share >= 0.5 {
    ///     let result = cleaner.clean(decoded: decoded, site: "https://news.example.com.cn/a/1.html")
    ///     // result.metadata.encoding == "GB18030"
    /// }
    /// ```
    /// - Parameter site: the page's URL or host, for per-site line statistics, as in
    ///   ``clean(bytes:site:)``.
    public func clean(decoded: consuming DecodedText, site: String? = nil) -> CleanResult {
        var timings: StageTimings? = nil
        return clean(decoded: decoded, site: site, measuring: &timings)
    }

    private func clean(decoded: consuming DecodedText, site: String?, measuring timings: inout StageTimings?) -> CleanResult {
        let clock = ContinuousClock()
        let start = clock.now
        var document = Hygiene().document(from: decoded.text)
        decoded.text = "" // the lines hold their own copies
        timings?.add(.hygiene, clock.now - start)
        document.site = site.flatMap { RegistrableDomain.of($0) }
        document.metadata.encoding = decoded.encoding
        if decoded.invalidCount > 0 {
            document.metadata.invalidBytes = decoded.invalidCount
            document.metadata.invalidByteOffsets = Array(decoded.invalidSequences.prefix(32).map(\.offset))
            document.record(Edit(stage: .decode, rule: "decode.invalid-bytes", line: 0, removed: "",
                                 replacement: "\u{FFFD}", count: decoded.invalidCount,
                                 note: "\(decoded.invalidCount) invalid byte sequence(s) in \(decoded.encoding) replaced with U+FFFD, first at byte \(decoded.invalidSequences.first?.offset ?? 0)"))
        }
        return run(&document, measuring: &timings)
    }

    /// Cleans text that is already decoded.
    ///
    /// ```swift
    /// let result = cleaner.clean(text: page, site: "https://news.example.com.cn/a/1.html")
    /// ```
    /// - Parameter site: the page's URL or host, for per-site line statistics, as in
    ///   ``clean(bytes:site:)``.
    public func clean(text: String, site: String? = nil) -> CleanResult {
        var document = Hygiene().document(from: text)
        document.site = site.flatMap { RegistrableDomain.of($0) }
        var timings: StageTimings? = nil
        return run(&document, measuring: &timings)
    }

    /// Passes over a document at most: the first, and re-runs while a pass still edits. A
    /// removal at the edge of a tail zone can bring one more footer line into it per pass.
    static let maximumPasses = 5

    private func run(_ document: inout Document, measuring timings: inout StageTimings?) -> CleanResult {
        let clock = ContinuousClock()
        func pass(_ stages: [any CleaningStage]) {
            for stage in stages {
                let start = clock.now
                stage.apply(to: &document)
                timings?.add(stage.stage, clock.now - start)
            }
        }
        pass(stages)
        // Stages decide from what surrounds a line (zones counted from the ends, the opening
        // block, neighbouring chrome); removing lines moves those, so a second look can find
        // more. Running to a fixed point makes clean(clean(x)) == clean(x). The metadata is
        // the first pass's: it describes the page as it came. Later passes start at the
        // boilerplate stage: repair and annotation removal look at runs inside a line, not at
        // neighbours, and on noise they are the costly stages.
        let boilerplateStages = stages.filter { $0.stage == .boilerplate }
        let finishingStages = stages.filter { $0.stage > .boilerplate }
        // After the first, only a pass that removed, split or joined lines moved surroundings;
        // one that only edited inside lines (punctuation, conversion) left nothing new to find.
        let metadata = document.metadata
        var passes = 1
        var lineCount = document.lines.count
        var moved = !document.edits.isEmpty
        // Conversion and punctuation leave their own output as it is, so when neither this
        // pass's boilerplate stage nor the last pass's layout stage changed a line, the rest of
        // the pass would find nothing: on most documents that is the whole second pass.
        var layoutEdited = document.edits.contains { $0.stage == .layout }
        while passes < Self.maximumPasses, moved {
            let editCount = document.edits.count
            pass(boilerplateStages)
            if document.edits.count == editCount, !layoutEdited { break }
            let finishingStart = document.edits.count
            pass(finishingStages)
            layoutEdited = document.edits[finishingStart...].contains { $0.stage == .layout }
            passes += 1
            moved = document.edits.count != editCount && document.lines.count != lineCount
            lineCount = document.lines.count
        }
        document.metadata = metadata
        document.metadata.outputLines = document.lines.count
        return CleanResult(text: document.text, metadata: document.metadata, edits: document.edits)
    }
}

/// Why a ``Cleaner`` could not be built.
public enum CleanerError: Error, Equatable, CustomStringConvertible {
    /// A rule file could not be read as rules.
    case invalidRules(source: String, reason: String)
    /// A conversion engine or its data could not be loaded.
    case conversionUnavailable(String)
    /// The line model file (built-in or ``CleanOptions/lineModelFile``) cannot be read or used.
    case invalidLineModel(LineModelError)
    /// An option's value is out of range.
    case invalidOption(String)

    public var description: String {
        switch self {
        case let .invalidRules(source, reason): "\(source): invalid rules: \(reason)"
        case let .conversionUnavailable(reason): "script conversion unavailable: \(reason)"
        case let .invalidLineModel(error): error.description
        case let .invalidOption(reason): reason
        }
    }
}
