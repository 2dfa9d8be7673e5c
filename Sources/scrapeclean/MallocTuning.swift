import CAllocator

/// How the process's allocator treats large blocks.
///
/// glibc's malloc raises its mmap threshold to the size of the largest mapped block freed (up
/// to 32 MB), so once one copy of a long line has been freed, later copies come from the heap,
/// and a heap with holes in it is not given back to the system: a 16 MB line copied a few
/// times from stage to stage left the process holding every copy's peak. A fixed threshold
/// keeps blocks of 1 MiB and more in mappings of their own, returned when freed, so the
/// resident size follows what is alive. Small blocks (nearly everything in a corpus of
/// ordinary documents) are not affected.
enum MallocTuning {
    /// Blocks at least this large get a mapping of their own.
    static let mappedBlockMinimum: Int32 = 1 << 20

    static func returnLargeBlocksToTheSystem() {
        _ = scrapeclean_set_mapped_block_minimum(mappedBlockMinimum)
    }
}
