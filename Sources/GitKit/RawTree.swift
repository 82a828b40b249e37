/// A tree object's bytes, scanned in place: `<octal mode> <name>\0<20-byte id>` per entry.
///
/// Finding one name this way allocates nothing, where parsing the tree through libgit2 builds an
/// entry table and caches it; walks that resolve one path in thousands of trees want the former.
struct RawTree {
    let bytes: UnsafeRawBufferPointer

    /// The id and mode of the entry named `name` (UTF-8 bytes), `nil` when there is none, or
    /// `.failure` when the bytes are not a well-formed tree.
    func entry(named name: [UInt8]) -> Result<(id: ObjectID, mode: TreeEntry.Mode)?, MalformedTree> {
        var offset = 0
        while offset < bytes.count {
            var mode: UInt32 = 0
            while offset < bytes.count, bytes[offset] != 0x20 {
                let digit = bytes[offset] &- 0x30
                guard digit < 8 else { return .failure(MalformedTree(offset: offset)) }
                mode = mode << 3 | UInt32(digit)
                offset += 1
            }
            let nameStart = offset + 1
            var nameEnd = nameStart
            while nameEnd < bytes.count, bytes[nameEnd] != 0 { nameEnd += 1 }
            let idStart = nameEnd + 1
            guard idStart + ObjectID.byteCount <= bytes.count else { return .failure(MalformedTree(offset: nameStart)) }
            if nameEnd - nameStart == name.count, matches(name, at: nameStart) {
                return .success((ObjectID(raw: bytes, at: idStart), TreeEntry.Mode(rawValue: mode) ?? .blob))
            }
            offset = idStart + ObjectID.byteCount
        }
        return .success(nil)
    }

    private func matches(_ name: [UInt8], at start: Int) -> Bool {
        for (index, byte) in name.enumerated() where bytes[start + index] != byte { return false }
        return true
    }

    /// The byte offset where a tree stopped making sense.
    struct MalformedTree: Error {
        let offset: Int
    }
}
