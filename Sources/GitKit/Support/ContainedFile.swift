import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A regular file inside a folder, opened for reads at chosen offsets: the path from the folder has
/// no `.`, `..` or empty component and crosses no symbolic link, and the file itself is opened without
/// following one, so a store's files can be read piece by piece, however large, without a link
/// leading the read out of the folder.
public final class ContainedFile {
    private let descriptor: Int32
    /// Its size in bytes when it was opened.
    public let size: Int

    /// Why a file could not be opened.
    public enum Refusal: Error, Sendable, Equatable {
        /// Nothing is there.
        case missing
        /// A symbolic link, a folder or another kind of entry is there, or the path leaves the folder.
        case notRegularFile
    }

    private init(descriptor: Int32, size: Int) {
        self.descriptor = descriptor
        self.size = size
    }

    deinit { close(descriptor) }

    /// Opens `relativePath` under `root` (a folder the user named, taken as it is).
    public static func open(_ relativePath: String, in root: String) throws(Refusal) -> ContainedFile {
        guard WorkTreeFile.isInsideWorkTree(relativePath, root: root) else { throw .notRegularFile }
        let path = root + "/" + relativePath
        let descriptor = Glibc.open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else {
            var status = stat()
            throw lstat(path, &status) == 0 ? .notRegularFile : .missing
        }
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG else {
            close(descriptor)
            throw .notRegularFile
        }
        return ContainedFile(descriptor: descriptor, size: Int(status.st_size))
    }

    /// The `count` bytes at `offset`, or `nil` when the file holds fewer (it shrank) or cannot be read.
    public func read(at offset: Int, count: Int) -> Data? {
        guard offset >= 0, count >= 0, offset <= size, count <= size - offset else { return nil }
        var data = Data(count: count)
        var done = 0
        while done < count {
            let received = data.withUnsafeMutableBytes { buffer in
                pread(descriptor, buffer.baseAddress! + done, count - done, off_t(offset + done))
            }
            if received < 0, errno == EINTR { continue }
            guard received > 0 else { return nil }
            done += received
        }
        return data
    }
}
