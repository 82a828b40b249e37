/// What changed between two manifests: settings (store, embedding, chunking, index, content mode),
/// documents added, removed and changed (with a word-level diff of the text where both contents are
/// stored), chunks re-embedded, and counts.
public struct ManifestDiff: Codable, Sendable, Equatable {
    /// A document only one side has.
    public struct Document: Codable, Sendable, Equatable {
        public let id: String
        public let size: Int
        public let chunks: Int
    }

    /// A document both sides have with different entries.
    public struct ChangedDocument: Codable, Sendable, Equatable {
        public let id: String
        public let fromSize: Int
        public let toSize: Int
        public let contentChanged: Bool
        /// Changed metadata values by key path.
        public let metadata: [FrontMatterChange]
        public let fromChunks: Int
        public let toChunks: Int
        /// Chunks with the same id and span on both sides whose embedding checksum differs.
        public let chunksReembedded: Int
        /// The word-level diff of the text, when both contents are stored and the diff was asked for.
        public let text: TextDiff?
    }

    /// Totals of both sides and of the change.
    public struct Counts: Codable, Sendable, Equatable {
        public let fromDocuments: Int
        public let toDocuments: Int
        public let fromChunks: Int
        public let toChunks: Int
        public let added: Int
        public let removed: Int
        public let changed: Int
        public let unchanged: Int
        public let chunksReembedded: Int
    }

    public let from: String
    public let to: String
    /// Changed settings by key path (`embedding.model`, `chunking.size`, …).
    public let settings: [FrontMatterChange]
    public let added: [Document]
    public let removed: [Document]
    public let changed: [ChangedDocument]
    public let counts: Counts
    /// Changed documents whose text diff was left out (beyond the limit asked for).
    public let textDiffsOmitted: Int

    /// Whether the two manifests describe the same data.
    public var isEmpty: Bool { settings.isEmpty && added.isEmpty && removed.isEmpty && changed.isEmpty }
}
