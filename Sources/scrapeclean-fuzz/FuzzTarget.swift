import Foundation
import ScrapeClean

/// The fuzzed behaviour: the whole pipeline from raw bytes, under several option sets.
///
/// The first input byte picks the options (so the fuzzer explores conversion and the
/// punctuation switch too); the rest is the document. Beyond not crashing or hanging, a run
/// checks the result's own invariants: the text is lines ending in `\n`, and the metadata's
/// line count matches it. With `SCRAPECLEAN_FUZZ_STRICT=1` it also checks that cleaning is
/// idempotent.
enum FuzzTarget {
    static let cleaners: [Cleaner] = {
        var variants: [CleanOptions] = []
        for target in ScriptTarget.allCases {
            for region in Region.allCases where target != .keep || region == .cn {
                var options = CleanOptions()
                options.target = target
                options.region = region
                variants.append(options)
            }
        }
        var keepPunctuation = CleanOptions()
        keepPunctuation.keepPunctuation = true
        variants.append(keepPunctuation)
        var icu = CleanOptions()
        icu.target = .simplified
        icu.converter = .icu
        variants.append(icu)
        // Options whose engine is not built in yet are skipped, not fatal.
        return variants.compactMap { try? Cleaner(options: $0) }
    }()

    static let strict: Bool = {
        guard let value = getenv("SCRAPECLEAN_FUZZ_STRICT") else { return false }
        return String(cString: value) == "1"
    }()

    static func run(_ bytes: UnsafeRawBufferPointer) {
        guard let selector = bytes.first, !cleaners.isEmpty else { return }
        let cleaner = cleaners[Int(selector) % cleaners.count]
        let input = [UInt8](bytes.dropFirst())
        guard let result = try? cleaner.clean(bytes: input) else { return }
        let text = result.text
        precondition(text.isEmpty || text.utf8.last == 0x0A, "output does not end with a newline")
        let lines = text.utf8.reduce(0) { $1 == 0x0A ? $0 + 1 : $0 }
        precondition(result.metadata.outputLines == lines,
                     "metadata.outputLines \(result.metadata.outputLines ?? -1) but the text has \(lines) lines")
        if strict {
            let again = cleaner.clean(text: text).text
            precondition(again.utf8.elementsEqual(text.utf8), "cleaning is not idempotent")
        }
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    FuzzTarget.run(UnsafeRawBufferPointer(start: data, count: data == nil ? 0 : size))
    return 0
}
