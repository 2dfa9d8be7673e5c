/// Script conversion (stage 6), only when ``CleanOptions/target`` is not `.keep`.
///
/// The stage profiles each document (``ScriptProfile``) and picks the chain:
/// - to simplified, when the document has traditional-only characters: `tw2s` / `hk2s` with
///   `--region tw|hk`; with the default region, `tw2s` or `hk2s` when the document is
///   traditional and uses Taiwan or Hong Kong standard forms that plain `t2s` leaves alone
///   (著眼 → 着眼, 伴隨著 → 伴随着), else `t2s`;
/// - to traditional, when it has simplified-only characters: `s2t`, `s2tw` or `s2hk` by region;
/// - nothing when the document has no character to convert, or, for traditional, when it is
///   already traditional (as ``ScriptProfile`` classifies it), so cleaning twice changes nothing.
///
/// It records the detected script in `metadata.script`, the chain in `metadata.conversion`,
/// and one edit per changed line (rule `conversion.<chain>`) spanning the first to the last
/// changed character. The OpenCC engine runs without OpenCC's tofu-risk dictionaries (as
/// OpenCC's command-line tool does), so cleaned text gains no characters fonts lack.
public struct ConversionStage: CleaningStage {
    public let stage = Stage.conversion
    /// The script converted to.
    public let target: ScriptTarget
    /// The region asked for.
    public let region: Region
    private let toSimplified: [Region: any ScriptConverter]
    private let toTraditional: (any ScriptConverter)?

    /// Prepares the converters `options` may need.
    /// - Throws: ``CleanerError/conversionUnavailable(_:)`` when the OpenCC data or the ICU
    ///   transliterator cannot be loaded.
    public init(options: CleanOptions) throws(CleanerError) {
        target = options.target
        region = options.region
        var toSimplified: [Region: any ScriptConverter] = [:]
        var toTraditional: (any ScriptConverter)?
        do {
            switch (options.converter, options.target) {
            case (_, .keep):
                break
            case (.opencc, .simplified):
                for (region, config) in [(Region.cn, OpenCCConfig.t2s), (.tw, .tw2s), (.hk, .hk2s)] {
                    toSimplified[region] = try OpenCCConverter(config: config, includeTofuRiskDictionaries: false)
                }
            case (.opencc, .traditional):
                let config: OpenCCConfig = switch options.region {
                case .cn: .s2t
                case .tw: .s2tw
                case .hk: .s2hk
                }
                toTraditional = try OpenCCConverter(config: config, includeTofuRiskDictionaries: false)
            case (.icu, .simplified):
                let icu = try ICUScriptConverter(direction: .toSimplified)
                for region in Region.allCases { toSimplified[region] = icu }
            case (.icu, .traditional):
                toTraditional = try ICUScriptConverter(direction: .toTraditional)
            }
        } catch let error as OpenCCError {
            throw .conversionUnavailable(error.description)
        } catch let error as ICUError {
            throw .conversionUnavailable(error.description)
        } catch {
            throw .conversionUnavailable("\(error)")
        }
        self.toSimplified = toSimplified
        self.toTraditional = toTraditional
    }

    /// The converter for a document with `profile`, or nil when there is nothing to convert.
    public func converter(for profile: ScriptProfile) -> (any ScriptConverter)? {
        switch target {
        case .keep:
            return nil
        case .simplified:
            guard profile.traditionalOnly > 0 else { return nil }
            if region != .cn { return toSimplified[region] }
            return toSimplified[profile.script == .traditional ? profile.traditionalRegion : .cn]
        case .traditional:
            // s2t/s2tw over text that is already traditional would change variants
            // (回心 → 迴心) on every pass, so a document already in traditional is left alone
            // and cleaning twice changes nothing.
            guard profile.simplifiedOnly > 0, profile.script != .traditional else { return nil }
            return toTraditional
        }
    }

    public func apply(to document: inout Document) {
        let profile = ScriptProfile(lines: document.lines.lazy.map(\.text))
        if let script = profile.script { document.metadata.script = script.rawValue }
        guard let converter = converter(for: profile) else { return }
        document.metadata.conversion = converter.name
        convertMetadata(&document.metadata, with: converter)
        let rule = "conversion.\(converter.name)"
        for index in document.lines.indices {
            let old = document.lines[index].text
            guard Self.mayNeedConversion(old), let new = converter.convertIfChanged(old) else { continue }
            document.lines[index].text = new
            document.record(Edit(replacing: old, with: new, stage: .conversion, rule: rule, line: document.lines[index].origin))
        }
    }

    /// What the page states about itself is converted like the text, so `title` still equals
    /// the first line.
    private func convertMetadata(_ metadata: inout Metadata, with converter: any ScriptConverter) {
        for field in [\Metadata.title, \.author, \.source, \.editor, \.site, \.date] as [WritableKeyPath<Metadata, String?>] {
            if let value = metadata[keyPath: field] { metadata[keyPath: field] = converter.convert(value) }
        }
        metadata.keywords = metadata.keywords?.map { converter.convert($0) }
    }

    /// Only lines with characters outside ASCII can change.
    private static func mayNeedConversion(_ text: String) -> Bool {
        text.utf8.contains { $0 >= 0x80 }
    }

}
