import Foundation

/// The rules a ``Cleaner`` runs: the built-in catalog (`Resources/rules/*.json`), then the
/// user's rule files, minus the disabled ids; compiled once, with the keyword prefilter.
///
/// ```swift
/// var options = CleanOptions()
/// options.extraRuleSources = [RuleSource(name: "mine.json", json: text)]
/// options.disabledRules = ["meta.byline"]
/// let catalog = try RuleCatalog(options: options)
/// ```
struct RuleCatalog: Sendable {
    /// The active rules, in order (built-in files sorted by name, then user files).
    let rules: [CompiledRule]
    /// The keyword prefilter over all active rules.
    let matcher: KeywordMatcher
    /// Structural detectors switched off (ids such as `structure.toc`).
    let disabledDetectors: Set<String>

    init(options: CleanOptions) throws(CleanerError) {
        var all = try Self.builtInRules()
        for source in options.extraRuleSources {
            all += try RuleFileParser.parse(json: source.json, source: source.name)
        }
        var seen: [String: Int] = [:]
        for (index, rule) in all.enumerated() {
            if seen[rule.id] != nil {
                throw .invalidRules(source: index < Self.builtInCount ? "built-in rules" : "rule files",
                                    reason: "rule '\(rule.id)': the id is used twice")
            }
            seen[rule.id] = index
        }
        let known = Set(all.map(\.id)).union(StructureDetectorID.all).union(LayoutRule.allCases.map(\.rawValue))
            .union(PunctuationRule.allCases.map(\.rawValue))
            .union([AnnotationStage.rule, RepeatedLineStage.rule, SiteRepeatedLineStage.rule])
        for id in options.disabledRules.sorted() where !known.contains(id) {
            throw .invalidRules(source: "--disable", reason: "no rule or detector has the id '\(id)'")
        }
        var compiled: [CompiledRule] = []
        for rule in all where !options.disabledRules.contains(rule.id) {
            compiled.append(try CompiledRule(rule))
        }
        var keywords: [(keyword: String, rule: Int)] = []
        for (index, rule) in compiled.enumerated() {
            for keyword in rule.rule.keywords {
                keywords.append((CharacterFold.fold(keyword), index))
            }
        }
        self.rules = compiled
        self.matcher = KeywordMatcher(keywords: keywords, ruleCount: compiled.count)
        self.disabledDetectors = options.disabledRules.intersection(StructureDetectorID.all)
    }

    /// How many built-in rules there are.
    static var builtInCount: Int { (try? builtInRules().count) ?? 0 }

    /// The built-in rules, parsed once per process.
    static func builtInRules() throws(CleanerError) -> [Rule] {
        try BuiltInRules.shared.get()
    }
}

/// The built-in rule files, read from the bundle once.
private enum BuiltInRules {
    static let shared: Result<[Rule], CleanerError> = load()

    static func load() -> Result<[Rule], CleanerError> {
        guard let directory = Bundle.module.url(forResource: "rules", withExtension: nil) else {
            return .failure(.invalidRules(source: "built-in rules", reason: "the rules resource folder is missing from the bundle"))
        }
        let files: [URL]
        do {
            files = try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
                .filter { $0.pathExtension == "json" }
                .sorted { $0.lastPathComponent < $1.lastPathComponent }
        } catch {
            return .failure(.invalidRules(source: directory.path, reason: "cannot list the folder: \(error.localizedDescription)"))
        }
        var rules: [Rule] = []
        for file in files {
            guard let data = FileManager.default.contents(atPath: file.path) else {
                return .failure(.invalidRules(source: file.lastPathComponent, reason: "cannot read the file"))
            }
            do {
                rules += try RuleFileParser.parse(json: String(decoding: data, as: UTF8.self), source: file.lastPathComponent)
            } catch {
                return .failure(error)
            }
        }
        return .success(rules)
    }
}

/// A rule with its pattern compiled (once per ``Cleaner``), by ICU as `NSRegularExpression`
/// would compile it, but matched on UTF-16 buffers without bridging each line to `NSString`.
/// A class, so that the rule engine's many looks at a rule do not copy its strings and arrays.
final class CompiledRule: Sendable {
    let rule: Rule
    let regex: ICURegex
    /// The named groups that capture metadata, with their group numbers.
    let captures: [(name: String, group: Int)]

