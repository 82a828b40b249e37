import Foundation

/// The sizes and span-hash signatures of the blobs one rename detection compares, each read once
/// (git's `diff_filespec` keeps `size` and `cnt_data` the same way). Sizes come from object headers,
/// so a candidate the size cut-off rejects is never inflated. A file's `diff` attribute decides
/// whether its content counts as text (`Repository.diffAttributeBinary(path:)`); text and binary
/// differ only where a carriage return precedes a newline, so the attribute (tens of microseconds
/// a look-up) is asked only for such content.
struct SimilarityContent {
    let repository: Repository
    /// Work-tree files, by the blob id their bytes hash to.
    private var unstored: [ObjectID: Data] = [:]
    private var sizes: [ObjectID: Int] = [:]
    private var signatures: [SignatureKey: SpanHashSignature] = [:]

    /// A blob, with the path whose attribute it was read by when that matters (a carriage return
    /// before a newline), else `nil`.
    private struct SignatureKey: Hashable {
        let id: ObjectID
        let path: String?
    }

    init(repository: Repository) {
        self.repository = repository
    }

    /// Makes `data` (a work-tree file that need not be in the object database) known under `id`.
    mutating func add(_ data: Data, as id: ObjectID) {
        unstored[id] = data
    }

    mutating func size(of id: ObjectID) throws(GitError) -> Int {
        if let size = sizes[id] { return size }
        let size: Int
        if let data = unstored[id] { size = data.count } else { size = try repository.blobSize(id) }
        sizes[id] = size
        return size
    }

    mutating func signature(of file: SimilarityFile) throws(GitError) -> SpanHashSignature {
        if let signature = signatures[SignatureKey(id: file.id, path: nil)] ?? signatures[SignatureKey(id: file.id, path: file.path)] {
            return signature
        }
        let bytes: Data
        if let data = unstored[file.id] { bytes = data } else { bytes = try repository.blobData(file.id) }
        let hasCRLF = Self.hasCarriageReturnBeforeNewline(bytes)
        let isBinary = hasCRLF ? try repository.diffAttributeBinary(path: file.path) : nil
        let signature = bytes.withUnsafeBytes { SpanHashSignature($0.bindMemory(to: UInt8.self), isBinary: isBinary) }
        signatures[SignatureKey(id: file.id, path: hasCRLF ? file.path : nil)] = signature
        return signature
    }

    /// Whether `bytes` hold a carriage return just before a newline.
    private static func hasCarriageReturnBeforeNewline(_ bytes: Data) -> Bool {
        bytes.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return false }
            var offset = 0
            while offset < raw.count, let found = memchr(base + offset, 0x0D, raw.count - offset) {
                let position = base.distance(to: UnsafeRawPointer(found))
                if position + 1 < raw.count, raw[position + 1] == 0x0A { return true }
                offset = position + 1
            }
            return false
        }
    }

    /// How much of `destination` comes from `source`, from 0 to `SimilarityScore.maximum`, as git's
    /// `estimate_similarity` says: 0 unless both are regular files; 0 without reading either when
    /// their sizes differ by more than `minimumScore` allows (the size difference times `maximum`
    /// above the larger size times `maximum - minimumScore`); otherwise the bytes copied over the
    /// larger size.
    /// A blob the repository lacks scores 0 and is noted in `Repository.unreadableRenameCandidates`.
    mutating func score(of source: SimilarityFile, into destination: SimilarityFile, minimumScore: Int) throws(GitError) -> Int {
        do {
            return try readScore(of: source, into: destination, minimumScore: minimumScore)
        } catch where error.code == .notFound {
            repository.unreadableRenameCandidates.formUnion([source.id, destination.id].filter { unstored[$0] == nil && !repository.containsObject($0) })
            return 0
        }
    }

    private mutating func readScore(of source: SimilarityFile, into destination: SimilarityFile, minimumScore: Int) throws(GitError) -> Int {
        guard source.mode.isRegularFile, destination.mode.isRegularFile else { return 0 }
        let sourceSize = try size(of: source.id)
        let destinationSize = try size(of: destination.id)
        let larger = max(sourceSize, destinationSize)
        let difference = larger - min(sourceSize, destinationSize)
        if larger * (SimilarityScore.maximum - minimumScore) < difference * SimilarityScore.maximum { return 0 }
        guard destinationSize > 0 else { return 0 }
        let copied = try signature(of: source).bytesCopied(into: signature(of: destination))
        return copied * SimilarityScore.maximum / larger
    }
}

extension TreeEntry.Mode {
    /// Whether git's `S_ISREG` holds: a plain or executable file.
    var isRegularFile: Bool { self == .blob || self == .executable }
}
