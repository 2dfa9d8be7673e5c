import Foundation

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
    /// `text` converted, or nil when conversion leaves its bytes as they are.
    ///
    /// ```swift
    /// converter.convertIfChanged("发展")  // nil
    /// converter.convertIfChanged("發展")  // "发展"
    /// ```
    func convertIfChanged(_ text: String) -> String?
}

extension ScriptConverter {
    /// ``convert(_:)``, compared with `text` byte for byte (not with `==`, which is canonical
    /// equivalence).
    public func convertIfChanged(_ text: String) -> String? {
        let converted = convert(text)
        return converted.utf8.elementsEqual(text.utf8) ? nil : converted
    }
}

extension OpenCCConverter: ScriptConverter {
    public var name: String { config.rawValue }

    /// Converts into a buffer and compares it with the input there, so that a line with
    /// nothing to convert (most lines of a simplified page going to simplified) makes no string.
    public func convertIfChanged(_ text: String) -> String? {
        var text = text
        return text.withUTF8 { input in
            var output = ByteBuffer(capacity: input.count + input.count / 8 + 16)
            convert(input, into: &output)
            let converted = output.bytes
            if converted.count == input.count,
               converted.isEmpty || memcmp(converted.baseAddress!, input.baseAddress!, input.count) == 0 {
                return nil
            }
            return String(decoding: converted, as: UTF8.self)
        }
    }
}
