import GitKit

/// Looks up many folders of one index (`by-commit/…` or `by-prompt/…`) in one store tree, reading the
/// index's root and fan-out trees once rather than once per look-up.
///
/// For a prompt's whole history or a long metric series: with thousands of look-ups, walking from the
/// store's root for each one re-reads the same upper trees every time (and libgit2's capped cache may
/// have dropped them). Fan-out trees are kept as raw bytes and searched by name, never parsed whole.
struct IndexReader {
    let repository: Repository
    private let root: ObjectID?
    private let fanout: StoreFanout
    /// The fan-out trees loaded so far, by their hex prefix (`""` for the index's root, `ab`, `abcd`).
    private let loaded: ShardCache
    /// For a write: every tree read (the store's root, fan-out trees, leaves), kept for the update
    /// that rewrites them (`Repository.updateTree(_:applying:reusing:)`).
    private let trees: TreeReadCache?

    /// A reader of the index folder `folder` of the store tree `tree`, keeping loaded trees in `shards`
    /// (which readers of the same index of the same tree on other threads may share), and every tree
    /// it reads in `trees` when given.
    init(store: EvalStore, tree: ObjectID, folder: String, shards: ShardCache = ShardCache(), trees: TreeReadCache? = nil) throws {
        let repository = store.repository
        self.repository = repository
        fanout = try StoreFanout(of: tree, in: repository)
        let entry = try trees.map { try repository.loadTree(tree, keepingIn: $0).entry(named: folder) }
            ?? repository.treeEntryTarget(named: folder, inTree: tree)
        root = entry.flatMap { $0.mode == .tree ? $0.id : nil }
        loaded = shards
        self.trees = trees
    }

    /// The ids of the records indexed under `id`. Complexity: one folder read, plus one fan-out tree
    /// read per level the first time that tree is needed.
    func recordIDs(for id: ObjectID) throws -> [ObjectID] {
        guard let folder = try entry(for: id), folder.mode == .tree else { return [] }
        return try repository.treeEntries(folder.id).compactMap { ObjectID(hex: $0.name) }
    }

    /// The entry filed under `id`: named by the hex digits below the fan-out, then `suffix` (`.json`
    /// in `meta/`). Complexity: one fan-out tree read per level the first time that tree is needed.
    func entry(for id: ObjectID, suffix: String = "") throws -> (id: ObjectID, mode: TreeEntry.Mode)? {
        guard var current = root else { return nil }
        let hex = id.hex
        var prefix = Substring(hex.prefix(0))
        for _ in 0..<fanout.rawValue {
            let tree = current
            let shard = try loaded.shard(String(prefix)) { try trees.map { try repository.loadTree(tree, keepingIn: $0) } ?? repository.loadTree(tree) }
            let name = hex.dropFirst(prefix.count).prefix(2)
            guard let next = try shard.entry(named: String(name)), next.mode == .tree else { return nil }
            current = next.id
            prefix = hex.prefix(prefix.count + 2)
        }
        let name = String(hex.dropFirst(prefix.count)) + suffix
        if let trees { return try repository.loadTree(current, keepingIn: trees).entry(named: name) }
        return try repository.treeEntryTarget(named: name, inTree: current)
    }
}

/// The `by-commit` index of one store tree: the records of each evaluated commit.
struct CommitIndexReader {
    let repository: Repository
    let tree: ObjectID
    /// The reader, opened by the first look-up (so that creating one reads nothing).
    private var index: IndexReader?

    /// A reader of the index in the store tree `tree`.
    init(repository: Repository, tree: ObjectID) {
        self.repository = repository
        self.tree = tree
    }

    /// The ids of the records for the evaluated commit `commit`.
    mutating func recordIDs(forCommit commit: ObjectID) throws -> [ObjectID] {
        if index == nil {
            index = try IndexReader(store: EvalStore(repository: repository), tree: tree, folder: StorePath.byCommitFolder)
        }
        return try index!.recordIDs(for: commit)
    }
}
