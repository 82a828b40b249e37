import GitKit

/// The documents of a manifest being recorded: the documents read now merged with those a folder's
/// record cache still holds unchanged, in the byte order of their lines (the order of
/// `documents.jsonl`). Gives the manifest's `documents.jsonl`, the content blobs its tree gains and
/// loses against the cached manifest, and the next record cache.
///
/// Complexity: O(d) for d documents once the documents read now are sorted (O(r log r) for r of them);
/// cached lines are copied, never parsed or sorted again.
struct DocumentMerge {
    /// A document read now, as it goes into the manifest.
    struct Fresh {
        let id: String
        let line: [UInt8]
        let content: ObjectID
        let chunkCount: Int
        /// The file's stamp, for a folder's record cache.
        let stamp: FileStamp?
    }

    /// Where a document of the manifest comes from.
    enum Source {
        case cached(Int)
        case fresh(Int)
    }

    let fresh: [Fresh]
    let cache: RecordCache?
    /// Whether each cache entry is still a document, by entry number.
    private let isKept: [Bool]
    /// The documents in line order.
    let order: [Source]
    /// `documents.jsonl`: every line followed by a line feed.
    let documents: [UInt8]
    let chunks: Int

    /// Merges `fresh` (any order) with the entries `kept` of `cache`.
    init(fresh: [Fresh], cache: RecordCache?, kept: [Int]) {
        let sorted = fresh.sorted { $0.line.lexicographicallyPrecedes($1.line) }
        var isKept = [Bool](repeating: false, count: cache?.slots.count ?? 0)
        for entry in kept { isKept[entry] = true }
        var order = [Source]()
        order.reserveCapacity(kept.count + fresh.count)
        var documents = [UInt8]()
        var chunks = 0
        var next = 0
        func takeFresh() {
            documents += sorted[next].line
            documents.append(0x0A)
            chunks += sorted[next].chunkCount
            order.append(.fresh(next))
            next += 1
        }
        if let cache {
            documents.reserveCapacity(kept.reduce(0) { $0 + cache.slots[$1].lineCount + 1 } + fresh.reduce(0) { $0 + $1.line.count + 1 })
            for entry in cache.slots.indices where isKept[entry] {
                let line = cache.line(entry)
                while next < sorted.count, sorted[next].line.lexicographicallyPrecedes(line) { takeFresh() }
                documents += line
                documents.append(0x0A)
                chunks += cache.chunkCount(entry)
                order.append(.cached(entry))
            }
        }
        while next < sorted.count { takeFresh() }
        self.fresh = sorted
        self.cache = cache
        self.isKept = isKept
        self.order = order
        self.documents = documents
        self.chunks = chunks
    }

    /// The content blobs of the manifest's tree as changes to the cached manifest's tree (`added` may
    /// name blobs it has already); every blob as added when there is no cache.
    func contentChanges() -> (added: Set<ObjectID>, removed: Set<ObjectID>) {
        let added = Set(fresh.map(\.content))
        guard let cache else { return (added, []) }
        var removed = Set(cache.slots.indices.lazy.filter { !isKept[$0] }.map(cache.content)).subtracting(added)
        // A blob stays while a kept document still has it; its first 8 bytes rule out the others cheaply.
        let prefixes = Set(removed.map(RecordCache.contentPrefix(of:)))
        for entry in cache.slots.indices where isKept[entry] && !removed.isEmpty && prefixes.contains(cache.contentPrefix(entry)) {
            removed.remove(cache.content(entry))
        }
        return (added, removed)
    }

    /// The next record cache, made by the scan that began at `scannedAt`, for the manifest `manifest`;
    /// `nil` unless every document read now has a stamp (a folder's files).
    func nextCache(settings: String, manifest: ObjectID, scannedAt: (seconds: Int64, nanoseconds: Int64)) -> [UInt8]? {
        guard fresh.allSatisfy({ $0.stamp != nil }) else { return nil }
        var builder = RecordCache.Builder(settings: settings, manifest: manifest, scannedAt: scannedAt, capacity: documents.count * 2)
        var numbers = [Int](repeating: -1, count: cache?.slots.count ?? 0)
        var freshNumbers = [Int](repeating: -1, count: fresh.count)
        for source in order {
            switch source {
            case .cached(let entry):
                guard let cache else { continue }
                numbers[entry] = builder.count
                builder.append(record: cache.record(entry))
            case .fresh(let index):
                freshNumbers[index] = builder.count
                let document = fresh[index]
                builder.append(path: document.id, stamp: document.stamp!, content: document.content, chunkCount: document.chunkCount, line: document.line)
            }
        }
        // Path order: the cached entries keep theirs; the files read now are sorted and merged in.
        let freshByPath = fresh.indices.sorted { fresh[$0].id.utf8.lexicographicallyPrecedes(fresh[$1].id.utf8) }
        var byPath = [Int]()
        byPath.reserveCapacity(builder.count)
        var next = 0
        for entry in cache?.byPath ?? [] where numbers[entry] >= 0 {
            while next < freshByPath.count, let cache, fresh[freshByPath[next]].id.utf8.lexicographicallyPrecedes(cache.path(entry)) {
                byPath.append(freshNumbers[freshByPath[next]])
                next += 1
            }
            byPath.append(numbers[entry])
        }
        byPath += freshByPath[next...].map { freshNumbers[$0] }
        return builder.finish(byPath: byPath)
    }
}
