/// Decoding one Unicode scalar from UTF-8 bytes, tolerating invalid input.
enum UTF8Scalar {
    /// Returned as the scalar of a byte that does not start a valid sequence.
    static let invalid: UInt32 = 0xFFFF_FFFF

    /// The scalar starting at `input[position]` and its length in bytes. A byte that does not
    /// start a well-formed sequence (before `end`) decodes as ``invalid`` with length 1.
    @inline(__always)
    static func decode(_ input: UnsafePointer<UInt8>, at position: Int, end: Int) -> (scalar: UInt32, length: Int) {
        let lead = UInt32(input[position])
        if lead < 0x80 { return (lead, 1) }
        @inline(__always) func continuation(_ offset: Int) -> UInt32? {
            guard position + offset < end else { return nil }
            let byte = UInt32(input[position + offset])
            return byte & 0xC0 == 0x80 ? byte & 0x3F : nil
        }
        if lead < 0xC2 { return (invalid, 1) }
        if lead < 0xE0 {
            guard let b1 = continuation(1) else { return (invalid, 1) }
            return ((lead & 0x1F) << 6 | b1, 2)
        }
        if lead < 0xF0 {
            guard let b1 = continuation(1), let b2 = continuation(2) else { return (invalid, 1) }
            let scalar = (lead & 0x0F) << 12 | b1 << 6 | b2
            guard scalar >= 0x800, scalar & 0xF800 != 0xD800 else { return (invalid, 1) }
            return (scalar, 3)
        }
        if lead < 0xF5 {
            guard let b1 = continuation(1), let b2 = continuation(2), let b3 = continuation(3) else { return (invalid, 1) }
            let scalar = (lead & 0x07) << 18 | b1 << 12 | b2 << 6 | b3
            guard scalar >= 0x10000, scalar < 0x110000 else { return (invalid, 1) }
            return (scalar, 4)
        }
        return (invalid, 1)
    }
}
