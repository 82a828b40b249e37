import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Work-tree files read as git reads them: a regular file's bytes, a symbolic link's link text
/// (`readlink`, the blob git stores for mode 120000), never the file a link points to.
///
/// A path that goes through a symbolic link to a folder is not in the work tree for git
/// ("beyond a symbolic link") and reads as absent, so no link leads a read out of the repository.
/// Sockets, FIFOs and devices read as absent too: git tracks none of them.
public enum WorkTreeFile {
    /// The bytes git would hash for `relativePath` under the work tree `root`; `nil` when nothing
    /// git would track is there. Refused before it is read when the file is larger than `limit` bytes.
    public static func contents(of relativePath: String, in root: String, limit: Int) throws(FileTooLarge) -> Data? {
        guard isInsideWorkTree(relativePath, root: root) else { return nil }
        return try contents(atPath: root + "/" + relativePath, limit: limit)
    }

    /// Whether git would see an entry at `relativePath` (a file or a link, dangling or not).
    public static func exists(_ relativePath: String, in root: String) -> Bool {
        guard isInsideWorkTree(relativePath, root: root) else { return false }
        var status = stat()
        guard lstat(root + "/" + relativePath, &status) == 0 else { return false }
        return [S_IFREG, S_IFLNK, S_IFDIR].contains(status.st_mode & S_IFMT)
    }

    /// The bytes git would hash for the file at `path`: its content, or its link text when it is a
    /// symbolic link; `nil` for anything else or when it cannot be read. Folders above the last
    /// component are taken as they are (for a path the user typed, not one read from a branch).
    /// Throws, before reading it, when it is larger than `limit` bytes.
    public static func contents(atPath path: String, limit: Int) throws(FileTooLarge) -> Data? {
        var status = stat()
        guard lstat(path, &status) == 0 else { return nil }
        switch status.st_mode & S_IFMT {
        case S_IFLNK: return linkText(atPath: path, size: Int(status.st_size))
        case S_IFREG: return try regularFile(atPath: path, limit: limit)
        default: return nil
        }
    }

    /// Whether every folder from `root` down to the parent of `relativePath` is a real folder (not a
    /// link), and the path has no `.`, `..` or empty component.
    static func isInsideWorkTree(_ relativePath: String, root: String) -> Bool {
        let parts = relativePath.split(separator: "/", omittingEmptySubsequences: false)
        guard !parts.contains(where: { $0.isEmpty || $0 == "." || $0 == ".." }) else { return false }
        var folder = root
        for part in parts.dropLast() {
            folder += "/" + part
            var status = stat()
            guard lstat(folder, &status) == 0, status.st_mode & S_IFMT == S_IFDIR else { return false }
        }
        return true
    }

    private static func linkText(atPath path: String, size: Int) -> Data? {
        // st_size is the link text's length; /proc links report 0, so read into a page at least.
        var buffer = [UInt8](repeating: 0, count: max(size, Int(PATH_MAX)) + 1)
        let count = buffer.withUnsafeMutableBufferPointer { readlink(path, $0.baseAddress!, $0.count) }
        guard count >= 0, count < buffer.count else { return nil }
        return Data(buffer[..<count])
    }

    /// A regular file's bytes, opened without following a link that replaced it since `lstat`.
    private static func regularFile(atPath path: String, limit: Int) throws(FileTooLarge) -> Data? {
        let descriptor = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG else { return nil }
        return try BoundedFileRead.contents(of: descriptor, limit: limit)
    }
}
