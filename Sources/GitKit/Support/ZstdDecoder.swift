import Foundation
internal import CZstd

/// Zstandard decompression (libzstd), bounded for untrusted input: the output stops at a limit while
/// it is produced, and a frame may not ask for a window larger than 16 MiB, so neither a
/// decompression bomb nor a forged frame header can make it allocate much. GitKit holds the project's
/// C interfaces; nothing here is about git.
public enum ZstdDecoder {
    /// Why `decompress` gave up.
    public enum Failure: Error, Equatable {
        /// The output would exceed the limit given.
        case exceedsLimit
        /// libzstd refused the input (corrupt, or a window over the bound); its message.
        case corrupt(String)
        /// The input ended inside a frame.
        case truncated
    }

    /// The largest window a frame may ask for, as a power of two (16 MiB; zstd's levels up to 19 use
    /// at most 8 MiB).
    static let windowLogMax: Int32 = 24

    /// The decompressed bytes of `input` (one or more concatenated frames), at most `limit` of them.
    public static func decompress(_ input: Data, limit: Int) throws(Failure) -> Data {
        guard let stream = ZSTD_createDStream() else { throw .corrupt("out of memory") }
        defer { ZSTD_freeDStream(stream) }
        if let refused = failure(ZSTD_DCtx_setParameter(stream, ZSTD_d_windowLogMax, windowLogMax)) { throw refused }
        var output = Data()
        var chunk = [UInt8](repeating: 0, count: ZSTD_DStreamOutSize())
        var pending = 0  // what the last call said a complete frame still needs; 0 at a frame's end
        // withUnsafeBytes does not carry a typed error: the loop's failure comes back as a value.
        let failure: Failure? = input.withUnsafeBytes { source in
            var inBuffer = ZSTD_inBuffer(src: source.baseAddress, size: source.count, pos: 0)
            while true {
                let produced = chunk.withUnsafeMutableBytes { target in
                    var outBuffer = ZSTD_outBuffer(dst: target.baseAddress, size: target.count, pos: 0)
                    pending = ZSTD_decompressStream(stream, &outBuffer, &inBuffer)
                    return outBuffer.pos
                }
                if let refused = Self.failure(pending) { return refused }
                guard output.count + produced <= limit else { return .exceedsLimit }
                output.append(contentsOf: chunk[..<produced])
                // A full output buffer may hold back more output even when all input is consumed.
                if inBuffer.pos == inBuffer.size && produced < chunk.count { return nil }
            }
        }
        if let failure { throw failure }
        guard pending == 0 else { throw .truncated }
        return output
    }

    /// libzstd's message as `.corrupt` when `code` is an error, else nil.
    private static func failure(_ code: Int) -> Failure? {
        ZSTD_isError(code) == 0 ? nil : .corrupt(String(cString: ZSTD_getErrorName(code)))
    }
}