    init(_ rule: Rule) throws(CleanerError) {
        self.rule = rule
        do {
            self.regex = try ICURegex(pattern: rule.pattern)
        } catch {
            throw .invalidRules(source: "rules", reason: "rule '\(rule.id)': the pattern does not compile: \(rule.pattern)")
        }
        let regex = self.regex
        self.captures = RuleFileParser.namedGroups(in: rule.pattern).compactMap { name in
            regex.groupNumber(named: name).map { (name, $0) }
        }
    }

    /// A match of this rule on a normalized line: the normalized scalar range and the captured
    /// metadata values (original text, readings removed).
    struct Match {
        var range: Range<Int>
        var captures: [String: String]
    }

    /// The first match on `line` that passes the rule's length and sentence guards.
    func firstMatch(in line: NormalizedLine) -> Match? {
        let count = line.originalCount
        if let maxLength = rule.guards.maxLength, count > maxLength { return nil }
        if let minLength = rule.guards.minLength, count < minLength { return nil }
        guard let result = line.withTextUTF16({ regex.matches(in: $0, limit: 1).first }) else { return nil }
        let range = line.scalarRange(of: NSRange(result.range))
        if let share = rule.guards.maxSentenceShare {
            // A rule that removes the whole line weighs the whole line; a cut weighs what it leaves.
            let weighed = rule.action == .dropLine || rule.action == .cutToDocumentEnd ? 0..<0 : range
            if LineShape.sentenceShare(ofValues: line.normalizedValues, outside: weighed) > share { return nil }
        }
        return Match(range: range, captures: captureValues(of: result, in: line))
    }

    /// The metadata values a regex result captured (original text, readings removed).
    private func captureValues(of result: ICURegex.Match, in line: NormalizedLine) -> [String: String] {
        var values: [String: String] = [:]
        for (name, group) in captures {
            guard let captured = result.groups[group] else { continue }
            values[name] = line.originalText(of: line.scalarRange(of: NSRange(captured)))
        }
        return values
    }

    /// The matches that cutting `first` out of `line` and matching the rest again would find,
    /// one after the other, in a single pass of the regex: each later match is weighed by the
    /// rule's guards against the rest of the line after the previous match (its leading white
    /// space left out), as a cut would leave it; the first one that fails ends the run.
    func successiveMatches(in line: NormalizedLine, after first: Match) -> [Match] {
        let length = line.utf16Count
        let from = line.utf16Offset(ofScalar: first.range.upperBound)
        guard from < length else { return [] }
        // The rest of the line from `from` is the whole text searched (as NSRegularExpression
        // searches a range), offsets shifted back.
        let results = line.withTextUTF16 { units in
            regex.allMatches(in: UnsafeBufferPointer(rebasing: units[from...])).map { match in
                ICURegex.Match(groups: match.groups.map { $0.map { ($0.lowerBound + from)..<($0.upperBound + from) } })
            }
        }
        var matches: [Match] = []
        var shares: SentenceShareIndex?
        var previousEnd = first.range.upperBound
        for result in results {
            var restStart = previousEnd
            while restStart < line.count, LineShape.isSpace(line.normalizedValue(at: restStart)) { restStart += 1 }
            let found = line.scalarRange(of: NSRange(result.range))
            let range = max(found.lowerBound, restStart)..<found.upperBound
            guard !range.isEmpty else { continue }
            let restLength = line.originalCount - line.originalRange(of: restStart..<restStart).lowerBound
            if let maxLength = rule.guards.maxLength, restLength > maxLength { break }
            if let minLength = rule.guards.minLength, restLength < minLength { break }
            if let share = rule.guards.maxSentenceShare {
                if shares == nil { shares = SentenceShareIndex(values: line.normalizedValues) }
                let weighed = rule.action == .dropLine || rule.action == .cutToDocumentEnd ? restStart..<restStart : range
                if shares!.share(from: restStart, outside: weighed) > share { break }
            }
            matches.append(Match(range: range, captures: captureValues(of: result, in: line)))
            previousEnd = range.upperBound
        }
        return matches
    }
}
