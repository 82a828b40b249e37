import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A file larger than the bound it was read under.
public struct FileTooLarge: Error, Sendable, Equatable {
    /// Its size in bytes when the file system reports one (a regular file); `nil` for a pipe or a
    /// device, whose reading stopped one byte past the bound.
    public let size: Int?
}

/// Reads files whole, but never more than a bound: a regular file's size is checked with `fstat`
/// before any byte is read, and any file (pipes, devices, a file still growing) is read only until
/// one byte past the bound, so a hostile file cannot make a reader hold more than the bound.
public enum BoundedFileRead {
    /// The bytes of the file at `path` (links followed: a path the user named), or `nil` when it cannot
    /// be opened or read; throws when it holds more than `limit` bytes.
    public static func contents(atPath path: String, limit: Int) throws(FileTooLarge) -> Data? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        return try contents(of: descriptor, limit: limit)
    }

    /// The bytes of the open `descriptor` from its current offset to its end, or `nil` on a read error;
    /// throws as soon as more than `limit` bytes are known to be there.
    static func contents(of descriptor: Int32, limit: Int) throws(FileTooLarge) -> Data? {
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { return nil }
        let isRegular = status.st_mode & S_IFMT == S_IFREG
        if isRegular, Int(status.st_size) > limit { throw FileTooLarge(size: Int(status.st_size)) }
        // A regular file is read into a buffer of its size plus the byte that shows it grew; anything
        // else into a buffer that doubles as it fills, up to one byte past the bound.
        var data = Data(count: isRegular ? Int(status.st_size) + 1 : min(1 << 16, limit + 1))
        var count = 0
        while true {
            if count == data.count {
                guard count <= limit else { throw FileTooLarge(size: nil) }
                data.count = min(data.count * 2, limit + 1)
            }
            let received = data.withUnsafeMutableBytes { buffer in
                read(descriptor, buffer.baseAddress! + count, buffer.count - count)
            }
            if received < 0 {
                if errno == EINTR { continue }
                return nil
            }
            if received == 0 { break }
            count += received
        }
        data.count = count
        return data
    }
}
