@testable import GitKit

/// Pack data read by `PackReader`, behind an index made here so inputs reach the object decoding
/// (headers, zlib, offset and reference deltas, chains) instead of stopping at the index's checks.
///
/// Input: one byte `n` (objects: `n % 8 + 1`), `4 n` bytes of big-endian offsets into the pack,
/// then the pack's entries (everything after the 12-byte header; the trailer is added).
/// Object `i` gets the id `i + 1` followed by 19 zero bytes; offsets with the top bit set go
/// through the index's large-offset table. `scripts/fuzz/make-git-seeds.sh` turns real packs into
/// this shape.
enum PackTarget {
    static let target = FuzzTarget(name: "pack", summary: "pack entries through PackReader (index made by the target)") { bytes in
        guard let first = bytes.first else { return }
        let count = Int(first % 8) + 1
        guard bytes.count >= 1 + 4 * count else { return }
        let offsets = (0..<count).map { index in bytes[1 + 4 * index..<5 + 4 * index].reduce(UInt32(0)) { $0 << 8 | UInt32($1) } }
        var pack = Array("PACK".utf8) + bigEndian(2) + bigEndian(UInt32(count))
        pack += bytes[(1 + 4 * count)...]
        pack += [UInt8](repeating: 0, count: 20)
        ScratchGitFolder.write(pack, to: "objects/pack/pack-fuzz.pack")
        ScratchGitFolder.write(index(offsets: offsets), to: "objects/pack/pack-fuzz.idx")
        guard let reader = PackReader(gitDirectory: ScratchGitFolder.path) else { return }
        for number in 0...count {
            if let object = reader.object(id(number)), object.kind == .commit {
                _ = CommitParser.parse(object.bytes, id: id(number))
            }
        }
    }

    private static func id(_ number: Int) -> ObjectID {
        ObjectID(bytes: [UInt8(number + 1)] + [UInt8](repeating: 0, count: ObjectID.byteCount - 1))!
    }

    /// A version 2 index of objects `1…offsets.count` (git's gitformat-pack.txt).
    private static func index(offsets: [UInt32]) -> [UInt8] {
        var index: [UInt8] = [0xFF, 0x74, 0x4F, 0x63] + bigEndian(2)
        for byte in 0..<256 { index += bigEndian(UInt32(offsets.indices.filter { $0 + 1 <= byte }.count)) }
        for number in offsets.indices { index += id(number).bytes }
        index += offsets.flatMap { _ in bigEndian(0) }
        index += offsets.indices.flatMap { number in bigEndian(offsets[number] & 0x8000_0000 == 0 ? offsets[number] : 0x8000_0000 | UInt32(number)) }
        index += offsets.flatMap { bigEndian(0) + bigEndian($0 & 0x7FFF_FFFF) }
        return index + [UInt8](repeating: 0, count: 40)
    }

    private static func bigEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
    }
}
