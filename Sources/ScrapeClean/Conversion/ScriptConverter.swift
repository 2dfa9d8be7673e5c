/// Something that converts Chinese script: the OpenCC-compatible engine or ICU's
/// transliterators.
///
/// ```swift
/// let converter: any ScriptConverter = try OpenCCConverter(config: .t2s)
/// converter.convert("發展")  // "发展"
/// ```
public protocol ScriptConverter: Sendable {
    /// A short name for reports, e.g. `t2s` or `Hant-Hans`.
    var name: String { get }
    /// Converts `text`.
    func convert(_ text: String) -> String
}

extension OpenCCConverter: ScriptConverter {
    public var name: String { config.rawValue }
}
