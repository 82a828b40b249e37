import Foundation

/// The objects of a repository's pack files, read directly: the index (`.idx` version 2) finds an
/// object's offset, its bytes are inflated from the mapped `.pack` and deltas applied, bases kept in
/// a small direct-mapped cache (`DeltaBaseCache`). No lock, no allocation per look-up beyond the object's own bytes: for walks that
/// read thousands of small trees, libgit2's per-object overhead costs more than the reading.
///
/// Format: git's `Documentation/gitformat-pack.txt`. Packs that are missing, of another version or
/// malformed are not used; objects not found here (loose, or in a pack written after it was opened)
/// are for the caller to read another way. Not thread-safe (its base cache): one per `Repository`,
/// used from one thread at a time as the repository is.
final class PackReader {
    /// A kind of object stored in a pack.
    enum Kind: UInt8 {
        case commit = 1, tree = 2, blob = 3, tag = 4
    }

    private struct Pack {
        let index: MappedFile
        let data: MappedFile
        let count: Int
        let idsOffset: Int
        let offsetsOffset: Int
        let largeOffsetsOffset: Int
    }

    private let packs: [Pack]
    /// The pack that held the last object found: objects read together tend to share a pack, so it
    /// is searched first, as git does.
    private var lastPack = 0
    /// The zlib stream every object is inflated with.
    private let inflater = Inflater()
    /// Recently used delta bases.
    private var bases = DeltaBaseCache()
    /// How many pack entries were read since the packs' pages were last released.
    private var entriesSinceRelease = 0
    /// After this many entries the mapped pages are released (`MappedFile.releaseResidentPages`):
    /// entries read far apart in a large pack (a prompt's score summaries and their delta chains)
    /// would otherwise keep every page around them resident (the kernel maps up to 64 KiB around
    /// each fault), and a read of 1% of a 400 MB pack's objects held most of it in memory.
    var entriesPerRelease = 512

    /// How many bytes of delta bases are kept (4 MiB unless set; setting it empties the cache).
    var baseCacheLimit: Int {
        get { bases.limit }
        set { bases = DeltaBaseCache(limit: newValue) }
    }

