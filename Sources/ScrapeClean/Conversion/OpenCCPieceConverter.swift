/// Converts a long input piece by piece (pieces cut after line breaks, which no conversion
/// crosses), lending each piece's result to a closure and keeping one output buffer from piece to
/// piece: no copy of the result and no allocation per piece. `scrapeclean convert` streams with it.
///
/// ```swift
/// var pieces = OpenCCPieceConverter(try OpenCCConverter(config: .tw2s))
/// let line = Array("伴隨著\n".utf8)
/// line.withUnsafeBufferPointer { input in
///     pieces.convert(utf8: input) { String(decoding: $0, as: UTF8.self) }  // "伴随着\n"
/// }
/// ```
public struct OpenCCPieceConverter: ~Copyable {
    /// The converter applied to every piece.
    public let converter: OpenCCConverter
    private var buffer = ByteBuffer(capacity: 1 << 16)

    /// Makes a piece converter around `converter`.
    public init(_ converter: OpenCCConverter) {
        self.converter = converter
    }

    /// Converts one piece of UTF-8 (invalid bytes are copied through unchanged) and passes the
    /// result to `body`; the bytes are valid only during the call.
    public mutating func convert<Result, Failure: Error>(
        utf8 input: UnsafeBufferPointer<UInt8>,
        _ body: (UnsafeBufferPointer<UInt8>) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        buffer.removeAll()
        converter.convert(input, into: &buffer)
        return try body(buffer.bytes)
    }
}
