/// OpenCC's conversion configs, by their OpenCC names.
///
/// ```swift
/// let config = OpenCCConfig(rawValue: "tw2s")!   // Taiwan traditional -> simplified
/// config.sourceScript                            // .traditional
/// ```
public enum OpenCCConfig: String, Sendable, CaseIterable, Codable {
    /// Simplified to traditional (OpenCC standard).
    case s2t
    /// Traditional (OpenCC standard) to simplified.
    case t2s
    /// Simplified to traditional, Taiwan standard characters.
    case s2tw
    /// Traditional, Taiwan standard, to simplified.
    case tw2s
    /// Simplified to traditional, Hong Kong standard characters.
    case s2hk
    /// Traditional, Hong Kong standard, to simplified.
    case hk2s
    /// Simplified to traditional, Taiwan standard, with Taiwan phrases (软件 → 軟體).
    case s2twp
    /// Traditional, Taiwan standard, to simplified with mainland phrases (軟體 → 软件).
    case tw2sp
    /// Traditional (OpenCC standard) to Taiwan standard characters.
    case t2tw
    /// Taiwan standard characters to traditional (OpenCC standard).
    case tw2t
    /// Traditional (OpenCC standard) to Hong Kong standard characters.
    case t2hk
    /// Hong Kong standard characters to traditional (OpenCC standard).
    case hk2t
    /// Traditional (kyūjitai) to Japanese shinjitai.
    case t2jp
    /// Japanese shinjitai to traditional (kyūjitai).
    case jp2t
    /// Simplified to traditional, Hong Kong standard, with Hong Kong phrases.
    case s2hkp
    /// Traditional, Hong Kong standard, to simplified with mainland phrases.
    case hk2sp

    /// The names, space separated, in OpenCC's order (for help and error messages).
    public static var allNames: String { allCases.map(\.rawValue).joined(separator: " ") }
}
