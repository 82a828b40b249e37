import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The bytes of one pack or pack index file, read at offsets: mapped whole (`MappedFile`) when it
/// is small, else through mapped windows (`MappedWindows`), as git reads packs, so
/// that a read costs memory accesses, not a system call, while the process holds only a bounded
/// part of a file however large it is. Not thread-safe (the windows it read last), like its `PackReader`.
final class PackFile {
    /// The file's size in bytes.
    let count: Int
    /// Whether the file is mapped whole (`bytes(from:count:)` gives all of it from the offset on)
    /// rather than through windows.
    let isMapped: Bool
    private let storage: Storage
    /// The windows recent reads of a windowed file were answered from, by window number modulo
    /// `recentCount`: a history walk moves between a few parts of a pack (commits, trees) and of its
    /// index, and finding a window in the shared `MappedWindows` takes its lock and hashes. Each
    /// reader holds at most this many windows of a file beyond the shared limit.
    private var recent = [MappedFile?](repeating: nil, count: PackFile.recentCount)
    private static let recentCount = 8

    private enum Storage {
        case mapped(MappedFile)
        case windowed(descriptor: Int32, identity: MappedFile.Identity, windows: MappedWindows)
    }

    /// Opens the file at `path`, mapped whole when `mapped` is true, else through `windows`; `nil`
    /// when it cannot be opened (or mapped), or is empty.
    init?(path: String, mapped: Bool, windows: MappedWindows = .indexes) {
        if mapped {
            guard let file = MappedFile.shared(path: path) else { return nil }
            storage = .mapped(file)
            count = file.bytes.count
            isMapped = true
        } else {
            let descriptor = open(path, O_RDONLY | O_CLOEXEC)
            guard descriptor >= 0 else { return nil }
            var status = stat()
            guard fstat(descriptor, &status) == 0, status.st_size > 0 else {
                close(descriptor)
                return nil
            }
            let identity = MappedFile.Identity(status)
            storage = .windowed(descriptor: descriptor, identity: identity, windows: windows)
            count = identity.size
            isMapped = false
        }
    }

    deinit {
        if case .windowed(let descriptor, _, _) = storage { close(descriptor) }
    }

    /// The size in bytes of the file at `path`; `nil` when it cannot be read.
    static func size(ofFileAt path: String) -> Int? {
        var status = stat()
        return stat(path, &status) == 0 ? Int(status.st_size) : nil
    }

    /// The bytes from `offset` on: at least `count` of them, fewer only where the file ends (a mapped
    /// file gives all the rest, a windowed one the rest of a window); empty when `offset` is outside
    /// the file or it cannot be mapped. Valid until the next read of this file.
    func bytes(from offset: Int, count wanted: Int) -> UnsafeRawBufferPointer {
        guard offset >= 0, offset < count, wanted >= 0 else { return UnsafeRawBufferPointer(start: nil, count: 0) }
        switch storage {
        case .mapped(let file):
            return UnsafeRawBufferPointer(rebasing: file.bytes[offset...])
        case .windowed(let descriptor, let identity, let windows):
            let size = min(wanted, count - offset)
            let slot = (offset / windows.windowSize) & (PackFile.recentCount - 1)
            if let window = recent[slot], offset >= window.offset, offset + size <= window.offset + window.bytes.count {
                return UnsafeRawBufferPointer(rebasing: window.bytes[(offset - window.offset)...])
            }
            guard let window = windows.window(of: identity, descriptor: descriptor, holding: offset, count: max(size, 1)) else {
                return UnsafeRawBufferPointer(start: nil, count: 0)
            }
            recent[slot] = window
            return UnsafeRawBufferPointer(rebasing: window.bytes[(offset - window.offset)...])
        }
    }

    /// The big-endian 32-bit integer at `offset`, `nil` past the end.
    func bigEndian32(at offset: Int) -> UInt32? {
        let bytes = bytes(from: offset, count: 4)
        guard bytes.count >= 4 else { return nil }
        return UInt32(bigEndian: bytes.loadUnaligned(as: UInt32.self))
    }
}
