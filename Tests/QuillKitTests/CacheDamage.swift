import GitKit
import Testing

/// Ways a local cache file (`CacheFile`: magic, version at byte 4, CRC-32 trailer) can be unusable,
/// for tests that a damaged cache is never trusted.
enum CacheDamage: String, CaseIterable, CustomTestStringConvertible {
    case flippedByte, truncated, empty, otherVersion
    var testDescription: String { rawValue }

    /// Damages `bytes` this way; `otherVersion` writes `version` and a checksum that matches.
    func apply(to bytes: inout [UInt8], version: UInt8) {
        switch self {
        case .flippedByte: bytes[bytes.count / 2] ^= 0x40
        case .truncated: bytes.removeLast(bytes.count / 3)
        case .empty: bytes = []
        case .otherVersion:
            bytes[4] = version
            CacheDamage.resign(&bytes)
        }
    }

    /// Rewrites the CRC-32 trailer of `bytes` to match what precedes it.
    static func resign(_ bytes: inout [UInt8]) {
        let checksum = CRC32.checksum(of: bytes, in: 0..<bytes.count - 4)
        for index in 0..<4 { bytes[bytes.count - 4 + index] = UInt8(truncatingIfNeeded: checksum >> (8 * index)) }
    }
}
