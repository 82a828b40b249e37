import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// A file, or a range of it, mapped read-only into memory for as long as the value lives.
///
/// A whole file is mapped once per process while any reader holds it (`shared(path:)`): the
/// repositories of the threads reading one history each read its packs, and two mappings of one file
/// count its pages twice in the process's resident memory. Pack and index files are never changed in
/// place (their names are their checksums), so one mapping serves every reader of the same file.
/// Ranges of larger files are shared the same way through `MappedWindows`.
final class MappedFile: @unchecked Sendable {
    /// The bytes mapped: the file's from `offset` on.
    let bytes: UnsafeRawBufferPointer
    /// Where in the file `bytes` start.
    let offset: Int
    /// The whole mapping, from the page that holds `offset`.
    private let pages: UnsafeRawBufferPointer

    /// A file by device and inode, with its size: what makes two opened paths one file.
    struct Identity: Hashable {
        let device: UInt64
        let inode: UInt64
        let size: Int

        init(_ status: stat) {
            device = UInt64(status.st_dev)
            inode = UInt64(status.st_ino)
            size = Int(status.st_size)
        }
    }

    private struct Weak {
        weak var file: MappedFile?
    }

    /// The whole files mapped now, by identity.
    private static let mapped = Mutex([Identity: Weak]())

    /// The size of a page, which a mapping starts at a multiple of.
    static let pageSize = Int(sysconf(Int32(_SC_PAGESIZE)))

    /// Maps the file at `path`, or returns the mapping of the same file another reader holds; `nil`
    /// when it cannot be opened or mapped, or is empty.
    static func shared(path: String) -> MappedFile? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_size > 0 else { return nil }
        let identity = Identity(status)
        return mapped.withLock { files in
            if let file = files[identity]?.file { return file }
            guard let file = MappedFile(descriptor: descriptor, offset: 0, count: identity.size) else { return nil }
            files = files.filter { $0.value.file != nil }
            files[identity] = Weak(file: file)
            return file
        }
    }

    /// Maps `count` bytes of the file open as `descriptor` from `offset` on (with the start of the
    /// page that holds `offset`); `nil` when they cannot be mapped.
    init?(descriptor: Int32, offset: Int, count: Int) {
        let start = offset - offset % MappedFile.pageSize
        let length = count + offset - start
        guard count > 0, let address = mmap(nil, length, PROT_READ, MAP_PRIVATE, descriptor, off_t(start)), address != MAP_FAILED else {
            return nil
        }
        pages = UnsafeRawBufferPointer(start: address, count: length)
        bytes = UnsafeRawBufferPointer(rebasing: pages[(offset - start)...])
        self.offset = offset
    }

    deinit {
        munmap(UnsafeMutableRawPointer(mutating: pages.baseAddress), pages.count)
    }
}
