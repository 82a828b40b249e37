import Foundation
import GitKit

/// The persisted index of one Chroma HNSW vector segment, read without hnswlib: Chroma's fork of
/// hnswlib (`hnswalg.h`, persistent index version 1) keeps it as four files in the segment folder.
///
/// - `header.bin`, 100 bytes, little-endian: version (int32, 1), the level-0 offset, the capacity,
///   the element count, the bytes per element, the label offset and the vector offset (uint64 each),
///   the top level (int32), the entry point (uint32), M-max, M-max0, M (uint64), the level
///   multiplier (float64), ef-construction (uint64).
/// - `data_level0.bin`: one record of `bytes per element` per element, in insertion order: its
///   level-0 link list (a uint16 count, a flags byte whose bit 0 marks it deleted, a spare byte, then
///   M-max0 uint32 neighbours), its vector (`dimension` little-endian float32), its label (uint64).
/// - `length.bin`: one float32 per element, the vector's length before it was normalised (cosine
///   space only; other spaces leave it unwritten).
/// - `link_lists.bin`: the upper levels' links, which a manifest does not need and is not read.
///
/// Every size in the header is checked against the others and against the files' lengths before
/// anything is read, and the records are read a batch at a time, so memory stays bounded whatever
/// the header claims and however large the index is.
struct HNSWIndexFiles {
    /// At most this many elements are read (Chroma's local segments hold far fewer).
    static let maximumCount = 100_000_000
    /// At most this many dimensions (hnswlib's level-0 list count is 16 bits; vectors are far smaller).
    static let maximumDimension = 65_536
    static let headerSize = 100

    let count: Int
    let dimension: Int
    private let bytesPerElement: Int
    private let vectorOffset: Int
    private let labelOffset: Int
    private let data: ContainedFile
    private let lengths: ContainedFile?
    /// The folder as the user sees it, for messages.
    private let shown: String

    /// One element of level 0.
    struct Element {
        let label: UInt64
        let isDeleted: Bool
        /// The stored vector: `dimension` little-endian float32 (normalised in cosine space).
        let vector: Data
        /// Its length before normalisation, when lengths were read.
        let length: Float?
    }

    /// Opens the index in `segment` (a folder name under `root`); `withLengths` for cosine space.
    init(segment: String, root: String, shown: String, dimension expected: Int?, withLengths: Bool) throws {
        self.shown = shown + "/" + segment
        let header = try HNSWIndexFiles.file("header.bin", segment: segment, root: root, shown: self.shown)
        guard header.size >= HNSWIndexFiles.headerSize, let bytes = header.read(at: 0, count: HNSWIndexFiles.headerSize) else {
            throw HNSWIndexFiles.refusal(self.shown, "header.bin", "holds \(header.size) bytes; expected the \(HNSWIndexFiles.headerSize)-byte header hnswlib writes")
        }
        let field = { (offset: Int, width: Int) -> UInt64 in
            bytes[offset..<offset + width].reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        }
        let version = field(0, 4)
        let (level0, capacity, count) = (field(4, 8), field(12, 8), field(20, 8))
        let (bytesPerElement, labelOffset, vectorOffset, maxM0) = (field(28, 8), field(36, 8), field(44, 8), field(68, 8))
        guard version == 1 else { throw HNSWIndexFiles.refusal(self.shown, "header.bin", "has persistence version \(version); expected 1") }
        guard level0 == 0, maxM0 <= 0xFFFF, vectorOffset == maxM0 * 4 + 4, labelOffset > vectorOffset, (labelOffset - vectorOffset) % 4 == 0,
            (labelOffset - vectorOffset) / 4 <= UInt64(HNSWIndexFiles.maximumDimension), bytesPerElement == labelOffset + 8
        else {
            throw HNSWIndexFiles.refusal(self.shown, "header.bin", "describes elements of \(bytesPerElement) bytes with a vector at \(vectorOffset) and a label at \(labelOffset); expected the layout hnswlib writes")
        }
        guard count <= capacity, count <= UInt64(HNSWIndexFiles.maximumCount) else {
            throw HNSWIndexFiles.refusal(self.shown, "header.bin", "describes \(count) elements in room for \(capacity); expected at most \(HNSWIndexFiles.maximumCount), within the room")
        }
        self.count = Int(count)
        self.dimension = Int(labelOffset - vectorOffset) / 4
        self.bytesPerElement = Int(bytesPerElement)
        self.vectorOffset = Int(vectorOffset)
        self.labelOffset = Int(labelOffset)
        if let expected, expected != dimension {
            throw HNSWIndexFiles.refusal(self.shown, "header.bin", "describes vectors of \(dimension) dimensions; expected the collection's \(expected)")
        }
        data = try HNSWIndexFiles.file("data_level0.bin", segment: segment, root: root, shown: self.shown)
        guard data.size / self.bytesPerElement >= self.count else {
            throw HNSWIndexFiles.refusal(self.shown, "data_level0.bin", "holds \(data.size) bytes; expected \(self.count) elements of \(bytesPerElement) bytes as header.bin describes")
        }
        lengths = withLengths ? try HNSWIndexFiles.file("length.bin", segment: segment, root: root, shown: self.shown) : nil
        if let lengths, lengths.size / 4 < self.count {
            throw HNSWIndexFiles.refusal(self.shown, "length.bin", "holds \(lengths.size) bytes; expected a float32 length for each of the \(self.count) elements header.bin describes")
        }
    }

    /// Hands every element to `body` in the order hnswlib stored them, reading a batch at a time.
    func forEachElement(_ body: (Element) throws -> Void) throws {
        let batch = max(1, (4 << 20) / bytesPerElement)
        var first = 0
        while first < count {
            let size = min(batch, count - first)
            guard let records = data.read(at: first * bytesPerElement, count: size * bytesPerElement),
                let lengthBytes = lengths.map({ $0.read(at: first * 4, count: size * 4) }) ?? Data()
            else {
                throw HNSWIndexFiles.refusal(shown, "data_level0.bin", "or length.bin could not be read; expected files no one is writing")
            }
            for index in 0..<size {
                let start = records.startIndex + index * bytesPerElement
                let label = records[start + labelOffset..<start + labelOffset + 8].reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
                let length = lengths == nil ? nil : ChromaEmbedding.float(lengthBytes, at: lengthBytes.startIndex + index * 4)
                try body(Element(
                    label: label, isDeleted: records[start + 2] & 1 != 0,
                    vector: records.subdata(in: start + vectorOffset..<start + labelOffset), length: length))
            }
            first += size
        }
    }

    private static func file(_ name: String, segment: String, root: String, shown: String) throws -> ContainedFile {
        do {
            return try ContainedFile.open(segment + "/" + name, in: root)
        } catch .missing {
            throw QuillError.badInput("'\(shown)/\(name)' is missing; expected the HNSW files Chroma writes beside index_metadata.pickle")
        } catch {
            throw QuillError.badInput("'\(shown)/\(name)' is a symbolic link or not a regular file; expected the HNSW files Chroma writes, inside the directory")
        }
    }

    private static func refusal(_ shown: String, _ name: String, _ what: String) -> QuillError {
        QuillError.badInput("'\(shown)/\(name)' \(what)")
    }
}
