internal import CLibGit2
import Foundation

/// Writes objects as a version-2 git pack and its version-2 index (git's `gitformat-pack`): a
/// header, each object whole (no deltas: a batch of small JSON files is written for speed, and
/// `git gc` deltifies later), zlib-compressed, the SHA-1 of everything before it as the trailer;
/// and an index of the sorted ids with each entry's CRC-32 and offset.
struct PackEncoder {
    private var bytes: [UInt8] = []
    private var entries: [(id: ObjectID, offset: Int, crc: UInt32)] = []
    /// Objects below this many bytes go through `small`, the others through `large`.
    private static let smallObject = 16 << 10
    private let small = Deflater(memoryLevel: 4)
    private let large = Deflater(memoryLevel: 8)

    /// The pack object type numbers.
    static func typeNumber(_ type: git_object_t) -> UInt8? {
        switch type {
        case GIT_OBJECT_COMMIT: 1
        case GIT_OBJECT_TREE: 2
        case GIT_OBJECT_BLOB: 3
        case GIT_OBJECT_TAG: 4
        default: nil
        }
    }

    /// Appends the object `id` of pack type `type` with content `data`; each id at most once.
    mutating func append(_ id: ObjectID, type: UInt8, data: UnsafeRawBufferPointer) throws(GitError) {
        let start = bytes.count
        var size = data.count
        var byte = type << 4 | UInt8(size & 0x0F)
        size >>= 4
        while size != 0 {
            bytes.append(byte | 0x80)
            byte = UInt8(size & 0x7F)
            size >>= 7
        }
        bytes.append(byte)
        try (data.count < PackEncoder.smallObject ? small : large).compress(data, appendingTo: &bytes)
        let crc = bytes.withUnsafeBufferPointer { UInt32(crc32(0, $0.baseAddress! + start, uInt($0.count - start))) }
        entries.append((id, start + 12, crc))  // offsets count the 12-byte pack header
    }

    /// The finished pack (header, objects, SHA-1 trailer) and its index, which ends with the same checksum.
    func finish() -> (pack: [UInt8], index: [UInt8], checksum: [UInt8]) {
        var pack = Array("PACK".utf8) + PackEncoder.bigEndian(2) + PackEncoder.bigEndian(UInt32(entries.count))
        pack += bytes
        let checksum = SHA1.digest(pack)
        pack += checksum

        let sorted = entries.sorted { $0.id < $1.id }
        var index: [UInt8] = [0xFF, 0x74, 0x4F, 0x63] + PackEncoder.bigEndian(2)
        var fanout = [UInt32](repeating: 0, count: 256)
        for entry in sorted { fanout[Int(entry.id.bytes[0])] += 1 }
        var running: UInt32 = 0
        for slot in 0..<256 {
            running += fanout[slot]
            index += PackEncoder.bigEndian(running)
        }
        for entry in sorted { index += entry.id.bytes }
        for entry in sorted { index += PackEncoder.bigEndian(entry.crc) }
        var large = [UInt8]()
        for entry in sorted {
            if entry.offset < 0x8000_0000 {
                index += PackEncoder.bigEndian(UInt32(entry.offset))
            } else {
                index += PackEncoder.bigEndian(0x8000_0000 | UInt32(large.count / 8))
                large += PackEncoder.bigEndian(UInt32(entry.offset >> 32)) + PackEncoder.bigEndian(UInt32(truncatingIfNeeded: entry.offset))
            }
        }
        index += large + checksum
        index += SHA1.digest(index)
        return (pack, index, checksum)
    }

    private static func bigEndian(_ value: UInt32) -> [UInt8] {
        (0..<4).map { UInt8(truncatingIfNeeded: value >> UInt32(24 - 8 * $0)) }
    }
}
