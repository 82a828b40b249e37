import GitKit

/// Looks up the records of many prompt versions in one store tree (`by-prompt/ab/cdef…/<record-id>`),
/// reading the `by-prompt` tree and each shard tree once rather than once per version.
///
/// For a prompt's whole history: with thousands of versions, walking from the root for each one
/// re-reads the same two upper trees every time (and libgit2's capped cache may have dropped them).
struct PromptIndexReader {
    let repository: Repository
    /// Shard name (`ab`) → shard tree.
    private let shards: [String: ObjectID]
    /// The shard trees' bytes, loaded the first time each shard is needed: a history touches most
    /// shards but only a few folders of each, so folders are found by scanning the loaded bytes
    /// rather than by parsing every entry of the shard.
    private let loadedShards: ShardCache

    /// A reader of the index in the store tree `tree`, keeping loaded shards in `shards` (which
    /// readers of the same tree on other threads may share).
    init(store: EvalStore, tree: ObjectID, shards loadedShards: ShardCache = ShardCache()) throws {
        repository = store.repository
        self.loadedShards = loadedShards
        let root = try repository.treeEntryTarget(named: StorePath.byPromptFolder, inTree: tree)
        shards = try root.map { try EvalStore.subtrees(of: $0.id, in: store.repository) } ?? [:]
    }

    /// The ids of the records for the prompt version `blob`. Complexity: one folder read and a scan
    /// of its shard, plus one shard read the first time its shard is needed.
    func recordIDs(forPromptBlob blob: ObjectID) throws -> [ObjectID] {
        let hex = blob.hex
        let shard = String(hex.prefix(2))
        guard let shardTree = shards[shard] else { return [] }
        let loaded = try loadedShards.shard(shard) { try repository.loadTree(shardTree) }
        guard let folder = try loaded.entry(named: String(hex.dropFirst(2))), folder.mode == .tree else { return [] }
        return try repository.treeEntries(folder.id).compactMap { ObjectID(hex: $0.name) }
    }
}

extension EvalStore {
    /// The subtrees of `tree` by name.
    static func subtrees(of tree: ObjectID, in repository: Repository) throws -> [String: ObjectID] {
        var subtrees = [String: ObjectID]()
        for entry in try repository.treeEntries(tree) where entry.isTree { subtrees[entry.name] = entry.id }
        return subtrees
    }
}
