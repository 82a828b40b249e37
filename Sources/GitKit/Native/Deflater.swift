internal import CLibGit2

/// One zlib deflate stream, set up once and reset for each object (the writer's side of `Inflater`):
/// setting a stream up allocates and clears about 268 KB, far more work than compressing a record of
/// a few hundred bytes, and a batch writes tens of thousands.
///
/// `level` is zlib's: 1 (`Z_BEST_SPEED`) the fastest that compresses, 0 (`Z_NO_COMPRESSION`) a
/// stream of stored blocks. `memoryLevel` sizes the hash table a reset clears: 4 (4 KB) suits
/// objects of a few KB, zlib's default 8 (64 KB) larger ones. Not thread-safe.
final class Deflater {
    private let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
    private let isReady: Bool

    init(level: Int32 = Z_BEST_SPEED, memoryLevel: Int32) {
        stream.initialize(to: z_stream())
        isReady = deflateInit2_(stream, level, Z_DEFLATED, MAX_WBITS, memoryLevel, Z_DEFAULT_STRATEGY, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK
    }

    deinit {
        if isReady { deflateEnd(stream) }
        stream.deinitialize(count: 1)
        stream.deallocate()
    }

    /// Appends the zlib stream of `data` to `output`.
    func compress(_ data: UnsafeRawBufferPointer, appendingTo output: inout [UInt8]) throws(GitError) {
        guard isReady, deflateReset(stream) == Z_OK else {
            throw GitError(code: .generic, message: "zlib deflate could not be set up", function: "Deflater.compress")
        }
        let bound = Int(deflateBound(stream, uLong(data.count)))
        let start = output.count
        output.append(contentsOf: repeatElement(0, count: bound))
        stream.pointee.next_in = UnsafeMutablePointer(mutating: data.baseAddress?.assumingMemoryBound(to: Bytef.self))  // nil when empty
        stream.pointee.avail_in = uInt(data.count)
        let status: Int32 = output.withUnsafeMutableBytes { out in
            stream.pointee.next_out = (out.baseAddress! + start).assumingMemoryBound(to: Bytef.self)
            stream.pointee.avail_out = uInt(bound)
            return deflate(stream, Z_FINISH)
        }
        guard status == Z_STREAM_END else {
            throw GitError(code: .generic, message: "zlib deflate failed with \(status)", function: "Deflater.compress")
        }
        output.removeLast(bound - Int(stream.pointee.total_out))
    }
}
