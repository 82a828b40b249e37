internal import CLibGit2

/// CRC-32 (the checksum of zlib, gzip and git's pack indexes), computed by zlib.
public enum CRC32 {
    /// The CRC-32 of `bytes[range]`. Complexity: O(range.count), at zlib's speed.
    public static func checksum(of bytes: [UInt8], in range: Range<Int>) -> UInt32 {
        precondition(range.lowerBound >= 0 && range.upperBound <= bytes.count)
        return bytes.withUnsafeBufferPointer { buffer in
            UInt32(crc32_z(0, buffer.baseAddress.map { $0 + range.lowerBound }, z_size_t(range.count)))
        }
    }
}
