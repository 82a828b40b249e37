/// What a manifest says about the vector store as a whole: where it came from, how it embeds and
/// chunks, and how many documents and chunks it holds (`manifest.json` in the manifest's tree).
public struct ManifestHeader: Codable, Sendable, Equatable {
    /// The store the snapshot was read from.
    public struct Store: Codable, Sendable, Equatable {
        /// `folder`, `chroma`, `llamaindex` or `quill` (Quill's JSON/JSONL manifest format).
        public var kind: String
        /// The collection (Chroma) or index (LlamaIndex) read, when the store has several.
        public var collection: String?

        public init(kind: String, collection: String? = nil) {
            self.kind = kind
            self.collection = collection
        }
    }

    /// How chunks were embedded.
    public struct Embedding: Codable, Sendable, Equatable {
        public var model: String?
        public var dimension: Int?
        /// `cosine`, `l2`, `ip`, …, as the store names it.
        public var distance: String?

        public init(model: String? = nil, dimension: Int? = nil, distance: String? = nil) {
            self.model = model
            self.dimension = dimension
            self.distance = distance
        }

        var isEmpty: Bool { model == nil && dimension == nil && distance == nil }
    }

    /// How documents were split into chunks.
    public struct Chunking: Codable, Sendable, Equatable {
        /// `utf8-window` for Quill's own splitter (docs/storage.md), `as-stored` when the store did it.
        public var method: String
        /// Window size in UTF-8 bytes.
        public var size: Int?
        /// Overlap of neighbouring windows in UTF-8 bytes.
        public var overlap: Int?

        public init(method: String, size: Int? = nil, overlap: Int? = nil) {
            self.method = method
            self.size = size
            self.overlap = overlap
        }
    }

    /// Whether document contents are stored as blobs or only named by their content ids.
    public enum ContentMode: String, Codable, Sendable, CaseIterable {
        case blobs, hash
    }

    /// Schema version, `1`.
    public var quill = 1
    public var store: Store
    public var embedding: Embedding?
    public var chunking: Chunking
    /// Index parameters as the store gives them (HNSW settings, …).
    public var index: [String: JSONValue]?
    public var content: ContentMode
    /// How many documents and chunks the manifest lists.
    public var documents: Int
    public var chunks: Int

    public init(
        store: Store, embedding: Embedding?, chunking: Chunking, index: [String: JSONValue]?, content: ContentMode, documents: Int, chunks: Int
    ) {
        self.store = store
        self.embedding = embedding.flatMap { $0.isEmpty ? nil : $0 }
        self.chunking = chunking
        self.index = index.flatMap { $0.isEmpty ? nil : $0 }
        self.content = content
        self.documents = documents
        self.chunks = chunks
    }
}
