import GitKit

/// Rewrites an eval store tree of layout 1 (one fan-out level) or 2 (two levels, `StoreFanout`) as
/// layout 3 (layout 2 with a score summary per prompt version, `scores/…`).
///
/// The migration is a pure function of the tree: every entry of layout 1 moves from `ab/cdef…` to
/// `ab/cd/ef…` with the same object and mode, each `by-prompt` folder gets its summary built from its
/// records and their provenance entries, and `layout.json` is set. So it is idempotent, two writers
/// that migrate the same tip build the same tree, and the two sides of a sync that migrate the same
/// records agree. A writer migrates inside its compare-and-swap: the migrated tree is committed on
/// the tip it was built from, the writer's batch on top, and the ref moves to both at once or not at
/// all; a writer that loses the race (or is killed) leaves the old tip, which readers still read.
struct StoreMigration {
    let repository: Repository

    /// The tree and commit a write builds on for the store tip `tip`: its own when it is already of
    /// layout 3 (or there is none), otherwise a new commit on `tip` holding the migrated tree.
    /// Complexity: nothing for a layout-3 tip; O(store) once for an older tip (every record is read).
    func latestLayout(_ tip: ObjectID?, signature: Signature) throws -> (tree: ObjectID?, commit: ObjectID?) {
        guard let tip else { return (nil, nil) }
        let tree = try repository.treeID(ofCommit: tip)
        let migrated = try migrated(tree)
        guard migrated != tree else { return (tree, tip) }
        let commit = try repository.createCommit(
            tree: migrated, parents: [tip],
            message: "quill: store layout 3\n\nEach prompt version's records are summarised in scores/ab/cd/ef….jsonl, and every id-named entry is at ab/cd/ef… (docs/storage.md).\n",
            author: signature, committer: signature)
        return (migrated, commit)
    }

    /// `tree` in layout 3: itself when it already is.
    func migrated(_ tree: ObjectID) throws -> ObjectID {
        switch try StoreFanout.layout(of: tree, in: repository) {
        case 1: return try summarised(try deepened(tree))
        case 2: return try summarised(tree)
        default: return tree
        }
    }

    /// A layout-1 tree as layout 2: every id-named entry moved from `ab/cdef…` to `ab/cd/ef…`.
    private func deepened(_ tree: ObjectID) throws -> ObjectID {
        var updates = [TreeUpdate]()
        for name in StorePath.shardedFolders {
            guard let folder = try repository.treeEntryTarget(named: name, inTree: tree), folder.mode == .tree else { continue }
            updates.append(.upsert(path: name, id: try deepenedFolder(folder.id), mode: .tree))
        }
        updates.append(.upsert(path: StorePath.layoutFile, id: try repository.writeBlob(StoreFanout.marker)))
        return try repository.updateTree(tree, applying: updates)
    }

    /// A sharded folder of layout 1 (`ab/cdef…`) rewritten as layout 2 (`ab/cd/ef…`), one shard at a
    /// time, so only one shard's entries are in memory.
    private func deepenedFolder(_ folder: ObjectID) throws -> ObjectID {
        var shards = [TreeUpdate]()
        for shard in try repository.treeEntries(folder) where shard.isTree {
            let moved = try repository.treeEntries(shard.id).map { entry in
                TreeUpdate.upsert(path: "\(entry.name.prefix(2))/\(entry.name.dropFirst(2))", id: entry.id, mode: entry.mode)
            }
            shards.append(.upsert(path: shard.name, id: try repository.updateTree(nil, applying: moved), mode: .tree))
        }
        return try repository.updateTree(nil, applying: shards)
    }

    /// A layout-2 tree as layout 3: a score summary for each `by-prompt` folder, built one folder at a
    /// time (only one version's records are in memory), and the layout-3 marker.
    private func summarised(_ tree: ObjectID) throws -> ObjectID {
        let store = EvalStore(repository: repository)
        let meta = try IndexReader(store: store, tree: tree, folder: StorePath.metaFolder)
        var updates = [TreeUpdate.upsert(path: StorePath.layoutFile, id: try repository.writeBlob(StoreFanout.summaryMarker))]
        guard let prompts = try repository.treeEntryTarget(named: StorePath.byPromptFolder, inTree: tree), prompts.mode == .tree else {
            return try repository.updateTree(tree, applying: updates)
        }
        var outer = [TreeUpdate]()
        for first in try repository.treeEntries(prompts.id) where first.isTree {
            var leaves = [TreeUpdate]()
            for second in try repository.treeEntries(first.id) where second.isTree {
                for version in try repository.treeEntries(second.id) where version.isTree {
                    let lines = try ScoreSummary.lines(ofVersionFolder: version.id, store: store, meta: meta)
                    guard !lines.isEmpty else { continue }
                    leaves.append(.upsert(path: "\(second.name)/\(version.name).jsonl", id: try repository.writeBlob(ScoreSummary.encode(lines))))
                }
            }
            guard !leaves.isEmpty else { continue }
            outer.append(.upsert(path: first.name, id: try repository.updateTree(nil, applying: leaves), mode: .tree))
        }
        if !outer.isEmpty {
            updates.append(.upsert(path: StorePath.scoresFolder, id: try repository.updateTree(nil, applying: outer), mode: .tree))
        }
        return try repository.updateTree(tree, applying: updates)
    }
}
