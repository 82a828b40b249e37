import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The bytes of one pack or pack index file, read at offsets: mapped whole (`MappedFile`) when it is
/// small, else read with `pread` into one buffer reused from read to read, so that the process holds
/// only the bytes it asked for, however large the file.
///
/// A mapped file's resident memory grows with the pages a reader touches, and more: the kernel maps
/// a whole page-cache folio (on ext4, up to megabytes read ahead together) around each fault, so a
/// read of a prompt's 500 score summaries spread over a 500 MB pack held 200 MB of it, and releasing
/// the mapping now and then did not bound it. A read pack file reads at least `entryReadAhead` bytes
/// at a time and answers later reads inside them from its buffer: an object's entry header and its
/// compressed data (a few hundred bytes for a tree or a delta) then cost one `pread`, not two. An
/// index is read exactly as asked (its look-ups land anywhere). Not thread-safe (its buffer), like
/// its `PackReader`.
final class PackFile {
    /// The file's size in bytes.
    let count: Int
    /// Whether the file is mapped (a read costs memory accesses, and `bytes(from:count:)` gives all of
    /// it from the offset on) rather than read (a read costs a `pread`).
    let isMapped: Bool
    private let storage: Storage
    private var buffer = UnsafeMutableRawBufferPointer(start: nil, count: 0)
    /// The file offset of the buffer's first byte and how many bytes of the file it holds.
    private var window = (offset: 0, count: 0)
    /// The fewest bytes a read pack file reads at a time: an entry's header with the data that follows it.
    static let entryReadAhead = 4096
    /// The fewest bytes this file reads at a time, when it is read.
    private let readAhead: Int

    private enum Storage {
        case mapped(MappedFile)
        case read(descriptor: Int32)
    }

    /// Opens the file at `path`, mapped when `mapped` is true, else read at least `readAhead` bytes at
    /// a time; `nil` when it cannot be opened (or mapped), or is empty.
    init?(path: String, mapped: Bool, readAhead: Int = 0) {
        self.readAhead = readAhead
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
            storage = .read(descriptor: descriptor)
            count = Int(status.st_size)
            isMapped = false
        }
    }

    deinit {
        if case .read(let descriptor) = storage { close(descriptor) }
        buffer.deallocate()
    }

    /// The size in bytes of the file at `path`; `nil` when it cannot be read.
    static func size(ofFileAt path: String) -> Int? {
        var status = stat()
        return stat(path, &status) == 0 ? Int(status.st_size) : nil
    }

    /// The bytes from `offset` on: at least `count` of them, fewer only where the file ends (a mapped
    /// file gives all the rest, a read one what it has read from `offset` on, at least its read-ahead
    /// when the file has them); empty when `offset` is outside the file or the read fails. Valid
    /// until the next read of this file.
    func bytes(from offset: Int, count wanted: Int) -> UnsafeRawBufferPointer {
        guard offset >= 0, offset < count, wanted >= 0 else { return UnsafeRawBufferPointer(start: nil, count: 0) }
        switch storage {
        case .mapped(let file):
            return UnsafeRawBufferPointer(rebasing: file.bytes[offset...])
        case .read(let descriptor):
            let size = min(wanted, count - offset)
            if offset >= window.offset, offset + size <= window.offset + window.count {
                return UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(buffer)[(offset - window.offset)..<window.count])
            }
            let reading = min(max(size, readAhead), count - offset)
            if buffer.count < reading {
                buffer.deallocate()
                buffer = .allocate(byteCount: max(reading, 4096), alignment: 8)
            }
            window = (offset, 0)
            var done = 0
            while done < reading {
                let got = pread(descriptor, buffer.baseAddress! + done, reading - done, off_t(offset + done))
                if got < 0, errno == EINTR { continue }
                guard got > 0 else { return UnsafeRawBufferPointer(start: nil, count: 0) }
                done += got
            }
            window = (offset, done)
            return UnsafeRawBufferPointer(start: buffer.baseAddress, count: done)
        }
    }

    /// The big-endian 32-bit integer at `offset`, `nil` past the end.
    func bigEndian32(at offset: Int) -> UInt32? {
        let bytes = bytes(from: offset, count: 4)
        guard bytes.count >= 4 else { return nil }
        return UInt32(bigEndian: bytes.loadUnaligned(as: UInt32.self))
    }
}
