import CICU
import Synchronization

/// An ICU transliterator such as `Hant-Hans`, `Hans-Hant` or `Han-Latin`.
///
/// ICU transliterators are not thread-safe, so each call takes a lock; open one per thread
/// (or use ``copy()``) for parallel work.
///
/// ```swift
/// let t = try Transliterator(id: "Hant-Hans")
/// t.transliterate("發展") // "发展"
/// ```
public final class Transliterator: Sendable {
    /// The ICU id this transliterator was opened with.
    public let id: String
    // ICU's handle is only touched while holding `lock`.
    private nonisolated(unsafe) let pointer: OpaquePointer
    private let lock = Mutex(())

    /// Opens the transliterator with ICU id `id`.
    /// - Throws: ``ICUError/transliteratorUnavailable(id:reason:)`` when ICU cannot open it.
    public init(id: String) throws(ICUError) {
        var error = [CChar](repeating: 0, count: 64)
        guard let pointer = cicu_transliterator_open(id, &error, Int32(error.count)) else {
            let reason = String(decoding: error.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            throw .transliteratorUnavailable(id: id, reason: reason)
        }
        self.id = id
        self.pointer = pointer
    }

    private init(id: String, pointer: OpaquePointer) {
        self.id = id
        self.pointer = pointer
    }

    deinit {
        cicu_transliterator_close(pointer)
    }

    /// An independent copy, for use on another thread without contention.
    public func copy() -> Transliterator? {
        lock.withLock { _ in
            cicu_transliterator_clone(pointer).map { Transliterator(id: id, pointer: $0) }
        }
    }

    /// Transliterates `text`; returns it unchanged if ICU reports an error.
    public func transliterate(_ text: some StringProtocol) -> String {
        var utf8 = Array(text.utf8)
        return lock.withLock { _ in
            var length: Int64 = 0
            guard let result = utf8.withUnsafeMutableBufferPointer({ source in
                cicu_transliterate_utf8(pointer, source.baseAddress, Int64(source.count), &length)
            }) else { return String(text) }
            defer { cicu_free(result) }
            return String(decoding: UnsafeBufferPointer(start: result, count: Int(length)), as: UTF8.self)
        }
    }
}

/// Errors from the ICU bridge.
public enum ICUError: Error, Equatable, CustomStringConvertible {
    case transliteratorUnavailable(id: String, reason: String)

    public var description: String {
        switch self {
        case let .transliteratorUnavailable(id, reason):
            "ICU cannot open the transliterator '\(id)' (\(reason)); is libicu installed with its data?"
        }
    }
}
