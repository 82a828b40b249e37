import GitKit

/// The score lines of prompt versions in one store tree: in layout 3, each version's summary blob
/// (`scores/…`), one blob read however many records the version has; in layouts 1 and 2, which
/// have no summaries, the same lines built from the version's `by-prompt` folder, its records and
/// their provenance entries (a read never migrates a store).
struct ScoreIndex {
    private let store: EvalStore
    private let source: Source
    /// Lines read before by another reader of this tree, if given one.
    private let cache: ScoreLineCache?

    private enum Source {
        case summaries(IndexReader)
        case records(prompts: IndexReader, meta: IndexReader)
    }

    /// A reader of the store tree `tree`, keeping the loaded fan-out trees of the index it reads
    /// (`scores/`, or `by-prompt/` in older layouts) in `shards`, and the lines it reads in `lines`
    /// when that cache is of `tree`.
    init(store: EvalStore, tree: ObjectID, shards: ShardCache = ShardCache(), lines: ScoreLineCache? = nil) throws {
        self.store = store
        cache = lines?.tree == tree ? lines : nil
        if try StoreFanout.layout(of: tree, in: store.repository) == 3 {
            source = .summaries(try IndexReader(store: store, tree: tree, folder: StorePath.scoresFolder, shards: shards))
        } else {
            source = .records(
                prompts: try IndexReader(store: store, tree: tree, folder: StorePath.byPromptFolder, shards: shards),
                meta: try IndexReader(store: store, tree: tree, folder: StorePath.metaFolder))
        }
    }

    /// The `scores/` folder of the store tree `tree` when it is of layout 3 (`nil` before, or when it
    /// holds no summary): its id changes exactly when a summary does.
    static func scoresTree(of tree: ObjectID, in repository: Repository) throws -> ObjectID? {
        guard try StoreFanout.layout(of: tree, in: repository) == 3 else { return nil }
        return try repository.treeEntryTarget(named: StorePath.scoresFolder, inTree: tree).flatMap { $0.mode == .tree ? $0.id : nil }
    }

    /// Whether the store keeps a summary blob per version (layout 3).
    var hasSummaries: Bool {
        if case .summaries = source { return true }
        return false
    }

    /// The summary blob of the prompt version `blob`; `nil` when the version has none or the layout
    /// has no summaries. Complexity: the index look-up alone, no blob read.
    func summary(forPromptBlob blob: ObjectID) throws -> ObjectID? {
        guard case .summaries(let index) = source, let entry = try index.entry(for: blob, suffix: ".jsonl"), entry.mode != .tree else { return nil }
        return entry.id
    }

    /// The lines of the summary blob `summary`, in record id order.
    func lines(inSummary summary: ObjectID) throws -> [ScoreLine] {
        try ScoreSummary.decode(store.repository.blobData(summary))
    }

    /// The lines of the records of the prompt version `blob`, in record id order.
    func lines(forPromptBlob blob: ObjectID) throws -> [ScoreLine] {
        guard let cache else { return try read(forPromptBlob: blob) }
        return try cache.lines(forPromptBlob: blob) { try read(forPromptBlob: blob) }
    }

    private func read(forPromptBlob blob: ObjectID) throws -> [ScoreLine] {
        switch source {
        case .summaries:
            return try summary(forPromptBlob: blob).map(lines(inSummary:)) ?? []
        case .records(let prompts, let meta):
            return try prompts.recordIDs(for: blob).map { id in
                ScoreLine(id: id, record: try store.record(id), meta: try meta.entry(for: id, suffix: ".json").flatMap { $0.mode == .tree ? nil : $0.id })
            }
        }
    }
}
