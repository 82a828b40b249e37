import Foundation
internal import CLibGit2

/// Raw deflate decompression (zlib), bounded for untrusted input: the output stops at a limit while
/// it is produced, and a stream must end within the bytes given, so a decompression bomb cannot make
/// it allocate much and a truncated or forged stream cannot keep it waiting for more. GitKit holds
/// the project's C interfaces; nothing here is about git.
public enum DeflateDecoder {
    /// Why `decompress` gave up.
    public enum Failure: Error, Equatable {
        /// The output would exceed the limit given.
        case exceedsLimit
        /// zlib refused the input; its message.
        case corrupt(String)
        /// The input ended inside the stream.
        case truncated
    }

    /// The decompressed bytes of the raw deflate stream `input` (no zlib or gzip header), at most
    /// `limit` of them; bytes after the stream's end are ignored.
    public static func decompress(_ input: Data, limit: Int) throws(Failure) -> Data {
        var stream = z_stream()
        guard inflateInit2_(&stream, -MAX_WBITS, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw .corrupt("out of memory")
        }
        defer { inflateEnd(&stream) }
        var output = Data()
        var chunk = [UInt8](repeating: 0, count: 64 << 10)
        // withUnsafeBytes does not carry a typed error: the loop's failure comes back as a value.
        let failure: Failure? = input.withUnsafeBytes { (source: UnsafeRawBufferPointer) in
            stream.next_in = UnsafeMutablePointer(mutating: source.bindMemory(to: Bytef.self).baseAddress)
            stream.avail_in = uInt(source.count)
            while true {
                let (status, produced) = chunk.withUnsafeMutableBytes { (target: UnsafeMutableRawBufferPointer) in
                    stream.next_out = target.bindMemory(to: Bytef.self).baseAddress
                    stream.avail_out = uInt(target.count)
                    let status = inflate(&stream, Z_NO_FLUSH)
                    return (status, target.count - Int(stream.avail_out))
                }
                guard output.count + produced <= limit else { return .exceedsLimit }
                output.append(contentsOf: chunk[..<produced])
                switch status {
                case Z_STREAM_END: return nil
                case Z_OK: continue
                // No progress possible: every byte given is used and the stream has not ended.
                case Z_BUF_ERROR where stream.avail_in == 0: return .truncated
                default: return .corrupt(stream.msg.map { String(cString: $0) } ?? "zlib status \(status)")
                }
            }
        }
        if let failure { throw failure }
        return output
    }
}
