import Foundation
@testable import QuillKit

/// The readers of a Chroma segment folder: `index_metadata.pickle` through `PickleReader`, and
/// hnswlib's files through `HNSWIndexFiles`.
enum ChromaTargets {
    static let all = [pickle, hnsw]

    static let pickle = FuzzTarget(name: "pickle", summary: "index_metadata.pickle through PickleReader (data opcodes, Chroma's PersistentData)") { bytes in
        guard let value = try? PickleReader.decode(bytes, classes: [ChromaVectorSegment.persistentData]) else { return }
        Invariant.require(depth(value) <= PickleReader.maximumDepth, "a value nested \(depth(value)) deep was read")
    }

    /// The input's first 100 bytes are `header.bin`, the rest `data_level0.bin` and `length.bin`.
    static let hnsw = FuzzTarget(name: "hnsw", summary: "header.bin, data_level0.bin and length.bin through HNSWIndexFiles") { bytes in
        let header = Array(bytes.prefix(HNSWIndexFiles.headerSize))
        let rest = Array(bytes.dropFirst(HNSWIndexFiles.headerSize))
        for (name, content) in [("header.bin", header), ("data_level0.bin", rest), ("length.bin", rest)] {
            try! Data(content).write(to: URL(fileURLWithPath: segmentFolder + "/" + name))
        }
        guard let index = try? HNSWIndexFiles(segment: "segment", root: root, shown: "fuzz", dimension: nil, withLengths: true) else { return }
        var elements = 0
        do {
            try index.forEachElement { element in
                elements += 1
                Invariant.require(element.vector.count == index.dimension * 4, "a vector of \(element.vector.count) bytes for \(index.dimension) dimensions")
            }
            Invariant.require(elements == index.count, "\(elements) elements read of the \(index.count) the header describes")
        } catch {}
    }

    private static func depth(_ value: PickleValue) -> Int {
        switch value {
        case .list(let values), .tuple(let values): 1 + (values.map(depth).max() ?? 0)
        case .dict(let entries), .object(_, let entries): 1 + (entries.values.map(depth).max() ?? 0)
        default: 0
        }
    }

    private static let root = NSTemporaryDirectory() + "/quill-fuzz-\(getpid())"
    private static let segmentFolder: String = {
        let path = root + "/segment"
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }()
}
