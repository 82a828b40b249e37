import GitKit

extension EvalStore {
    /// How many records the store tree `after` holds that `before` does not, or `nil` when the two trees
    /// have different fan-outs (then their paths cannot be compared; count `allRecordIDs` instead).
    /// Complexity: one read of each pair of `records/` trees that differ; equal folders are skipped.
    func addedRecordCount(from before: ObjectID, to after: ObjectID) throws -> Int? {
        let fanout = try StoreFanout(of: after, in: repository)
        guard try StoreFanout(of: before, in: repository) == fanout else { return nil }
        let folders = try [after, before].map { try repository.treeEntryTarget(named: StorePath.recordsFolder, inTree: $0) }
        return try addedRecords(folders[0].flatMap { $0.mode == .tree ? $0.id : nil }, known: folders[1].flatMap { $0.mode == .tree ? $0.id : nil },
                                prefix: "", levels: fanout.rawValue)
    }

    /// The record files below `tree` (`levels` fan-out levels above them, named after `prefix`) that `known` does not hold.
    private func addedRecords(_ tree: ObjectID?, known: ObjectID?, prefix: String, levels: Int) throws -> Int {
        guard let tree, tree != known else { return 0 }
        return try LoadedTree.changes(from: known.map(repository.loadTree), to: repository.loadTree(tree)).reduce(0) { count, change in
            guard let after = change.after else { return count }
            if levels > 0 {
                guard after.isTree else { return count }
                let known = change.before.flatMap { $0.isTree ? $0.id : nil }
                return count + (try addedRecords(after.id, known: known, prefix: prefix + after.name, levels: levels - 1))
            }
            return count + (change.before == nil && StorePath.recordID(shard: prefix, fileName: after.name) != nil ? 1 : 0)
        }
    }
}
