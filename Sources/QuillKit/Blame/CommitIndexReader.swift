import GitKit

/// Reads many `by-commit` index folders of one eval store tree (`StorePath.byCommit`), reading each
/// level's tree once: for a long series, one look-up per commit instead of three.
struct CommitIndexReader {
    let repository: Repository
    let tree: ObjectID
    /// Tree id by path prefix (`by-commit`, `by-commit/ab`); `nil` where the store has none.
    private var folders = [String: ObjectID?]()

    init(repository: Repository, tree: ObjectID) {
        self.repository = repository
        self.tree = tree
    }

    /// The ids of the records for the evaluated commit `commit`.
    mutating func recordIDs(forCommit commit: ObjectID) throws -> [ObjectID] {
        let components = StorePath.byCommit(commit).split(separator: "/").map(String.init)
        var current = tree
        var prefix = ""
        for component in components.dropLast() {
            prefix += prefix.isEmpty ? component : "/" + component
            let folder: ObjectID?
            if let known = folders[prefix] {
                folder = known
            } else {
                folder = try repository.treeEntryTarget(named: component, inTree: current).flatMap { $0.mode == .tree ? $0.id : nil }
                folders.updateValue(folder, forKey: prefix)
            }
            guard let folder else { return [] }
            current = folder
        }
        guard let folder = try repository.treeEntryTarget(named: components[components.count - 1], inTree: current), folder.mode == .tree else {
            return []
        }
        return try repository.treeEntries(folder.id).compactMap { ObjectID(hex: $0.name) }
    }
}
