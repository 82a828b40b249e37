import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The bytes of one pack or pack index file, read at offsets: mapped whole (`MappedFile`) when it is
/// small, else read with `pread` into one buffer reused from read to read, so that the process holds
/// only the bytes it asked for, however large the file. Each read takes at least `readAhead` bytes
/// and the next ones inside them are served from the buffer: an entry's header and its data are
/// read together, and objects a walk reads one after another mostly lie close in the pack.
///
/// A mapped file's resident memory grows with the pages a reader touches, and more: the kernel maps
/// a whole page-cache folio (on ext4, up to megabytes read ahead together) around each fault, so a
/// read of a prompt's 500 score summaries spread over a 500 MB pack held 200 MB of it, and releasing
/// the mapping now and then did not bound it. Not thread-safe (its buffer), like its `PackReader`.
final class PackFile {
    /// The file's size in bytes.
    let count: Int
    private let storage: Storage
    private var buffer = UnsafeMutableRawBufferPointer(start: nil, count: 0)
    /// The part of the file the buffer holds.
    private var held = 0..<0
    /// The fewest bytes a `pread` asks for.
    static let readAhead = 16 << 10

    private enum Storage {
        case mapped(MappedFile)
        case read(descriptor: Int32)
    }

    /// Opens the file at `path`, mapped when `mapped` is true; `nil` when it cannot be opened (or
    /// mapped), or is empty.
    init?(path: String, mapped: Bool) {
        if mapped {
            guard let file = MappedFile.shared(path: path) else { return nil }
            storage = .mapped(file)
            count = file.bytes.count
        } else {
            let descriptor = open(path, O_RDONLY | O_CLOEXEC)
            guard descriptor >= 0 else { return nil }
            var status = stat()
            guard fstat(descriptor, &status) == 0, status.st_size > 0 else {
                close(descriptor)
                return nil
            }
            storage = .read(descriptor: descriptor)
            count = Int(status.st_size)
        }
    }

    deinit {
        if case .read(let descriptor) = storage { close(descriptor) }
        buffer.deallocate()
    }

    /// Whether the file is mapped, so that `bytes(from:count:)` gives all of it from the offset on.
    var isMapped: Bool {
        if case .mapped = storage { return true }
        return false
    }

    /// The size in bytes of the file at `path`; `nil` when it cannot be read.
    static func size(ofFileAt path: String) -> Int? {
        var status = stat()
        return stat(path, &status) == 0 ? Int(status.st_size) : nil
    }

    /// The bytes from `offset` on: at least `count` of them, fewer only where the file ends (a mapped
    /// file gives all the rest, a read one what its buffer holds from there); empty when `offset` is
    /// outside the file or the read fails. Valid until the next read of this file.
    func bytes(from offset: Int, count wanted: Int) -> UnsafeRawBufferPointer {
        guard offset >= 0, offset < count, wanted >= 0 else { return UnsafeRawBufferPointer(start: nil, count: 0) }
        switch storage {
        case .mapped(let file):
            return UnsafeRawBufferPointer(rebasing: file.bytes[offset...])
        case .read(let descriptor):
            let size = min(wanted, count - offset)
            if held.contains(offset), offset + size <= held.upperBound {
                return UnsafeRawBufferPointer(start: buffer.baseAddress! + (offset - held.lowerBound), count: held.upperBound - offset)
            }
            let length = min(max(size, PackFile.readAhead), count - offset)
            if buffer.count < length {
                buffer.deallocate()
                buffer = .allocate(byteCount: length, alignment: 8)
            }
            held = 0..<0
            var done = 0
            while done < length {
                let got = pread(descriptor, buffer.baseAddress! + done, length - done, off_t(offset + done))
                if got < 0, errno == EINTR { continue }
                guard got > 0 else { return UnsafeRawBufferPointer(start: nil, count: 0) }
                done += got
            }
            held = offset..<offset + length
            return UnsafeRawBufferPointer(start: buffer.baseAddress, count: length)
        }
    }

    /// The big-endian 32-bit integer at `offset`, `nil` past the end.
    func bigEndian32(at offset: Int) -> UInt32? {
        let bytes = bytes(from: offset, count: 4)
        guard bytes.count >= 4 else { return nil }
        return UInt32(bigEndian: bytes.loadUnaligned(as: UInt32.self))
    }
}