    /// The packs of the repository whose git folder is `gitDirectory`; `nil` when it has none.
    init?(gitDirectory: String) {
        let folder = gitDirectory + (gitDirectory.hasSuffix("/") ? "" : "/") + "objects/pack/"
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder))?.filter { $0.hasSuffix(".idx") }.sorted() ?? []
        packs = names.compactMap { name in
            guard let index = MappedFile(path: folder + name),
                  let data = MappedFile(path: folder + name.dropLast(4) + ".pack") else { return nil }
            return PackReader.pack(index: index, data: data)
        }
        guard !packs.isEmpty else { return nil }
    }

    /// The kind and bytes of `id`, or `nil` when no pack holds it or its entry cannot be read.
    func object(_ id: ObjectID) -> (kind: Kind, bytes: [UInt8])? {
        guard let (number, offset) = location(of: id) else { return nil }
        return object(inPack: number, at: offset)
    }

    /// The pack and offset of `id`'s entry.
    private func location(of id: ObjectID) -> (pack: Int, offset: Int)? {
        if let offset = PackReader.offset(of: id, in: packs[lastPack]) { return (lastPack, offset) }
        for (number, pack) in packs.enumerated() where number != lastPack {
            if let offset = PackReader.offset(of: id, in: pack) {
                lastPack = number
                return (number, offset)
            }
        }
        return nil
    }

    /// A delta entry met on the way down its chain: where it is, and where its compressed
    /// instructions start and how large they inflate.
    private struct PendingDelta {
        let pack: Int
        let offset: Int
        let dataStart: Int
        let size: Int
    }

    /// The object whose entry starts at `offset` of pack `number`. The delta chain is followed down
    /// to a stored object or a cached base, then its deltas are applied on the way back up, each
    /// base remembered: a loop, so neither a long chain nor a hostile cycle of `REF_DELTA` entries
    /// can exhaust the stack (a chain longer than `maxChainLength` is refused).
    private func object(inPack number: Int, at offset: Int) -> (kind: Kind, bytes: [UInt8])? {
        var pending: [PendingDelta] = []
        var pack = number
        var entry = offset
        var base: (kind: Kind, bytes: [UInt8])
        while true {
            if let cached = bases.object(pack: pack, offset: entry) {
                base = (cached.kind, cached.bytes)
                break
            }
            guard pending.count < PackReader.maxChainLength,
                  let header = entryHeader(inPack: pack, at: entry) else { return nil }
            switch header.link {
            case .stored(let kind):
                guard let content = inflater.inflate(packs[pack].data.bytes, at: header.dataStart, size: header.size) else { return nil }
                base = (kind, content)
            case .offsetDelta(let baseOffset):
                pending.append(PendingDelta(pack: pack, offset: entry, dataStart: header.dataStart, size: header.size))
                entry = baseOffset
                continue
            case .referenceDelta(let baseID):
                pending.append(PendingDelta(pack: pack, offset: entry, dataStart: header.dataStart, size: header.size))
                guard let location = location(of: baseID) else { return nil }
                (pack, entry) = location
                continue
            }
            break
        }
        var basePack = pack
        var baseOffset = entry
        for delta in pending.reversed() {
            bases.remember(DeltaBaseCache.Entry(pack: basePack, offset: baseOffset, kind: base.kind, bytes: base.bytes))
            guard let instructions = inflater.inflate(packs[delta.pack].data.bytes, at: delta.dataStart, size: delta.size),
                  let result = PackReader.apply(instructions, to: base.bytes) else { return nil }
            base = (base.kind, result)
            (basePack, baseOffset) = (delta.pack, delta.offset)
        }
        return base
    }

    /// How an entry's content is found: stored whole, or a delta against a base at an earlier offset
    /// of the same pack or named by id.
    private enum Link {
        case stored(Kind)
        case offsetDelta(Int)
        case referenceDelta(ObjectID)
    }

    /// Git's `pack-objects` refuses `--depth` over 4095; a longer chain is malformed or hostile.
    private static let maxChainLength = 4_096

    /// The header of the entry at `offset` of pack `number`: its link, inflated size and where its
    /// compressed data starts. Counts the entry for `entriesPerRelease`.
    private func entryHeader(inPack number: Int, at offset: Int) -> (link: Link, size: Int, dataStart: Int)? {
        entriesSinceRelease += 1
        if entriesSinceRelease >= entriesPerRelease {
            entriesSinceRelease = 0
            for pack in packs {
                pack.index.releaseResidentPages()
                pack.data.releaseResidentPages()
            }
        }
        let bytes = packs[number].data.bytes
        guard offset < bytes.count - 20 else { return nil }
        var position = offset
        var byte = bytes[position]
        let type = (byte >> 4) & 7
        var size = Int(byte & 0x0F)
        var shift = 4
        while byte & 0x80 != 0 {
            position += 1
            guard position < bytes.count, shift < 57 else { return nil }
            byte = bytes[position]
            size |= Int(byte & 0x7F) << shift
            shift += 7
        }
        position += 1
        switch type {
        case 1...4:
            guard let kind = Kind(rawValue: type) else { return nil }
            return (.stored(kind), size, position)
        case 6:
            guard position < bytes.count else { return nil }
            byte = bytes[position]
            var distance = Int(byte & 0x7F)
            while byte & 0x80 != 0 {
                position += 1
                guard position < bytes.count, distance < Int.max >> 8 else { return nil }
                byte = bytes[position]
                distance = ((distance + 1) << 7) | Int(byte & 0x7F)
            }
            guard distance > 0, distance <= offset else { return nil }
            return (.offsetDelta(offset - distance), size, position + 1)
        case 7:
            guard position + ObjectID.byteCount <= bytes.count else { return nil }
            return (.referenceDelta(ObjectID(raw: bytes, at: position)), size, position + ObjectID.byteCount)
        default:
            return nil
        }
    }

    /// Reads an index file's header; `nil` unless it is a well-formed version 2 index.
    private static func pack(index: MappedFile, data: MappedFile) -> Pack? {
        let bytes = index.bytes
        guard bytes.count >= 8 + 1024 + 40, index.bigEndian32(at: 0) == 0xFF74_4F63, index.bigEndian32(at: 4) == 2,
              data.bytes.count >= 32, data.bigEndian32(at: 0) == 0x5041_434B else { return nil }
        let count = Int(index.bigEndian32(at: 8 + 255 * 4))
        let ids = 8 + 1024
        let offsets = ids + count * (ObjectID.byteCount + 4)
        guard offsets + count * 4 + 40 <= bytes.count else { return nil }
        return Pack(index: index, data: data, count: count, idsOffset: ids, offsetsOffset: offsets, largeOffsetsOffset: offsets + count * 4)
    }

    /// Where `id` starts in `pack`, by the fan-out table and a binary search.
    private static func offset(of id: ObjectID, in pack: Pack) -> Int? {
        let first = id.firstByte
        var low = first == 0 ? 0 : Int(pack.index.bigEndian32(at: 8 + (first - 1) * 4))
        var high = Int(pack.index.bigEndian32(at: 8 + first * 4))
        guard high <= pack.count else { return nil }
        while low < high {
            let middle = (low + high) / 2
            let stored = ObjectID(raw: pack.index.bytes, at: pack.idsOffset + middle * ObjectID.byteCount)
            if stored == id {
                let offset = pack.index.bigEndian32(at: pack.offsetsOffset + middle * 4)
                guard offset & 0x8000_0000 != 0 else { return Int(offset) }
                let large = pack.largeOffsetsOffset + Int(offset & 0x7FFF_FFFF) * 8
                guard large + 8 <= pack.index.bytes.count else { return nil }
                return Int(UInt64(pack.index.bigEndian32(at: large)) << 32 | UInt64(pack.index.bigEndian32(at: large + 4)))
            }
            if stored < id { low = middle + 1 } else { high = middle }
        }
        return nil
    }

    /// `base` with `delta` (git's copy and insert instructions) applied; `nil` when they do not fit,
    /// or write past the size the delta announces (which is only trusted as far as they go).
    static func apply(_ delta: [UInt8], to base: [UInt8]) -> [UInt8]? {
        var position = 0
        func size() -> Int? {
            var value = 0
            var shift = 0
            while position < delta.count {
                let byte = delta[position]
                position += 1
                value |= Int(byte & 0x7F) << shift
                shift += 7
                if byte & 0x80 == 0 { return value }
                if shift > 56 { return nil }
            }
            return nil
        }
        guard let sourceSize = size(), sourceSize == base.count, let targetSize = size() else { return nil }
        var output = [UInt8]()
        output.reserveCapacity(min(targetSize, base.count + delta.count))
        while position < delta.count {
            let instruction = delta[position]
            position += 1
            if instruction & 0x80 != 0 {
                var copyOffset = 0
                var copySize = 0
                for bit in 0..<4 where instruction & (1 << bit) != 0 {
                    guard position < delta.count else { return nil }
                    copyOffset |= Int(delta[position]) << (8 * bit)
                    position += 1
                }
                for bit in 0..<3 where instruction & (0x10 << bit) != 0 {
                    guard position < delta.count else { return nil }
                    copySize |= Int(delta[position]) << (8 * bit)
                    position += 1
                }
                if copySize == 0 { copySize = 0x10000 }
                guard copyOffset + copySize <= base.count, output.count + copySize <= targetSize else { return nil }
                output.append(contentsOf: base[copyOffset..<copyOffset + copySize])
            } else if instruction != 0 {
                let count = Int(instruction)
                guard position + count <= delta.count, output.count + count <= targetSize else { return nil }
                output.append(contentsOf: delta[position..<position + count])
                position += count
            } else {
                return nil
            }
        }
        return output.count == targetSize ? output : nil
    }
}
