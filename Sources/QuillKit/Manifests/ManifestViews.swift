/// The manifests on `refs/quill/manifests`, newest first: one entry per name a manifest was recorded under.
public struct ManifestList: Codable, Sendable, Equatable {
    /// One naming of a manifest, with its totals.
    public struct Entry: Codable, Sendable, Equatable {
        public let name: String
        public let id: String
        public let recordedAt: String
        public let recordedBy: String
        /// The source as the user named it when recording.
        public let source: String?
        public let kind: String
        public let documents: Int
        public let chunks: Int
    }

    public let manifests: [Entry]
}

/// One manifest: its names, settings and documents.
public struct ManifestShowReport: Codable, Sendable, Equatable {
    public let id: String
    /// The names it was recorded under, with when and by whom.
    public let names: [ManifestList.Entry]
    public let header: ManifestHeader
    public let documents: [ManifestDocument]
}

/// A document's text in a manifest, for consumers such as input drift.
public struct ManifestText: Sendable, Equatable {
    public let id: String
    public let text: String
}
