import Foundation
import GitKit

/// What the last `manifest record` of a folder saw, so the next one reads only the files whose
/// stamps changed, as git's index does (docs/storage.md, *Record cache*).
///
/// Kept in `<git dir>/quill/manifest-cache/<key>`, outside every ref: it is never pushed, and
/// deleting it only makes the next record read every file again. An entry is used only when the
/// settings, the file's stamp and the manifest it came from all still match, and the file was not
/// modified in the same tick as the scan that wrote it.
struct RecordCache {
    /// One file as the last record saw it.
    struct Entry {
        let stamp: FileStamp
        let content: ObjectID
        let chunkCount: Int
        /// The document's canonical line in the manifest.
        let line: [UInt8]
    }

    static let magic = "quill manifest cache 1"

    /// The settings the entries were made with.
    let settings: String
    /// The manifest the entries belong to.
    let manifest: ObjectID
    /// When the scan that made the entries started.
    let scannedAt: (seconds: Int64, nanoseconds: Int64)
    let entries: [String: Entry]

    /// The cache file for the folder `folder` recorded under `name`.
    static func path(in repository: Repository, folder: String, name: String) throws -> String {
        let key = try Repository.blobID(of: Data("\(folder)\n\(name)".utf8)).hex
        return repository.commonDirectoryPath + "quill/manifest-cache/" + key
    }

    /// The entry for `path` when the file is unchanged since the cache was written.
    func unchanged(_ path: String, stamp: FileStamp) -> Entry? {
        guard let entry = entries[path], entry.stamp == stamp, !stamp.isRacy(against: scannedAt) else { return nil }
        return entry
    }

    /// Reads the cache at `path`; `nil` when there is none, it is unreadable, or made with other settings.
    static func read(at path: String, settings: String) -> RecordCache? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        let lines = Array(data).split(separator: 0x0A, omittingEmptySubsequences: false)
        guard lines.count >= 4, String(decoding: lines[0], as: UTF8.self) == magic,
            String(decoding: lines[1], as: UTF8.self) == settings,
            let manifest = ObjectID(hex: String(decoding: lines[2], as: UTF8.self)) else { return nil }
        let time = lines[3].split(separator: 0x20).compactMap { Int64(String(decoding: $0, as: UTF8.self)) }
        guard time.count == 2 else { return nil }
        var entries = [String: Entry]()
        entries.reserveCapacity(lines.count)
        for line in lines.dropFirst(4) where !line.isEmpty {
            guard let (path, entry) = parse(line) else { return nil }
            entries[path] = entry
        }
        return RecordCache(settings: settings, manifest: manifest, scannedAt: (time[0], time[1]), entries: entries)
    }

    /// `size mtime-s mtime-ns ctime-s ctime-ns inode content chunks<TAB>path<TAB>line`.
    private static func parse(_ line: ArraySlice<UInt8>) -> (String, Entry)? {
        let parts = line.split(separator: 0x09, maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3 else { return nil }
        let fields = parts[0].split(separator: 0x20)
        guard fields.count == 8, let content = ObjectID(hex: String(decoding: fields[6], as: UTF8.self)) else { return nil }
        var numbers = [Int64]()
        for field in fields[0..<6] + [fields[7]] {
            guard let number = Int64(String(decoding: field, as: UTF8.self)) else { return nil }
            numbers.append(number)
        }
        let stamp = FileStamp(
            size: numbers[0], modifiedSeconds: numbers[1], modifiedNanoseconds: numbers[2], changedSeconds: numbers[3],
            changedNanoseconds: numbers[4], inode: UInt64(bitPattern: numbers[5]))
        return (String(decoding: parts[1], as: UTF8.self), Entry(stamp: stamp, content: content, chunkCount: Int(numbers[6]), line: Array(parts[2])))
    }

    /// Writes the cache to `path` whole (a temporary file renamed over it); a failure to write only
    /// costs the next record a full read, so it is not an error. A folder with a file whose path
    /// holds a tab or a line feed gets no cache (its entry could not be written, and the next record
    /// must know every file of the manifest it updates).
    func write(to path: String) {
        guard !entries.keys.contains(where: { $0.utf8.contains(0x09) || $0.utf8.contains(0x0A) }) else {
            try? FileManager.default.removeItem(atPath: path)
            return
        }
        var out = [UInt8]()
        out.reserveCapacity(entries.reduce(0) { $0 + $1.value.line.count + $1.key.utf8.count + 120 })
        out += Array("\(RecordCache.magic)\n\(settings)\n\(manifest.hex)\n\(scannedAt.seconds) \(scannedAt.nanoseconds)\n".utf8)
        for (file, entry) in entries {
            let stamp = entry.stamp
            out += Array(
                "\(stamp.size) \(stamp.modifiedSeconds) \(stamp.modifiedNanoseconds) \(stamp.changedSeconds) \(stamp.changedNanoseconds) \(Int64(bitPattern: stamp.inode)) \(entry.content.hex) \(entry.chunkCount)\t\(file)\t".utf8)
            out += entry.line
            out.append(0x0A)
        }
        let folder = (path as NSString).deletingLastPathComponent
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let temporary = path + ".tmp-\(ProcessInfo.processInfo.processIdentifier)"
        guard FileManager.default.createFile(atPath: temporary, contents: Data(out)) else { return }
        if rename(temporary, path) != 0 { try? FileManager.default.removeItem(atPath: temporary) }
    }
}
