import Foundation
import GitKit

/// The checksum a manifest keeps of a chunk's embedding.
enum EmbeddingChecksum {
    /// `blob:` and the git blob id of the values as little-endian float32 bytes, so the same vector
    /// always has the same checksum whichever store held it.
    static func of(float32 bytes: Data) throws -> String {
        "blob:" + (try Repository.blobID(of: bytes)).hex
    }

    /// The checksum of `values` (read as doubles from JSON), each stored as a float32.
    static func of(values: [Double]) throws -> String {
        try of(floats: values.map { Float($0) })
    }

    /// The checksum of float32 `values`.
    static func of(floats values: [Float]) throws -> String {
        var bytes = Data(capacity: values.count * 4)
        for value in values {
            let bits = value.bitPattern.littleEndian
            bytes.append(contentsOf: [UInt8(bits & 0xFF), UInt8(bits >> 8 & 0xFF), UInt8(bits >> 16 & 0xFF), UInt8(bits >> 24)])
        }
        return try of(float32: bytes)
    }
}
