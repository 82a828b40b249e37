import GitKit

/// The data change between the manifests two sets of records name (the two sides of a diff, or last
/// good and first bad of a regression), compared by content: the same documents and settings
/// recorded as two manifests (`--content hash` and stored contents, say) are no change.
public struct ManifestChange: Codable, Sendable, Equatable {
    /// The manifest ids the records on each side name, sorted.
    public let from: [String]
    public let to: [String]
    /// Whether the data differ.
    public let differs: Bool
    /// What changed, when each side names one manifest, both are in this repository's store, and they differ.
    public let summary: Summary?

    /// Counts from `manifest diff`.
    public struct Summary: Codable, Sendable, Equatable {
        public let added: Int
        public let removed: Int
        public let changed: Int
        public let chunksReembedded: Int
        /// The settings that changed, by key path (`embedding.model`, …).
        public let settings: [String]
    }
}

extension Workspace {
    /// Compares the data of the manifests named by `old` and `new` (ids as records hold them; ids
    /// not in the store compare by id). `nil` when neither side names a manifest.
    /// Complexity: two header and document-list reads per stored id; for a summary, a `manifest diff`.
    public func manifestChange(from old: [String], to new: [String]) throws -> ManifestChange? {
        let (before, after) = (Set(old).sorted(), Set(new).sorted())
        guard !before.isEmpty || !after.isEmpty else { return nil }
        let store = ManifestStore(repository: repository)
        let differs = try store.dataDiffer(before, after)
        var summary: ManifestChange.Summary?
        if differs, before.count == 1, after.count == 1, let old = try store.stored(before[0]), let new = try store.stored(after[0]) {
            let diff = try ManifestComparer(store: store, textDiffLimit: 0).compare(old, new)
            summary = .init(
                added: diff.counts.added, removed: diff.counts.removed, changed: diff.counts.changed,
                chunksReembedded: diff.counts.chunksReembedded, settings: diff.settings.map(\.path))
        }
        return ManifestChange(from: before, to: after, differs: differs, summary: summary)
    }
}

extension ManifestStore {
    /// Whether the manifests named by `old` and by `new` hold different data (ids not in the store,
    /// or other text such as `none`, compare as they are).
    func dataDiffer(_ old: some Collection<String>, _ new: some Collection<String>) throws -> Bool {
        guard Set(old) != Set(new) else { return false }
        func key(_ hex: String) throws -> String { try stored(hex).map(dataKey) ?? hex }
        return try Set(old.map(key)) != Set(new.map(key))
    }

    /// The manifest `hex` names, when it is in the store.
    func stored(_ hex: String) throws -> ObjectID? {
        guard let id = ObjectID(hex: hex), hex.utf8.count == ObjectID.byteCount * 2, let tree = try tipTree(),
            try repository.treeEntry(atPath: ManifestStore.manifestPath(id), inTree: tree) != nil else { return nil }
        return id
    }

    /// What identifies a manifest's data whatever its content mode: its documents list's blob id and
    /// its header without `content`.
    func dataKey(_ id: ObjectID) throws -> String {
        var header = try header(id)
        header.content = .hash
        guard let documents = try repository.treeEntry(atPath: ManifestStore.documentsFile, inTree: id) else { return id.hex }
        return documents.id.hex + String(decoding: try CanonicalJSON.encode(header), as: UTF8.self)
    }
}
