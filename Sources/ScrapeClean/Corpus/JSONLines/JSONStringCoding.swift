/// Decodes JSON string contents and encodes text as a JSON string.
///
/// Decoding joins `\uD83D\uDE00` surrogate pairs into one scalar and turns a lone surrogate into
/// U+FFFD. Encoding writes non-ASCII text as raw UTF-8 and escapes only `"`, `\` and control
/// characters, so Chinese text stays readable and compact.
public enum JSONStringCoding {
    /// Decodes the bytes between the quotes of a valid JSON string.
    public static func decode(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        // Fast path: no escapes.
        if !bytes.contains(UInt8(ascii: "\\")) { return String(decoding: bytes, as: UTF8.self) }
        var scalars = String.UnicodeScalarView()
        var plainStart = 0
        var index = 0
        func flushPlain(upTo end: Int) {
            if end > plainStart {
                // One scalar at a time: UnicodeScalarView.append(contentsOf:) copies the whole
                // view on every call, which made a record with many escapes quadratic.
                for scalar in String(decoding: UnsafeBufferPointer(rebasing: bytes[plainStart..<end]), as: UTF8.self).unicodeScalars {
                    scalars.append(scalar)
                }
            }
        }
        while index < bytes.count {
            guard bytes[index] == UInt8(ascii: "\\"), index + 1 < bytes.count else { index += 1; continue }
            flushPlain(upTo: index)
            let escape = bytes[index + 1]
            index += 2
            switch escape {
            case UInt8(ascii: "n"): scalars.append("\n")
            case UInt8(ascii: "t"): scalars.append("\t")
            case UInt8(ascii: "r"): scalars.append("\r")
            case UInt8(ascii: "b"): scalars.append("\u{08}")
            case UInt8(ascii: "f"): scalars.append("\u{0C}")
            case UInt8(ascii: "u"):
                let unit = hex4(bytes, at: index) ?? 0xFFFD
                index += 4
                if (0xD800...0xDBFF).contains(unit), index + 6 <= bytes.count,
                   bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u"),
                   let low = hex4(bytes, at: index + 2), (0xDC00...0xDFFF).contains(low) {
                    index += 6
                    scalars.append(Unicode.Scalar(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00))!)
                } else {
                    scalars.append(Unicode.Scalar(unit) ?? "\u{FFFD}")
                }
            default: scalars.append(Unicode.Scalar(escape))
            }
            plainStart = index
        }
        flushPlain(upTo: bytes.count)
        return String(scalars)
    }

    static func hexValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case 0x30...0x39: UInt32(byte - 0x30)
        case 0x41...0x46: UInt32(byte - 0x41 + 10)
        case 0x61...0x66: UInt32(byte - 0x61 + 10)
        default: nil
        }
    }

    private static func hex4(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> UInt32? {
        guard index + 4 <= bytes.count else { return nil }
        var value: UInt32 = 0
        for offset in 0..<4 {
            guard let digit = hexValue(bytes[index + offset]) else { return nil }
            value = value << 4 | digit
        }
        return value
    }

    /// Appends `text` as a quoted JSON string.
    public static func encode(_ text: String, into output: inout [UInt8]) {
        encode(text, into: &output, asFoundationDoes: false)
    }

    /// Appends `text` as a quoted JSON string the way Foundation's `JSONEncoder` writes it with
    /// `.withoutEscapingSlashes`: also `\b` and `\f` as short escapes, and DEL as it is.
    static func encodeAsJSONEncoder(_ text: String, into output: inout [UInt8]) {
        encode(text, into: &output, asFoundationDoes: true)
    }

    private static func encode(_ text: String, into output: inout [UInt8], asFoundationDoes: Bool) {
        output.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): output.append(contentsOf: [0x5C, 0x22])
            case UInt8(ascii: "\\"): output.append(contentsOf: [0x5C, 0x5C])
            case 0x0A: output.append(contentsOf: [0x5C, UInt8(ascii: "n")])
            case 0x0D: output.append(contentsOf: [0x5C, UInt8(ascii: "r")])
            case 0x09: output.append(contentsOf: [0x5C, UInt8(ascii: "t")])
            case 0x08 where asFoundationDoes: output.append(contentsOf: [0x5C, UInt8(ascii: "b")])
            case 0x0C where asFoundationDoes: output.append(contentsOf: [0x5C, UInt8(ascii: "f")])
            case 0x7F where asFoundationDoes: output.append(byte)
            case 0x00..<0x20, 0x7F:
                let hex = Array("0123456789abcdef".utf8)
                output.append(contentsOf: [0x5C, UInt8(ascii: "u"), 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 15)]])
            default: output.append(byte)
            }
        }
        output.append(UInt8(ascii: "\""))
    }
}
