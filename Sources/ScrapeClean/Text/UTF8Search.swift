#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension String {
    /// Whether `needle`'s UTF-8 bytes occur in this string's UTF-8 bytes: a literal search, with
    /// none of the locale and canonical-equivalence work of Foundation's `contains(_:)` (for
    /// text already in NFC, as every line is after ``Hygiene``, the answers agree).
    ///
    /// ```swift
    /// "关于印发工作方案的通知".containsUTF8("工作方案")   // true
    /// ```
    func containsUTF8(_ needle: String) -> Bool {
        var haystack = self
        var needle = needle
        return haystack.withUTF8 { hay in
            needle.withUTF8 { wanted in
                guard !wanted.isEmpty else { return true }
                guard hay.count >= wanted.count, let hayBase = hay.baseAddress, let wantedBase = wanted.baseAddress else {
                    return false
                }
                // memchr to each candidate first byte, memcmp there (callers search short lines).
                let lastStart = hay.count - wanted.count
                var start = 0
                while start <= lastStart {
                    guard let found = memchr(hayBase + start, Int32(wantedBase[0]), lastStart - start + 1) else {
                        return false
                    }
                    let offset = UnsafeRawPointer(found) - UnsafeRawPointer(hayBase)
                    if memcmp(hayBase + offset, wantedBase, wanted.count) == 0 { return true }
                    start = offset + 1
                }
                return false
            }
        }
    }
}
