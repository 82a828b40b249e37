internal import CLibGit2

/// One zlib inflate stream, set up once and reset for each object: objects in a pack are mostly
/// a few hundred bytes, and setting a stream up and tearing it down (a 7 KB state allocated and
/// freed) costs about as much as inflating one of them. Not thread-safe, like its `PackReader`.
final class Inflater {
    private let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
    /// Deflate never makes data more than 1032 times smaller (zlib's technical notes).
    static let largestRatio = 1032
    private let isReady: Bool

    init() {
        stream.initialize(to: z_stream())
        isReady = inflateInit_(stream, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK
    }

    deinit {
        if isReady { inflateEnd(stream) }
        stream.deinitialize(count: 1)
        stream.deallocate()
    }

    /// Inflates the zlib stream at `offset` of `bytes`, which must give exactly `size` bytes. A size
    /// the bytes left could not give even at deflate's largest ratio is refused before anything is
    /// allocated: it comes from a pack entry's header, which a damaged pack can make any number.
    func inflate(_ bytes: UnsafeRawBufferPointer, at offset: Int, size: Int) -> [UInt8]? {
        guard isReady, offset < bytes.count, size <= (bytes.count - offset) * Inflater.largestRatio,
              inflateReset(stream) == Z_OK else { return nil }
        var output = [UInt8](repeating: 0, count: size)
        stream.pointee.next_in = UnsafeMutablePointer(mutating: (bytes.baseAddress! + offset).assumingMemoryBound(to: Bytef.self))
        stream.pointee.avail_in = uInt(min(bytes.count - offset, Int(UInt32.max)))
        let status: Int32 = output.withUnsafeMutableBytes { out in
            // A zero-length object still needs somewhere to write the stream's end.
            var spare: Bytef = 0
            if size == 0 {
                return withUnsafeMutablePointer(to: &spare) { pointer in
                    stream.pointee.next_out = pointer
                    stream.pointee.avail_out = 1
                    return zlibInflate(stream, Z_FINISH)
                }
            }
            stream.pointee.next_out = out.baseAddress!.assumingMemoryBound(to: Bytef.self)
            stream.pointee.avail_out = uInt(size)
            return zlibInflate(stream, Z_FINISH)
        }
        guard status == Z_STREAM_END, stream.pointee.total_out == size else { return nil }
        return output
    }
}

/// zlib's `inflate`, named apart from `Inflater.inflate`.
private func zlibInflate(_ stream: UnsafeMutablePointer<z_stream>, _ flush: Int32) -> Int32 {
    inflate(stream, flush)
}
