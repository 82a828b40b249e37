internal import CLibGit2
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Writes a version-2 git pack (git's `gitformat-pack`) as its objects come, and its version-2 index
/// at the end: each object is compressed and appended to the pack file as soon as it is written, so
/// only its id, place and CRC-32 stay in memory, however many objects a batch writes.
///
/// Objects are stored whole (no deltas: a batch of small JSON files is written for speed, and
/// `git gc` deltifies later), as zlib streams, in the order they were first written: blobs and
/// commits at zlib's fastest level, trees in stored blocks (zlib level 0). A tree is mostly 20-byte
/// ids, which do not compress: deflating a 10,000-record batch's 20,000 trees (28 MB) made them a
/// third smaller and took 0.8 s, a quarter of the batch; storing them takes 0.02 s. The file is
/// written in a folder of the writer's own (`TemporaryObjectFolder`), which git never looks in, and
/// moved into `objects/pack/` by `finish`: a writer killed at any point leaves at most that folder.
/// The object count in the header is set and the SHA-1 trailer computed once the last object is in,
/// as `git fast-import` does. Not thread-safe.
final class PackWriter {
    /// Where an object's entry is in the pack file.
    private struct Entry {
        /// The offset of the entry (its header) in the pack file.
        let offset: Int
        /// How many bytes the entry takes: its header and compressed content.
        let length: Int
        /// How many of those are the header.
        let headerLength: UInt8
        let kind: PackReader.Kind
        /// The object's size, uncompressed.
        let size: Int
        /// The CRC-32 of the entry's bytes, for the index.
        let crc: UInt32
    }

    private let folder: TemporaryObjectFolder
    private let path: String
    private let descriptor: Int32
    private var entries: [ObjectID: Entry] = [:]
    /// Bytes appended and not yet written to the file.
    private var buffer: [UInt8] = []
    /// How many bytes the file holds.
    private var written = 0
    /// Blobs and commits below this many bytes go through `small`, the others through `large`;
    /// trees through `stored`.
    private static let smallObject = 16 << 10
    private let small = Deflater(memoryLevel: 4)
    private let large = Deflater(memoryLevel: 8)
    private let stored = Deflater(level: Z_NO_COMPRESSION, memoryLevel: 1)
    /// From this many buffered bytes on, the buffer is written to the file.
    private static let bufferLimit = 1 << 20
    private static let headerLength = 12

    /// A new, empty pack in a new folder below `objects` (the repository's `objects` folder).
    init(objects: String) throws(GitError) {
        folder = try TemporaryObjectFolder(objects: objects)
        path = folder.path + "/pack.tmp"
        descriptor = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o444)
        guard descriptor >= 0 else {
            let error = PackWriter.failure("cannot create '\(path)'")
            folder.remove()
            throw error
        }
        buffer = Array("PACK".utf8) + PackWriter.bigEndian(2) + PackWriter.bigEndian(0)  // the count is set by `finish`
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
        folder.remove()
    }

    /// Whether no object was written.
    var isEmpty: Bool { entries.isEmpty }

    /// How many bytes the pack holds so far.
    var length: Int { written + buffer.count }

    /// The kind and size of `id`, when this pack holds it.
    func header(of id: ObjectID) -> (kind: PackReader.Kind, size: Int)? {
        entries[id].map { ($0.kind, $0.size) }
    }

    /// Appends the object `id` of kind `kind` with content `data` (which hashes to `id`); an object
    /// already written is not written again.
    func append(_ id: ObjectID, kind: PackReader.Kind, data: UnsafeRawBufferPointer) throws(GitError) {
        guard entries[id] == nil else { return }
        let start = buffer.count
        var size = data.count
        var byte = kind.rawValue << 4 | UInt8(size & 0x0F)
        size >>= 4
        while size != 0 {
            buffer.append(byte | 0x80)
            byte = UInt8(size & 0x7F)
            size >>= 7
        }
        buffer.append(byte)
        let headerLength = UInt8(buffer.count - start)
        try (kind == .tree ? stored : data.count < PackWriter.smallObject ? small : large).compress(data, appendingTo: &buffer)
        let crc = buffer.withUnsafeBufferPointer { UInt32(crc32_z(0, $0.baseAddress! + start, z_size_t($0.count - start))) }
        entries[id] = Entry(offset: written + start, length: buffer.count - start, headerLength: headerLength, kind: kind, size: data.count, crc: crc)
        if buffer.count >= PackWriter.bufferLimit { try flush() }
    }

    /// The kind and content of `id`, read back from the pack; `nil` when this pack does not hold it.
    func object(_ id: ObjectID) throws(GitError) -> (kind: PackReader.Kind, bytes: [UInt8])? {
        guard let entry = entries[id] else { return nil }
        try flush()
        let start = entry.offset + Int(entry.headerLength)
        var compressed = [UInt8](repeating: 0, count: entry.offset + entry.length - start)
        try compressed.withUnsafeMutableBytes { bytes in Result { () throws(GitError) in try read(into: bytes, at: start) } }.get()
        var content = [UInt8](repeating: 0, count: max(entry.size, 1))  // zlib wants room even for nothing
        var size = uLongf(content.count)
        let status = content.withUnsafeMutableBufferPointer { out in
            compressed.withUnsafeBufferPointer { uncompress(out.baseAddress, &size, $0.baseAddress, uLong($0.count)) }
        }
        guard status == Z_OK, Int(size) == entry.size else {
            throw GitError(code: .generic, message: "cannot read back object \(id.hex) from '\(path)'", function: "PackWriter.object")
        }
        return (entry.kind, Array(content.prefix(entry.size)))
    }

    /// Takes out every object appended since the pack was `length` bytes long.
    func truncate(to length: Int) throws(GitError) {
        guard length < self.length else { return }
        if length >= written {
            buffer.removeLast(self.length - length)
        } else {
            buffer.removeAll(keepingCapacity: true)
            guard ftruncate(descriptor, off_t(length)) == 0 else { throw PackWriter.failure("cannot truncate '\(path)'") }
            written = length
        }
        entries = entries.filter { $0.value.offset < length }
    }

    /// Completes the pack (object count, SHA-1 trailer) and its index, and moves both into `packs`
    /// (the `objects/pack` folder), the pack first: git ignores a pack without an index, never the
    /// reverse. Returns the pack's checksum. The writer is unusable afterwards.
    @discardableResult
    func finish(into packs: String) throws(GitError) -> [UInt8] {
        try flush()
        var count = PackWriter.bigEndian(UInt32(entries.count))
        guard pwrite(descriptor, &count, 4, 8) == 4 else { throw PackWriter.failure("cannot write '\(path)'") }
        // The SHA-1 of the whole file, read back a megabyte at a time (from the page cache).
        var hash = SHA1()
        var chunk = [UInt8](repeating: 0, count: PackWriter.bufferLimit)
        var offset = 0
        while offset < written {
            let length = min(chunk.count, written - offset)
            try chunk.withUnsafeMutableBytes { bytes in
                Result { () throws(GitError) in try read(into: UnsafeMutableRawBufferPointer(rebasing: bytes[0..<length]), at: offset) }
            }.get()
            chunk.withUnsafeBytes { hash.update(UnsafeRawBufferPointer(rebasing: $0[0..<length])) }
            offset += length
        }
        let checksum = hash.finish()
        buffer = checksum
        try flush()
        let name = "pack-" + checksum.map { String(format: "%02x", $0) }.joined()
        let indexPath = folder.path + "/" + name + ".idx"
        do {
            try Data(index(checksum: checksum)).write(to: URL(fileURLWithPath: indexPath))
            try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: indexPath)
        } catch {
            throw GitError(code: .generic, message: "cannot write '\(indexPath)': \(error.localizedDescription)", function: "PackWriter.finish")
        }
        try folder.move(path, to: packs + "/" + name + ".pack")
        try folder.move(indexPath, to: packs + "/" + name + ".idx")
        return checksum
    }

    /// The version-2 index: fan-out table, sorted ids, CRC-32s, offsets (large ones in a table of
    /// their own), the pack's checksum and the index's own.
    private func index(checksum: [UInt8]) -> [UInt8] {
        let sorted = entries.sorted { $0.key < $1.key }
        var index: [UInt8] = [0xFF, 0x74, 0x4F, 0x63] + PackWriter.bigEndian(2)
        index.reserveCapacity(8 + 1024 + sorted.count * (ObjectID.byteCount + 8) + 40)
        var fanout = [UInt32](repeating: 0, count: 256)
        for (id, _) in sorted { fanout[id.firstByte] += 1 }
        var running: UInt32 = 0
        for slot in 0..<256 {
            running += fanout[slot]
            index += PackWriter.bigEndian(running)
        }
        for (id, _) in sorted { index += id.bytes }
        for (_, entry) in sorted { index += PackWriter.bigEndian(entry.crc) }
        var large = [UInt8]()
        for (_, entry) in sorted {
            if entry.offset < 0x8000_0000 {
                index += PackWriter.bigEndian(UInt32(entry.offset))
            } else {
                index += PackWriter.bigEndian(0x8000_0000 | UInt32(large.count / 8))
                large += PackWriter.bigEndian(UInt32(entry.offset >> 32)) + PackWriter.bigEndian(UInt32(truncatingIfNeeded: entry.offset))
            }
        }
        index += large + checksum
        index += SHA1.digest(index)
        return index
    }

    /// Writes the buffered bytes to the end of the file.
    private func flush() throws(GitError) {
        var done = 0
        while done < buffer.count {
            let count = buffer.withUnsafeBytes { pwrite(descriptor, $0.baseAddress! + done, $0.count - done, off_t(written + done)) }
            guard count > 0 else { throw PackWriter.failure("cannot write '\(path)'") }
            done += count
        }
        written += done
        buffer.removeAll(keepingCapacity: true)
    }

    /// Fills `bytes` from the file at `offset`.
    private func read(into bytes: UnsafeMutableRawBufferPointer, at offset: Int) throws(GitError) {
        var done = 0
        while done < bytes.count {
            let count = pread(descriptor, bytes.baseAddress! + done, bytes.count - done, off_t(offset + done))
            guard count > 0 else { throw PackWriter.failure("cannot read '\(path)'") }
            done += count
        }
    }

    private static func bigEndian(_ value: UInt32) -> [UInt8] {
        (0..<4).map { UInt8(truncatingIfNeeded: value >> UInt32(24 - 8 * $0)) }
    }

    private static func failure(_ what: String) -> GitError {
        GitError(code: .generic, message: "\(what): \(String(cString: strerror(errno)))", function: "PackWriter")
    }
}
