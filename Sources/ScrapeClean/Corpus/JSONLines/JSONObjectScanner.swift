/// Scans one JSON object on UTF-8 bytes without building a tree: it validates the whole value
/// (RFC 8259 syntax) and returns each top-level member's key and the byte range of its raw value.
///
/// Raw value bytes are what lets JSON Lines records pass through untouched: fields other than
/// the cleaned one are copied byte for byte, escapes and all.
///
/// ```swift
/// let members = try JSONObjectScanner.members(of: Array(#"{"id":1,"text":"中"}"#.utf8))
/// members.map(\.key) // ["id", "text"]
/// ```
public enum JSONObjectScanner {
    /// A top-level member: its decoded key and where its raw value sits in the input.
    public struct Member: Sendable, Equatable {
        public var key: String
        public var value: Range<Int>
    }

    /// Why a line is not a JSON object.
    public struct SyntaxError: Error, Equatable, CustomStringConvertible {
        /// Byte offset of the problem.
        public var offset: Int
        public var reason: String
        public var description: String { "invalid JSON at byte \(offset): \(reason)" }
    }

    /// Nesting deeper than this is rejected, so hostile input cannot exhaust anything.
    public static let maximumDepth = 512

    /// The members of the object that `bytes` holds (white space around it allowed).
    public static func members(of bytes: UnsafeBufferPointer<UInt8>) throws(SyntaxError) -> [Member] {
        var scanner = Cursor(bytes: bytes)
        scanner.skipWhitespace()
        guard scanner.peek == UInt8(ascii: "{") else { throw scanner.error("expected an object") }
        scanner.index += 1
        var members: [Member] = []
        scanner.skipWhitespace()
        if scanner.peek == UInt8(ascii: "}") {
            scanner.index += 1
        } else {
            while true {
                scanner.skipWhitespace()
                guard scanner.peek == UInt8(ascii: "\"") else { throw scanner.error("expected a key") }
                let keyStart = scanner.index
                try scanner.skipString()
                let key = JSONStringCoding.decode(UnsafeBufferPointer(rebasing: bytes[(keyStart + 1)..<(scanner.index - 1)]))
                scanner.skipWhitespace()
                guard scanner.peek == UInt8(ascii: ":") else { throw scanner.error("expected ':'") }
                scanner.index += 1
                scanner.skipWhitespace()
                let valueStart = scanner.index
                try scanner.skipValue()
                members.append(Member(key: key, value: valueStart..<scanner.index))
                scanner.skipWhitespace()
                if scanner.peek == UInt8(ascii: ",") { scanner.index += 1; continue }
                guard scanner.peek == UInt8(ascii: "}") else { throw scanner.error("expected ',' or '}'") }
                scanner.index += 1
                break
            }
        }
        scanner.skipWhitespace()
        guard scanner.index == bytes.count else { throw scanner.error("text after the object") }
        return members
    }

    public static func members(of bytes: [UInt8]) throws(SyntaxError) -> [Member] {
        try bytes.withUnsafeBufferPointer { buffer throws(SyntaxError) in try members(of: buffer) }
    }

    private struct Cursor {
        let bytes: UnsafeBufferPointer<UInt8>
        var index = 0

        var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

        func error(_ reason: String) -> SyntaxError { SyntaxError(offset: index, reason: reason) }

        mutating func skipWhitespace() {
            while index < bytes.count {
                switch bytes[index] {
                case 0x20, 0x09, 0x0A, 0x0D: index += 1
                default: return
                }
            }
        }

