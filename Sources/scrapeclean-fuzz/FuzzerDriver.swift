// Under Scripts/fuzz.sh (`-D FUZZING -sanitize=fuzzer,address`) the program's entry point is
// libFuzzer's driver. SwiftPM links every executable with `main` aliased to
// `<module>_main`, so instead of libFuzzer's own `main` we define that symbol and hand over
// to `LLVMFuzzerRunDriver`, which parses the libFuzzer flags and calls
// `LLVMFuzzerTestOneInput` (FuzzTarget.swift).
#if FUZZING
/// libFuzzer's entry point (compiler-rt `FuzzerInterface.h`), declared by its C symbol name.
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

@_cdecl("scrapeclean_fuzz_main")
public func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return LLVMFuzzerRunDriver(&count, &arguments) { data, size in
        fuzzOneInput(data, size)
    }
}
#endif
