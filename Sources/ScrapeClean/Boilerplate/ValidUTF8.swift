/// Decoding and encoding one Unicode scalar in well-formed UTF-8 (the contents of a `String`,
/// so without the checks of ``UTF8Scalar``), for the boilerplate stage's byte-level passes.
///
/// ```swift
/// let bytes: [UInt8] = Array("简".utf8)
/// bytes.withUnsafeBufferPointer { ValidUTF8.decode($0, at: 0) } // (0x7B80, 3)
/// ```
enum ValidUTF8 {
    /// The scalar starting at `index` and its length in bytes. `source` must be valid UTF-8
    /// and `index` the start of a scalar.
    @inline(__always)
    static func decode(_ source: UnsafeBufferPointer<UInt8>, at index: Int) -> (value: UInt32, length: Int) {
        let lead = UInt32(source[index])
        if lead < 0x80 { return (lead, 1) }
        if lead < 0xE0 {
            return ((lead & 0x1F) << 6 | UInt32(source[index + 1] & 0x3F), 2)
        }
        if lead < 0xF0 {
            return ((lead & 0x0F) << 12 | UInt32(source[index + 1] & 0x3F) << 6 | UInt32(source[index + 2] & 0x3F), 3)
        }
        return ((lead & 0x07) << 18 | UInt32(source[index + 1] & 0x3F) << 12
                    | UInt32(source[index + 2] & 0x3F) << 6 | UInt32(source[index + 3] & 0x3F), 4)
    }

    /// `bytes` without the byte ranges `cuts` (in order, not overlapping), in one allocation.
    static func string(_ bytes: UnsafeBufferPointer<UInt8>, removing cuts: [Range<Int>]) -> String {
        let kept = bytes.count - cuts.reduce(0) { $0 + $1.count }
        return String(unsafeUninitializedCapacity: kept) { output in
            var written = 0, from = 0
            for cut in cuts + [bytes.count..<bytes.count] {
                for offset in from..<cut.lowerBound { output[written] = bytes[offset]; written += 1 }
                from = cut.upperBound
            }
            return written
        }
    }

    /// The length in bytes of the sequence that starts with the lead byte `lead`.
    @inline(__always)
    static func sequenceLength(_ lead: UInt8) -> Int {
        lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
    }

    /// Appends the UTF-8 encoding of `value` (a valid scalar value).
    @inline(__always)
    static func encode(_ value: UInt32, into bytes: inout [UInt8]) {
        forEachByte(of: value) { bytes.append($0) }
    }

    /// Calls `body` with each byte of the UTF-8 encoding of `value` (a valid scalar value).
    @inline(__always)
    static func forEachByte(of value: UInt32, _ body: (UInt8) -> Void) {
        switch value {
        case 0..<0x80:
            body(UInt8(value))
        case 0x80..<0x800:
            body(UInt8(0xC0 | (value >> 6)))
            body(UInt8(0x80 | (value & 0x3F)))
        case 0x800..<0x10000:
            body(UInt8(0xE0 | (value >> 12)))
            body(UInt8(0x80 | ((value >> 6) & 0x3F)))
            body(UInt8(0x80 | (value & 0x3F)))
        default:
            body(UInt8(0xF0 | (value >> 18)))
            body(UInt8(0x80 | ((value >> 12) & 0x3F)))
            body(UInt8(0x80 | ((value >> 6) & 0x3F)))
            body(UInt8(0x80 | (value & 0x3F)))
        }
    }

    /// The string of `scalars`, built from UTF-8 bytes (appending scalars to a
    /// `String.UnicodeScalarView` one at a time costs several times more).
    static func string<Scalars: Sequence<Unicode.Scalar>>(_ scalars: Scalars) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(scalars.underestimatedCount * 3)
        for scalar in scalars { encode(scalar.value, into: &bytes) }
        return String(decoding: bytes, as: UTF8.self)
    }
}
