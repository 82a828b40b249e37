/// What `quill manifest record` was asked to read, and the pipeline settings that go with it.
public struct ManifestRecordRequest: Sendable {
    /// A folder of documents, a Chroma persistent directory, a LlamaIndex storage folder, or a Quill
    /// manifest file (`.json` / `.jsonl`), as the user named it.
    public var source: String
    /// The name to file the manifest under; the source's last path component by default.
    public var name: String?
    public var content: ManifestHeader.ContentMode
    /// The splitter's settings, for a folder.
    public var chunkSize: Int
    public var overlap: Int
    /// Embedding settings to note in the manifest, for a folder (a store's own settings win).
    public var embedding: ManifestHeader.Embedding
    /// The collection to read from a Chroma directory that holds several.
    public var collection: String?

    public init(
        source: String, name: String? = nil, content: ManifestHeader.ContentMode = .blobs, chunkSize: Int = 1000, overlap: Int = 200,
        embedding: ManifestHeader.Embedding = .init(), collection: String? = nil
    ) {
        self.source = source
        self.name = name
        self.content = content
        self.chunkSize = chunkSize
        self.overlap = overlap
        self.embedding = embedding
        self.collection = collection
    }
}

/// What `quill manifest record` stored.
public struct ManifestRecordReport: Codable, Sendable, Equatable {
    /// The manifest id (a git tree id).
    public let id: String
    public let name: String
    /// Whether the store gained the manifest under this name (false: it was recorded already).
    public let isNew: Bool
    public let documents: Int
    public let chunks: Int
    /// Documents read from the source, and documents whose files were unchanged since the last record.
    public let documentsRead: Int
    public let documentsReused: Int
}
