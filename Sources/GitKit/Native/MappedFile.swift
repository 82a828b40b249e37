import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// A file mapped read-only into memory for as long as the value lives.
///
/// A file is mapped once per process while any reader holds it (`shared(path:)`): the repositories of
/// the threads reading one history each read its packs, and two mappings of one file count its
/// pages twice in the process's resident memory. Pack and index files are never changed in place
/// (their names are their checksums), so one mapping serves every reader of the same file.
final class MappedFile: @unchecked Sendable {
    let bytes: UnsafeRawBufferPointer

    /// A file by device and inode, with its size: what makes two opened paths one mapping.
    private struct Identity: Hashable {
        let device: UInt64
        let inode: UInt64
        let size: Int
    }

    private struct Weak {
        weak var file: MappedFile?
    }

    /// The files mapped now, by identity.
    private static let mapped = Mutex([Identity: Weak]())

    /// Maps the file at `path`, or returns the mapping of the same file another reader holds; `nil`
    /// when it cannot be opened or mapped, or is empty.
    static func shared(path: String) -> MappedFile? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_size > 0 else { return nil }
        let identity = Identity(device: UInt64(status.st_dev), inode: UInt64(status.st_ino), size: Int(status.st_size))
        return mapped.withLock { files in
            if let file = files[identity]?.file { return file }
            guard let file = MappedFile(descriptor: descriptor, count: identity.size) else { return nil }
            files = files.filter { $0.value.file != nil }
            files[identity] = Weak(file: file)
            return file
        }
    }

    private init?(descriptor: Int32, count: Int) {
        guard let address = mmap(nil, count, PROT_READ, MAP_PRIVATE, descriptor, 0), address != MAP_FAILED else { return nil }
        bytes = UnsafeRawBufferPointer(start: address, count: count)
    }

    deinit {
        munmap(UnsafeMutableRawPointer(mutating: bytes.baseAddress), bytes.count)
    }
}
