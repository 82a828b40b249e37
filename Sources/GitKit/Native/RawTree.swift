import Foundation

/// A tree object's bytes, scanned in place: `<octal mode> <name>\0<20-byte id>` per entry.
///
/// Finding one name this way allocates nothing, where parsing the tree through libgit2 builds an
/// entry table and caches it; walks that resolve one path in thousands of trees want the former.
struct RawTree {
    let bytes: UnsafeRawBufferPointer

    /// The id and mode of the entry named `name`, `nil` when there is none, or `.failure` when the
    /// bytes are not a well-formed tree.
    func entry(named name: String) -> Result<(id: ObjectID, mode: TreeEntry.Mode)?, MalformedTree> {
        var name = name
        return name.withUTF8 { name in
            var found: (id: ObjectID, mode: TreeEntry.Mode)?
            let scan = scanEntries { mode, nameRange, idStart in
                guard nameRange.count == name.count,
                      name.isEmpty || memcmp(bytes.baseAddress! + nameRange.lowerBound, name.baseAddress!, name.count) == 0 else { return true }
                found = (ObjectID(raw: bytes, at: idStart), TreeEntry.Mode(rawValue: mode) ?? .blob)
                return false
            }
            return scan.map { found }
        }
    }

    /// Every entry, in the tree's order, or `.failure` when the bytes are not a well-formed tree.
    func entries() -> Result<[TreeEntry], MalformedTree> {
        var entries = [TreeEntry]()
        let scan = scanEntries { mode, nameRange, idStart in
            let name = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[nameRange]), as: UTF8.self)
            entries.append(TreeEntry(name: name, id: ObjectID(raw: bytes, at: idStart), mode: TreeEntry.Mode(rawValue: mode) ?? .blob))
            return true
        }
        return scan.map { entries }
    }

    /// Calls `visit` with each entry's mode, name bytes and id offset, from the entry that starts at
    /// `offset`, until it returns `false`.
    func scanEntries(from offset: Int = 0, _ visit: (UInt32, Range<Int>, Int) -> Bool) -> Result<Void, MalformedTree> {
        var offset = offset
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
            if nameStart < bytes.count {
                nameEnd = memchr(bytes.baseAddress! + nameStart, 0, bytes.count - nameStart).map { bytes.baseAddress!.distance(to: UnsafeRawPointer($0)) } ?? bytes.count
            }
            let idStart = nameEnd + 1
            guard idStart + ObjectID.byteCount <= bytes.count else { return .failure(MalformedTree(offset: nameStart)) }
            guard visit(mode, nameStart..<nameEnd, idStart) else { return .success(()) }
            offset = idStart + ObjectID.byteCount
        }
        return .success(())
    }

    /// The byte offset where a tree stopped making sense.
    struct MalformedTree: Error {
        let offset: Int
    }
}
