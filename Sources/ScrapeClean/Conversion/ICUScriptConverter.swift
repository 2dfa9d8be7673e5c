/// Script conversion with ICU's `Hant-Hans` / `Hans-Hant` transliterators, for users who want
/// ICU's behaviour. ICU converts character by character with a small set of phrase rules, so
/// it is less accurate than ``OpenCCConverter`` (see docs/conversion.md for measured numbers).
///
/// ```swift
/// try ICUScriptConverter(direction: .toSimplified).convert("發展")  // "发展"
/// ```
public struct ICUScriptConverter: ScriptConverter {
    /// Which way to convert.
    public enum Direction: Sendable {
        /// `Hant-Hans`.
        case toSimplified
        /// `Hans-Hant`.
        case toTraditional

        /// The ICU transliterator id.
        public var transliteratorID: String {
            switch self {
            case .toSimplified: "Hant-Hans"
            case .toTraditional: "Hans-Hant"
            }
        }
    }

    public let direction: Direction
    private let transliterator: Transliterator

    /// Opens the transliterator.
    /// - Throws: ``ICUError/transliteratorUnavailable(id:reason:)`` when ICU lacks it.
    public init(direction: Direction) throws(ICUError) {
        self.direction = direction
        transliterator = try Transliterator(id: direction.transliteratorID)
    }

    public var name: String { direction.transliteratorID }

    public func convert(_ text: String) -> String {
        transliterator.transliterate(text)
    }
}
