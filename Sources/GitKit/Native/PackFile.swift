import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The bytes of one pack or pack index file, read at offsets: mapped whole (`MappedFile`) when it
/// is small, else through mapped windows (`MappedWindows`), as git reads packs, or with `pread`
/// into a buffer of its own. A mapped read costs memory accesses, not a system call, while the
/// process holds the pages it touched (and those the kernel maps around them) as long as the
/// mapping lives; a read holds only the bytes asked for, which suits look-ups scattered over a
/// large store (`PackReader.Access.reads`). Not thread-safe (the windows or buffer it read last),
/// like its `PackReader`.
final class PackFile {
    /// The file's size in bytes.
    let count: Int
    /// Whether the file is mapped whole (`bytes(from:count:)` gives all of it from the offset on)
    /// rather than through windows or reads.
    let isMapped: Bool
    private let storage: Storage
    /// The windows recent reads of a windowed file were answered from, by window number modulo
    /// `recentCount`: a history walk moves between a few parts of a pack (commits, trees) and of its
    /// index, and finding a window in the shared `MappedWindows` takes its lock and hashes. Each
    /// reader holds at most this many windows of a file beyond the shared limit.
    private var recent = [MappedFile?](repeating: nil, count: PackFile.recentCount)
    private static let recentCount = 8
    /// A read file's buffer, and the file offset and count of the bytes it holds.
    private var buffer = UnsafeMutableRawBufferPointer(start: nil, count: 0)
    private var buffered = (offset: 0, count: 0)

    /// How a file is read.
    enum Access {
        /// Mapped whole.
        case mapped
        /// Through windows of `MappedWindows`.
        case windows(MappedWindows)
        /// With `pread`, at least `readAhead` bytes at a time: a pack entry's header and the
        /// compressed data after it (a few hundred bytes for a tree or a delta) then take one read.
        case reads(readAhead: Int)
    }

    private enum Storage {
        case mapped(MappedFile)
        case windowed(descriptor: Int32, identity: MappedFile.Identity, windows: MappedWindows)
        case read(descriptor: Int32, readAhead: Int)
    }

    /// Opens the file at `path`, read as `access` says; `nil` when it cannot be opened (or mapped),
    /// or is empty.
    init?(path: String, access: Access) {
        switch access {
        case .mapped:
            guard let file = MappedFile.shared(path: path) else { return nil }
            storage = .mapped(file)
            count = file.bytes.count
        case .windows(let windows):
            guard let (descriptor, identity) = PackFile.openForReading(path) else { return nil }
            storage = .windowed(descriptor: descriptor, identity: identity, windows: windows)
            count = identity.size
        case .reads(let readAhead):
            guard let (descriptor, identity) = PackFile.openForReading(path) else { return nil }
            storage = .read(descriptor: descriptor, readAhead: readAhead)
            count = identity.size
        }
        isMapped = if case .mapped = access { true } else { false }
    }

    /// The file at `path` opened for reading, with its identity; `nil` when it cannot be, or is empty.
    private static func openForReading(_ path: String) -> (descriptor: Int32, identity: MappedFile.Identity)? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_size > 0 else {
            close(descriptor)
            return nil
        }
        return (descriptor, MappedFile.Identity(status))
    }

    deinit {
        switch storage {
        case .mapped: break
        case .windowed(let descriptor, _, _), .read(let descriptor, _): close(descriptor)
        }
        buffer.deallocate()
    }

    /// The size in bytes of the file at `path`; `nil` when it cannot be read.
    static func size(ofFileAt path: String) -> Int? {
        var status = stat()
        return stat(path, &status) == 0 ? Int(status.st_size) : nil
    }

    /// The bytes from `offset` on: at least `count` of them, fewer only where the file ends (a mapped
    /// file gives all the rest, a windowed one the rest of a window, a read one what it read); empty
    /// when `offset` is outside the file or it cannot be mapped or read. Valid until the next read of this file.
    func bytes(from offset: Int, count wanted: Int) -> UnsafeRawBufferPointer {
        guard offset >= 0, offset < count, wanted >= 0 else { return UnsafeRawBufferPointer(start: nil, count: 0) }
        let size = min(wanted, count - offset)
        switch storage {
        case .mapped(let file):
            return UnsafeRawBufferPointer(rebasing: file.bytes[offset...])
        case .windowed(let descriptor, let identity, let windows):
            let slot = (offset / windows.windowSize) & (PackFile.recentCount - 1)
            if let window = recent[slot], offset >= window.offset, offset + size <= window.offset + window.bytes.count {
                return UnsafeRawBufferPointer(rebasing: window.bytes[(offset - window.offset)...])
            }
            guard let window = windows.window(of: identity, descriptor: descriptor, holding: offset, count: max(size, 1)) else {
                return UnsafeRawBufferPointer(start: nil, count: 0)
            }
            recent[slot] = window
            return UnsafeRawBufferPointer(rebasing: window.bytes[(offset - window.offset)...])
        case .read(let descriptor, let readAhead):
            return read(descriptor, from: offset, count: size, readAhead: readAhead)
        }
    }

    /// The bytes from `offset` on that the buffer holds, read first unless it holds `size` of them.
    private func read(_ descriptor: Int32, from offset: Int, count size: Int, readAhead: Int) -> UnsafeRawBufferPointer {
        if offset >= buffered.offset, offset + size <= buffered.offset + buffered.count {
            return UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(buffer)[(offset - buffered.offset)..<buffered.count])
        }
        let reading = min(max(size, readAhead), count - offset)
        if buffer.count < reading {
            buffer.deallocate()
            buffer = .allocate(byteCount: max(reading, 4096), alignment: 8)
        }
        buffered = (offset, 0)
        var done = 0
        while done < reading {
            let got = pread(descriptor, buffer.baseAddress! + done, reading - done, off_t(offset + done))
            if got < 0, errno == EINTR { continue }
            guard got > 0 else { return UnsafeRawBufferPointer(start: nil, count: 0) }
            done += got
        }
        buffered = (offset, done)
        return UnsafeRawBufferPointer(start: buffer.baseAddress, count: done)
    }

    /// The big-endian 32-bit integer at `offset`, `nil` past the end.
    func bigEndian32(at offset: Int) -> UInt32? {
        let bytes = bytes(from: offset, count: 4)
        guard bytes.count >= 4 else { return nil }
        return UInt32(bigEndian: bytes.loadUnaligned(as: UInt32.self))
    }
}