        /// Skips a string starting at the opening quote; validates escapes and rejects raw
        /// control characters.
        mutating func skipString() throws(SyntaxError) {
            index += 1
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\"") { index += 1; return }
                if byte < 0x20 { throw error("control character in string") }
                if byte == UInt8(ascii: "\\") {
                    index += 1
                    guard let escape = peek else { break }
                    switch escape {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"),
                         UInt8(ascii: "f"), UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                        index += 1
                    case UInt8(ascii: "u"):
                        guard index + 4 < bytes.count,
                              (1...4).allSatisfy({ JSONStringCoding.hexValue(bytes[index + $0]) != nil }) else {
                            throw error("bad \\u escape")
                        }
                        index += 5
                    default:
                        throw error("bad escape")
                    }
                    continue
                }
                index += 1
            }
            throw error("unterminated string")
        }

        /// Skips any value iteratively (arrays and objects by an explicit depth count).
        mutating func skipValue() throws(SyntaxError) {
            // Containers: a stack of expected closers; each entry says whether the next token
            // must be a key (objects) or a value.
            var stack: [UInt8] = []
            var expectValue = true
            while true {
                skipWhitespace()
                guard let byte = peek else { throw error("unexpected end") }
                if expectValue {
                    switch byte {
                    case UInt8(ascii: "{"):
                        guard stack.count < maximumDepth else { throw error("nested too deeply") }
                        index += 1
                        skipWhitespace()
                        if peek == UInt8(ascii: "}") { index += 1; expectValue = false }
                        else {
                            stack.append(UInt8(ascii: "}"))
                            try readKeyColon()
                        }
                        if stack.isEmpty, !expectValue { return }
                        continue
                    case UInt8(ascii: "["):
                        guard stack.count < maximumDepth else { throw error("nested too deeply") }
                        index += 1
                        skipWhitespace()
                        if peek == UInt8(ascii: "]") { index += 1; expectValue = false }
                        else { stack.append(UInt8(ascii: "]")) }
                        if stack.isEmpty, !expectValue { return }
                        continue
                    case UInt8(ascii: "\""): try skipString()
                    case UInt8(ascii: "t"): try literal("true")
                    case UInt8(ascii: "f"): try literal("false")
                    case UInt8(ascii: "n"): try literal("null")
                    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): try skipNumber()
                    default: throw error("unexpected character")
                    }
                    expectValue = false
                    if stack.isEmpty { return }
                    continue
                }
                // After a value inside a container: ',' or the closer.
                if byte == UInt8(ascii: ",") {
                    index += 1
                    if stack.last == UInt8(ascii: "}") { try readKeyColon() }
                    expectValue = true
                } else if byte == stack.last {
                    index += 1
                    stack.removeLast()
                    if stack.isEmpty { return }
                } else {
                    throw error("expected ',' or a closing bracket")
                }
            }
        }

        private mutating func readKeyColon() throws(SyntaxError) {
            skipWhitespace()
            guard peek == UInt8(ascii: "\"") else { throw error("expected a key") }
            try skipString()
            skipWhitespace()
            guard peek == UInt8(ascii: ":") else { throw error("expected ':'") }
            index += 1
        }

        private mutating func literal(_ word: StaticString) throws(SyntaxError) {
            let count = word.utf8CodeUnitCount
            guard index + count <= bytes.count else { throw error("bad literal") }
            for offset in 0..<count where bytes[index + offset] != word.utf8Start[offset] {
                throw error("bad literal")
            }
            index += count
        }

        private mutating func skipNumber() throws(SyntaxError) {
            let start = index
            if peek == UInt8(ascii: "-") { index += 1 }
            guard let first = peek, first >= 0x30, first <= 0x39 else { throw error("bad number") }
            if first == 0x30 { index += 1 } else { skipDigits() }
            if peek == UInt8(ascii: ".") {
                index += 1
                guard let digit = peek, digit >= 0x30, digit <= 0x39 else { throw error("bad number") }
                skipDigits()
            }
            if peek == UInt8(ascii: "e") || peek == UInt8(ascii: "E") {
                index += 1
                if peek == UInt8(ascii: "+") || peek == UInt8(ascii: "-") { index += 1 }
                guard let digit = peek, digit >= 0x30, digit <= 0x39 else { throw error("bad number") }
                skipDigits()
            }
            if index == start { throw error("bad number") }
        }

        private mutating func skipDigits() {
            while let byte = peek, byte >= 0x30, byte <= 0x39 { index += 1 }
        }
    }
}
