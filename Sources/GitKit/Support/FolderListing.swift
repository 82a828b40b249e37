import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The entries of a folder as `lstat` sees them, read through one open handle on the folder:
/// `readdir` for the names and `fstatat` relative to the folder for each entry (links never
/// followed), so an entry costs a lookup of its own name rather than of its whole path (a tenth of
/// a 100,000-file `manifest record`).
public enum FolderListing {
    public enum Kind: Sendable, Equatable {
        case file, folder, other
    }

    /// One entry: its name and the `lstat` fields that change when its content may have.
    public struct Entry: Sendable {
        public let name: String
        public let kind: Kind
        public let size: Int64
        public let modifiedSeconds: Int64
        public let modifiedNanoseconds: Int64
        public let changedSeconds: Int64
        public let changedNanoseconds: Int64
        public let inode: UInt64

        init(name: String, status: stat) {
            let type = status.st_mode & S_IFMT
            self.name = name
            kind = type == S_IFREG ? .file : type == S_IFDIR ? .folder : .other
            size = Int64(status.st_size)
            modifiedSeconds = Int64(status.st_mtim.tv_sec)
            modifiedNanoseconds = Int64(status.st_mtim.tv_nsec)
            changedSeconds = Int64(status.st_ctim.tv_sec)
            changedNanoseconds = Int64(status.st_ctim.tv_nsec)
            inode = UInt64(status.st_ino)
        }
    }

    /// `lstat` of `path` (a link is the entry, not what it points to); `nil` when nothing is there.
    public static func entry(atPath path: String) -> Entry? {
        var status = stat()
        guard lstat(path, &status) == 0 else { return nil }
        return Entry(name: (path as NSString).lastPathComponent, status: status)
    }

    /// The entries of the folder at `path` other than `.` and `..`, in the order `readdir` gives
    /// them; `nil` when `path` cannot be opened as a folder (a link to one is not followed). An entry
    /// removed while the folder is read is left out.
    public static func entries(atPath path: String) -> [Entry]? {
        let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        guard let folder = fdopendir(descriptor) else {
            close(descriptor)
            return nil
        }
        defer { closedir(folder) }
        var entries = [Entry]()
        while let item = readdir(folder) {
            let entry = withUnsafePointer(to: &item.pointee.d_name) { name in
                name.withMemoryRebound(to: CChar.self, capacity: Int(NAME_MAX) + 1) { name -> Entry? in
                    if name[0] == 0x2E && (name[1] == 0 || (name[1] == 0x2E && name[2] == 0)) { return nil }
                    var status = stat()
                    guard fstatat(descriptor, name, &status, AT_SYMLINK_NOFOLLOW) == 0 else { return nil }
                    return Entry(name: String(cString: name), status: status)
                }
            }
            if let entry { entries.append(entry) }
        }
        return entries
    }
}
