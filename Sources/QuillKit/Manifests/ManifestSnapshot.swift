import GitKit

/// One snapshot of a vector store as a source read it, before it is stored: the store's settings,
/// the documents read now, and (for a folder) the documents reused unchanged from the last record.
struct ManifestSnapshot {
    /// A document read from the source.
    struct Document {
        let id: String
        let bytes: [UInt8]
        var metadata: [String: JSONValue]?
        var chunks: [ManifestChunk]
        /// The file's stamp, for a folder's record cache.
        var stamp: FileStamp?
        /// A content id and size given without the text (`--content hash` only); `bytes` is then empty.
        var given: (content: ObjectID, size: Int)?
    }

    var store: ManifestHeader.Store
    var embedding: ManifestHeader.Embedding?
    var chunking: ManifestHeader.Chunking
    var index: [String: JSONValue]?
    var documents: [Document]
    /// Files unchanged since the cache was written: entry numbers of `cache`.
    var reused: [Int] = []
    /// The cache the reused entries came from.
    var cache: RecordCache?
    /// When a folder's scan started (for the next record's cache).
    var scannedAt: (seconds: Int64, nanoseconds: Int64)?

    /// Refuses an empty snapshot and two documents with one id; `source` names the input. (Reused
    /// documents are files of the same folder walk as the documents read, so their ids are distinct.)
    func validate(source: String) throws {
        guard !documents.isEmpty || !reused.isEmpty else {
            throw QuillError.badInput("'\(source)' holds no documents; expected at least one document to record")
        }
        var seen = Set<String>()
        for id in documents.map(\.id) where !seen.insert(id).inserted {
            throw QuillError.badInput("'\(source)' has two documents with the id '\(id)'; expected unique document ids")
        }
    }
}
