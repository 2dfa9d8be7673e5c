/// How a ``Cleaner`` should clean.
///
/// ```swift
/// var options = CleanOptions()
/// options.target = .simplified
/// options.disabledRules = ["meta.author-line"]
/// ```
public struct CleanOptions: Sendable, Equatable {
    /// Read the input in this encoding instead of detecting it (any ICU converter name).
    public var encoding: String?
    /// The script to convert to; `.keep` converts nothing.
    public var target: ScriptTarget = .keep
    /// The regional variant for conversion.
    public var region: Region = .cn
    /// The conversion engine.
    public var converter: ConverterEngine = .opencc
    /// Leave half-width punctuation between Chinese characters alone.
    public var keepPunctuation = false
    /// Rule ids switched off.
    public var disabledRules: Set<String> = []
    /// Extra rule files' contents (JSON), in order, added after the built-in rules.
    public var extraRuleSources: [RuleSource] = []
    /// Cross-document line statistics: lines frequent in the corpus are removed as chrome.
    public var lineStatistics: LineStatistics?
    /// The learned line model (`model.line`) removes a line it scores at or above this
    /// probability of being chrome, 0…1; 1 removes nothing. The default was chosen on
    /// leave-site-out folds of the labelled pages: the lowest threshold where the model's
    /// removals are at least 97% chrome and it removes no body line the rules keep
    /// (Benchmarks/boilerplate/README.md, "Line model").
    public var lineModelThreshold: Double = CleanOptions.defaultLineModelThreshold
    /// A line model file to use instead of the built-in one (`Scripts/train_line_model.py`
    /// writes them; used to evaluate a model trained on other sites).
    public var lineModelFile: String?

    /// The default ``lineModelThreshold``.
    public static let defaultLineModelThreshold = 0.995

    public init() {}
}

/// Extra rules given by the user: the JSON text and where it came from (for error messages).
public struct RuleSource: Sendable, Equatable {
    public var name: String
    public var json: String

    public init(name: String, json: String) {
        self.name = name
        self.json = json
    }
}

/// The script a document is converted to.
public enum ScriptTarget: String, Sendable, CaseIterable, Codable {
    case keep
    case simplified
    case traditional
}

/// The regional standard for conversion.
public enum Region: String, Sendable, CaseIterable, Codable {
    /// Mainland China (OpenCC's plain s2t/t2s).
    case cn
    /// Taiwan (s2tw/tw2s and their phrase variants).
    case tw
    /// Hong Kong (s2hk/hk2s).
    case hk
}

/// Which engine converts script.
public enum ConverterEngine: String, Sendable, CaseIterable, Codable {
    /// The built-in OpenCC-compatible engine (word by word, OpenCC 1.4.2 dictionaries).
    case opencc
    /// ICU's Hant-Hans / Hans-Hant transliterators (character-based).
    case icu
}
