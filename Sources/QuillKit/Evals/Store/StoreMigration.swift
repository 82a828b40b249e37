import GitKit

/// Rewrites an eval store tree of layout 1 (one fan-out level) as layout 2 (two levels, `StoreFanout`).
///
/// The migration is a pure function of the tree: every entry moves from `ab/cdef…` to `ab/cd/ef…`
/// with the same object and mode, and `layout.json` is added. So it is idempotent, two writers that
/// migrate the same tip build the same tree, and the two sides of a sync that migrate the same
/// records agree. A writer migrates inside its compare-and-swap: the migrated tree is committed on
/// the tip it was built from, the writer's batch on top, and the ref moves to both at once or not at
/// all; a writer that loses the race (or is killed) leaves the old tip, which readers still read.
struct StoreMigration {
    let repository: Repository

    /// The tree and commit a write builds on for the store tip `tip`: its own when it is already of
    /// layout 2 (or there is none), otherwise a new commit on `tip` holding the migrated tree.
    /// Complexity: nothing for a layout-2 tip; O(store) once for a layout-1 tip.
    func layoutTwo(_ tip: ObjectID?, signature: Signature) throws -> (tree: ObjectID?, commit: ObjectID?) {
        guard let tip else { return (nil, nil) }
        let tree = try repository.treeID(ofCommit: tip)
        let migrated = try migrated(tree)
        guard migrated != tree else { return (tree, tip) }
        let commit = try repository.createCommit(
            tree: migrated, parents: [tip],
            message: "quill: store layout 2\n\nEvery id-named entry moves from ab/cdef… to ab/cd/ef… (docs/storage.md).\n",
            author: signature, committer: signature)
        return (migrated, commit)
    }

    /// `tree` in layout 2: itself when it already is.
    func migrated(_ tree: ObjectID) throws -> ObjectID {
        guard try StoreFanout(of: tree, in: repository) == .one else { return tree }
        var updates = [TreeUpdate]()
        for name in StorePath.shardedFolders {
            guard let folder = try repository.treeEntryTarget(named: name, inTree: tree), folder.mode == .tree else { continue }
            updates.append(.upsert(path: name, id: try deepened(folder.id), mode: .tree))
        }
        updates.append(.upsert(path: StorePath.layoutFile, id: try repository.writeBlob(StoreFanout.marker)))
        return try repository.updateTree(tree, applying: updates)
    }

    /// A sharded folder of layout 1 (`ab/cdef…`) rewritten as layout 2 (`ab/cd/ef…`), one shard at a
    /// time, so only one shard's entries are in memory.
    private func deepened(_ folder: ObjectID) throws -> ObjectID {
        var shards = [TreeUpdate]()
        for shard in try repository.treeEntries(folder) where shard.isTree {
            let moved = try repository.treeEntries(shard.id).map { entry in
                TreeUpdate.upsert(path: "\(entry.name.prefix(2))/\(entry.name.dropFirst(2))", id: entry.id, mode: entry.mode)
            }
            shards.append(.upsert(path: shard.name, id: try repository.updateTree(nil, applying: moved), mode: .tree))
        }
        return try repository.updateTree(nil, applying: shards)
    }
}
