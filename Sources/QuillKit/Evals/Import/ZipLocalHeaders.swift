import Foundation
import ZIPFoundation

/// Where each member's compressed bytes start, found from the archive's local file headers, for the
/// members decompressed without ZIPFoundation (it keeps a member's offset to itself). The central
/// directory, as ZIPFoundation read it, stays the authority on a member's size and CRC-32: a header
/// found here only says where the bytes begin, and the caller checks what they decompress to.
struct ZipLocalHeaders {
    /// The offset of the first byte after each named header (first header of a name wins), and the
    /// method its header names.
    private var starts: [String: (offset: Int, method: UInt16)] = [:]

    /// Reads every local file header signature of `archive` whose name is one of `names`.
    init(_ archive: Data, names: Set<String>) {
        // A header is the signature, 26 bytes of fields (the method at 8, the name's and the extra
        // field's lengths at 26 and 28), then the name and the extra field.
        let signature = Data([0x50, 0x4B, 0x03, 0x04])
        var from = archive.startIndex
        while let found = archive.range(of: signature, in: from..<archive.endIndex) {
            from = found.lowerBound + 1
            let header = found.lowerBound
            guard header + 30 <= archive.endIndex else { break }
            let nameStart = header + 30
            let nameEnd = nameStart + Int(Self.uint16(archive, header + 26))
            let dataStart = nameEnd + Int(Self.uint16(archive, header + 28))
            guard dataStart <= archive.endIndex,
                  let name = String(validating: archive[nameStart..<nameEnd], as: UTF8.self),
                  names.contains(name), starts[name] == nil else { continue }
            starts[name] = (dataStart - archive.startIndex, Self.uint16(archive, header + 8))
        }
    }

    /// The `entry.compressedSize` bytes after `entry`'s local header, when that header names `method`
    /// and the archive holds them all; else nil.
    func data(of entry: Entry, method: UInt16, in archive: Data) -> Data? {
        guard let start = starts[entry.path], start.method == method,
              entry.compressedSize <= UInt64(archive.count - start.offset) else { return nil }
        let begin = archive.startIndex + start.offset
        return archive[begin..<(begin + Int(entry.compressedSize))]
    }

    /// The little-endian 16-bit number at `index`.
    private static func uint16(_ data: Data, _ index: Data.Index) -> UInt16 {
        UInt16(data[index]) | UInt16(data[index + 1]) << 8
    }
}
