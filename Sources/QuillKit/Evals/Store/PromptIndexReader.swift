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
    /// Shard name → (rest of the blob id → folder tree), filled as shards are first needed.
    private var folders = [String: [String: ObjectID]]()

    init(store: EvalStore, tree: ObjectID) throws {
        repository = store.repository
        let root = try repository.treeEntryTarget(named: StorePath.byPromptFolder, inTree: tree)
        shards = try root.map { try EvalStore.subtrees(of: $0.id, in: store.repository) } ?? [:]
    }

    /// The ids of the records for the prompt version `blob`. Complexity: one folder read, plus one
    /// shard read the first time its shard is needed.
    mutating func recordIDs(forPromptBlob blob: ObjectID) throws -> [ObjectID] {
        let hex = blob.hex
        let shard = String(hex.prefix(2))
        guard let shardTree = shards[shard] else { return [] }
        if folders[shard] == nil { folders[shard] = try EvalStore.subtrees(of: shardTree, in: repository) }
        guard let folder = folders[shard]?[String(hex.dropFirst(2))] else { return [] }
        return try repository.treeEntries(folder).compactMap { ObjectID(hex: $0.name) }
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
