import Foundation

/// Git's commit-graph file (`objects/info/commit-graph`, or a split chain under
/// `objects/info/commit-graphs/`), read directly: each commit's tree, parents and commit time without
/// inflating and parsing the commit object, which is what makes `DateOrderWalk` (git's exact date
/// order, trees compared by id) fast on a `git gc`'d repository. Used as git uses it: not in a
/// shallow clone, not when `core.commitGraph` is false.
///
/// Format: git's `Documentation/technical/commit-graph-format.txt` (version 1, SHA-1). A graph that
/// is missing, of another version or malformed is simply not used.
struct CommitGraph {
    /// One file of the chain, base layer first, mapped (`MappedFile`): a walk reads a few bytes of
    /// each commit it meets, which copying the whole file first would cost more than.
    private struct Layer {
        let file: MappedFile
        var data: UnsafeRawBufferPointer { file.bytes }
        let count: Int
        /// Global position of this layer's first commit.
        let base: Int
        let fanoutOffset: Int
        let lookupOffset: Int
        let dataOffset: Int
        let extraEdgesOffset: Int?
    }

    private let layers: [Layer]
    /// How many commits the graph holds, all layers together; positions run from 0 to `count - 1`.
    let count: Int
    private static let hashSize = 20
    private static let noParent: UInt32 = 0x7000_0000

    /// The graph of the repository whose git folder is `gitDirectory`, or `nil` when it has none.
    init?(gitDirectory: String) {
        let info = gitDirectory + (gitDirectory.hasSuffix("/") ? "" : "/") + "objects/info/"
        var files = [String]()
        if let chain = try? String(contentsOfFile: info + "commit-graphs/commit-graph-chain", encoding: .utf8) {
            files = chain.split(separator: "\n").map { info + "commit-graphs/graph-\($0).graph" }
        } else if FileManager.default.fileExists(atPath: info + "commit-graph") {
            files = [info + "commit-graph"]
        }
        var layers = [Layer]()
        var base = 0
        for file in files {
            guard let mapped = MappedFile.shared(path: file), let layer = CommitGraph.layer(mapped, base: base) else { return nil }
            layers.append(layer)
            base += layer.count
        }
        guard !layers.isEmpty else { return nil }
        self.layers = layers
        count = base
    }

    /// A commit as the graph holds it: its node, and its parents' positions in the graph, through
    /// which a walk reaches them without searching for their ids.
    struct Entry {
        let node: CommitNode
        let parentPositions: [Int]
    }

    /// The commit at a global position, or `nil` when the position or its parents' are out of range.
    func entry(at position: Int) -> Entry? {
        guard let layer = layer(holding: position), let id = id(at: position) else { return nil }
        let record = layer.dataOffset + (position - layer.base) * (CommitGraph.hashSize + 16)
        let tree = layer.data.objectID(at: record)
        let first = layer.data.bigEndian32(at: record + CommitGraph.hashSize)
        let second = layer.data.bigEndian32(at: record + CommitGraph.hashSize + 4)
        let high = UInt64(layer.data.bigEndian32(at: record + CommitGraph.hashSize + 8) & 0x3)
        let low = UInt64(layer.data.bigEndian32(at: record + CommitGraph.hashSize + 12))
        var positions = [Int]()
        if first != CommitGraph.noParent { positions.append(Int(first)) }
        if second != CommitGraph.noParent {
            if second & 0x8000_0000 == 0 {
                positions.append(Int(second))
            } else {
                guard let edges = layer.extraEdgesOffset else { return nil }
                var index = Int(second & 0x7FFF_FFFF)
                while true {
                    guard edges + index * 4 + 4 <= layer.data.count else { return nil }
                    let edge = layer.data.bigEndian32(at: edges + index * 4)
                    positions.append(Int(edge & 0x7FFF_FFFF))
                    if edge & 0x8000_0000 != 0 { break }
                    index += 1
                }
            }
        }
        var parents = [ObjectID]()
        parents.reserveCapacity(positions.count)
        for parent in positions {
            guard let parentID = self.id(at: parent) else { return nil }
            parents.append(parentID)
        }
        return Entry(node: CommitNode(id: id, treeID: tree, parentIDs: parents, time: Int64(high << 32 | low)), parentPositions: positions)
    }

