internal import CLibGit2
import Foundation

/// Writes objects as a version-2 git pack (docs: git's `gitformat-pack`): a header, each object
/// whole (no deltas: a batch of small JSON files is written for speed, `git gc` deltifies later),
/// zlib-compressed, and the SHA-1 of everything before it as the trailer.
struct PackEncoder {
    private var bytes: [UInt8] = []
    private var count: UInt32 = 0

    /// The pack object type numbers.
    static func typeNumber(_ type: git_object_t) -> UInt8? {
        switch type {
        case GIT_OBJECT_COMMIT: 1
        case GIT_OBJECT_TREE: 2
        case GIT_OBJECT_BLOB: 3
        case GIT_OBJECT_TAG: 4
        default: nil
        }
    }

    /// Appends one object of pack type `type` with content `data`.
    mutating func append(type: UInt8, data: UnsafeRawBufferPointer) throws(GitError) {
        var size = data.count
        var byte = type << 4 | UInt8(size & 0x0F)
        size >>= 4
        while size != 0 {
            bytes.append(byte | 0x80)
            byte = UInt8(size & 0x7F)
            size >>= 7
        }
        bytes.append(byte)
        var compressedSize = compressBound(uLong(data.count))
        let start = bytes.count
        bytes += repeatElement(0, count: Int(compressedSize))
        let result = bytes.withUnsafeMutableBufferPointer { out in
            compress2(out.baseAddress! + start, &compressedSize, data.baseAddress?.assumingMemoryBound(to: Bytef.self), uLong(data.count), Z_BEST_SPEED)
        }
        guard result == Z_OK else {
            throw GitError(code: .generic, message: "zlib compress2 failed with \(result)", function: "PackEncoder.append")
        }
        bytes.removeLast(bytes.count - start - Int(compressedSize))
        count += 1
    }

    /// The number of objects appended.
    var objectCount: Int { Int(count) }

    /// The finished pack: header, objects, SHA-1 trailer.
    func finish() -> [UInt8] {
        var pack = Array("PACK".utf8)
        for value in [UInt32(2), count] {
            pack += (0..<4).map { UInt8(truncatingIfNeeded: value >> UInt32(24 - 8 * $0)) }
        }
        pack += bytes
        return pack + SHA1.digest(pack)
    }
}
