import Foundation

/// A text cut into lines as git's xdiff cuts it (each line with its newline; a last line without
/// one is a line), with a 64-bit hash of every line, computed once so that a version diffed twice
/// (against its parent, then as the parent of its child) is read once. Equal hashes are only a
/// hint: lines are equal when their bytes are (`XdiffLineChanges` compares them).
public struct LineTable: Sendable {
    /// The text.
    public let data: Data
    /// The offset just past each line.
    let ends: [Int32]
    let hashes: [UInt64]

    /// Cuts `data` into lines. Complexity: O(n) in its bytes.
    public init(_ data: Data) {
        self.data = data
        var ends = [Int32]()
        var hashes = [UInt64]()
        data.withUnsafeBytes { bytes in
            guard let base = bytes.baseAddress, bytes.count > 0 else { return }
            ends.reserveCapacity(bytes.count / 32 + 1)
            hashes.reserveCapacity(bytes.count / 32 + 1)
            var start = 0
            while start < bytes.count {
                let end: Int
                if let newline = memchr(base + start, 0x0A, bytes.count - start) {
                    end = base.distance(to: UnsafeRawPointer(newline)) + 1
                } else {
                    end = bytes.count
                }
                ends.append(Int32(end))
                hashes.append(LineTable.hash(base + start, count: end - start))
                start = end
            }
        }
        self.ends = ends
        self.hashes = hashes
    }

    /// How many lines the text has.
    public var count: Int { ends.count }

    /// The offset of line `index`'s first byte.
    @inline(__always) func start(_ index: Int) -> Int { index == 0 ? 0 : Int(ends[index - 1]) }

    /// How many whole lines lie in the first `length` bytes.
    func lines(within length: Int) -> Int {
        var low = 0
        var high = ends.count
        while low < high {
            let middle = (low + high) / 2
            if Int(ends[middle]) <= length { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// A 64-bit hash of `count` bytes, eight at a time.
    private static func hash(_ bytes: UnsafeRawPointer, count: Int) -> UInt64 {
        var hash: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(count)
        var offset = 0
        while offset + 8 <= count {
            hash = (hash ^ bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) &* 0xFF51_AFD7_ED55_8CCD
            hash ^= hash >> 32
            offset += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while offset < count {
            tail |= UInt64(bytes.load(fromByteOffset: offset, as: UInt8.self)) << shift
            shift += 8
            offset += 1
        }
        hash = (hash ^ tail) &* 0xC4CE_B9FE_1A85_EC53
        return hash ^ (hash >> 29)
    }
}

extension LineTable {
    /// About how much memory the table holds: its text and 12 bytes a line.
    public var byteCount: Int { data.count + 12 * ends.count }
}
