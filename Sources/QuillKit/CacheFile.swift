import Foundation

/// What Quill's local cache files (`<git dir>/quill/…`, outside every ref) share: little-endian
/// integers, a bounded reader, and a whole-file write that concurrent writers cannot tear.
enum CacheFile {
    /// Writes `bytes` at `path` whole: to a temporary file of this process, renamed over the cache,
    /// so concurrent writers leave one whole cache or the other. A failure to write only costs the
    /// next reader the work the cache saves, so it is not an error.
    static func write(_ bytes: [UInt8], to path: String) {
        let folder = (path as NSString).deletingLastPathComponent
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let temporary = path + ".tmp-\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max))"
        guard FileManager.default.createFile(atPath: temporary, contents: nil), let file = FileHandle(forWritingAtPath: temporary) else { return }
        let written = (try? file.write(contentsOf: bytes)) != nil
        try? file.close()
        if !written || rename(temporary, path) != 0 { try? FileManager.default.removeItem(atPath: temporary) }
    }

    /// The little-endian unsigned integer of `size` bytes at `offset`.
    static func integer(_ bytes: [UInt8], at offset: Int, size: Int) -> UInt64 {
        var value: UInt64 = 0
        for index in stride(from: offset + size - 1, through: offset, by: -1) { value = value << 8 | UInt64(bytes[index]) }
        return value
    }

    /// Appends `value` to `bytes` as a little-endian integer of `size` bytes.
    static func append(_ value: UInt64, size: Int, to bytes: inout [UInt8]) {
        for index in 0..<size { bytes.append(UInt8(truncatingIfNeeded: value >> (8 * index))) }
    }

    /// Reads a cache's fields in order, refusing to read past `end`.
    struct Reader {
        let bytes: [UInt8]
        let end: Int
        var offset = 0

        init(bytes: [UInt8], end: Int) {
            self.bytes = bytes
            self.end = end
        }

        mutating func take(_ count: Int) -> Range<Int>? {
            guard count >= 0, count <= end - offset else { return nil }
            defer { offset += count }
            return offset..<offset + count
        }

        mutating func integer(_ size: Int) -> UInt64? {
            take(size).map { CacheFile.integer(bytes, at: $0.lowerBound, size: size) }
        }
    }
}
