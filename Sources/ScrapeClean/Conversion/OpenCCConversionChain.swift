/// The conversion steps of an OpenCC config (its `conversion_chain`), applied in order to one
/// segment at a time: each step reads what the previous one wrote.
struct OpenCCConversionChain: Sendable {
    let steps: [OpenCCDictionaryGroup]

    /// Passes `base[start..<end]` through every step, appending the result to `output`.
    /// `scratch` and `spare` are working memory, reused from call to call.
    @inline(__always)
    func run(_ base: UnsafePointer<UInt8>, from start: Int, to end: Int,
             scratch: inout ByteBuffer, spare: inout ByteBuffer, output: inout ByteBuffer) {
        if steps.count == 1 {
            steps[0].convert(base, from: start, to: end, into: &output)
            return
        }
        scratch.removeAll()
        steps[0].convert(base, from: start, to: end, into: &scratch)
        for index in 1..<steps.count {
            let source = scratch.bytes
            if index == steps.count - 1 {
                steps[index].convert(source.baseAddress!, from: 0, to: source.count, into: &output)
            } else {
                spare.removeAll()
                steps[index].convert(source.baseAddress!, from: 0, to: source.count, into: &spare)
                swap(&scratch, &spare)
            }
        }
    }
}