    /// The id at a global position.
    private func id(at position: Int) -> ObjectID? {
        guard let layer = layer(holding: position) else { return nil }
        let start = layer.lookupOffset + (position - layer.base) * CommitGraph.hashSize
        return layer.data.objectID(at: start)
    }

    /// The layer that holds a global position, `nil` past the last; a graph is mostly one file.
    private func layer(holding position: Int) -> Layer? {
        guard position >= 0, position < count else { return nil }
        if layers.count == 1 { return layers[0] }
        return layers.last { $0.base <= position }
    }

    /// The global position of `id`: the fan-out narrows the range, a binary search finds it.
    func position(of id: ObjectID) -> Int? {
        let first = id.firstByte
        for layer in layers.reversed() {
            var low = first == 0 ? 0 : Int(layer.data.bigEndian32(at: layer.fanoutOffset + (first - 1) * 4))
            var high = Int(layer.data.bigEndian32(at: layer.fanoutOffset + first * 4))
            while low < high {
                let middle = (low + high) / 2
                let start = layer.lookupOffset + middle * CommitGraph.hashSize
                let order = layer.data.compare(start, with: id)
                if order == 0 { return layer.base + middle }
                if order < 0 { low = middle + 1 } else { high = middle }
            }
        }
        return nil
    }

    /// Reads the header and chunk table of one file, checking that every chunk it uses lies inside
    /// the file and that the fan-out never decreases (so lookups stay within the commits it holds).
    private static func layer(_ file: MappedFile, base: Int) -> Layer? {
        let data = file.bytes
        guard data.count > 8, data.prefix(4).elementsEqual("CGPH".utf8), data[4] == 1, data[5] == 1 else { return nil }
        let chunkCount = Int(data[6])
        var chunks = [UInt32: Int]()
        for index in 0..<chunkCount {
            let entry = 8 + index * 12
            guard entry + 12 <= data.count else { return nil }
            let offset = UInt64(data.bigEndian32(at: entry + 4)) << 32 | UInt64(data.bigEndian32(at: entry + 8))
            guard offset <= UInt64(data.count) else { return nil }
            chunks[data.bigEndian32(at: entry)] = Int(offset)
        }
        guard let fanout = chunks[0x4F49_4446], let lookup = chunks[0x4F49_444C], let commits = chunks[0x4344_4154],
              fanout + 1024 <= data.count else { return nil }
        var previous: UInt32 = 0
        for index in 0..<256 {
            let value = data.bigEndian32(at: fanout + index * 4)
            guard value >= previous else { return nil }
            previous = value
        }
        let count = Int(previous)
        guard lookup + count * hashSize <= data.count, commits + count * (hashSize + 16) <= data.count else { return nil }
        return Layer(
            file: file, count: count, base: base, fanoutOffset: fanout, lookupOffset: lookup, dataOffset: commits,
            extraEdgesOffset: chunks[0x4544_4745])
    }
}

private extension UnsafeRawBufferPointer {
    /// The big-endian integer at `offset`, which must lie in the buffer.
    func bigEndian32(at offset: Int) -> UInt32 {
        precondition(offset >= 0 && offset + 4 <= count)
        return UInt32(bigEndian: loadUnaligned(fromByteOffset: offset, as: UInt32.self))
    }

    /// The id stored at `offset`; the layer's validated chunk sizes keep it in bounds.
    func objectID(at offset: Int) -> ObjectID {
        ObjectID(raw: self, at: offset)
    }

    /// Compares the id stored at `offset` with `id`: negative, zero or positive.
    func compare(_ offset: Int, with id: ObjectID) -> Int {
        let stored = objectID(at: offset)
        return stored == id ? 0 : (stored < id ? -1 : 1)
    }
}
