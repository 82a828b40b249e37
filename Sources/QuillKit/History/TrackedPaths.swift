import GitKit

/// The paths a history walk tracks, kept as a tree of folders, so that comparing a commit with its
/// parent reads only the folders whose tree ids differ and that hold a tracked path: O(changed
/// folders × their tracked names) a commit, however many paths are tracked.
final class TrackedPaths {
    /// One folder: the tracked files directly in it and the subfolders that hold tracked paths.
    private final class Folder {
        var files: [String: String] = [:]
        var folders: [String: Folder] = [:]
        /// How many tracked paths lie below this folder.
        var count = 0
    }

    /// A tracked path whose entry (id or mode) differs between a commit and its parent.
    struct Change {
        let path: String
        /// The parent's entry at the path, `nil` when it had none.
        let before: TreeEntry?
        /// The commit's entry at the path, `nil` when it has none.
        let after: TreeEntry?
    }

    private let root = Folder()

    /// Whether no path is tracked.
    var isEmpty: Bool { root.count == 0 }

    /// Tracks `paths`, slash-separated and relative to the tree's root.
    init(_ paths: some Sequence<String>) {
        for path in paths { insert(path) }
    }

    /// Starts tracking `path`; nothing changes when it is tracked already.
    func insert(_ path: String) {
        let (folders, name) = Self.split(path)
        var chain = [root]
        for part in folders {
            let folder = chain[chain.count - 1]
            let next = folder.folders[part] ?? Folder()
            folder.folders[part] = next
            chain.append(next)
        }
        guard chain[chain.count - 1].files.updateValue(path, forKey: name) == nil else { return }
        for folder in chain { folder.count += 1 }
    }

    /// Stops tracking `path`; nothing changes when it is not tracked.
    func remove(_ path: String) {
        let (folders, name) = Self.split(path)
        var chain = [root]
        for part in folders {
            guard let next = chain[chain.count - 1].folders[part] else { return }
            chain.append(next)
        }
        guard chain[chain.count - 1].files.removeValue(forKey: name) != nil else { return }
        for folder in chain { folder.count -= 1 }
    }

    /// The tracked paths whose entry differs between the tree `tree` and the tree `parent` (`nil`: an
    /// empty tree), in no particular order.
    func changes(from parent: ObjectID?, to tree: ObjectID, in repository: Repository) throws -> [Change] {
        var changes = [Change]()
        try collect(root, old: parent, new: tree, repository: repository, into: &changes)
        return changes
    }

    private func collect(_ folder: Folder, old: ObjectID?, new: ObjectID?, repository: Repository, into changes: inout [Change]) throws {
        guard folder.count > 0, old != new else { return }
        let oldTree = try old.map(repository.loadTree)
        let newTree = try new.map(repository.loadTree)
        for (name, path) in folder.files {
            let before = try oldTree?.entry(named: name)
            let after = try newTree?.entry(named: name)
            if before?.id != after?.id || before?.mode != after?.mode {
                changes.append(Change(
                    path: path, before: before.map { TreeEntry(name: name, id: $0.id, mode: $0.mode) },
                    after: after.map { TreeEntry(name: name, id: $0.id, mode: $0.mode) }))
            }
        }
        for (name, subfolder) in folder.folders where subfolder.count > 0 {
            try collect(subfolder, old: Self.subtree(named: name, in: oldTree), new: Self.subtree(named: name, in: newTree),
                        repository: repository, into: &changes)
        }
    }

    /// The id of the folder `name` directly in `tree`, or `nil` when there is no folder of that name.
    private static func subtree(named name: String, in tree: LoadedTree?) throws -> ObjectID? {
        guard let entry = try tree?.entry(named: name), entry.mode == .tree else { return nil }
        return entry.id
    }

    /// A path's folder names and its last component.
    private static func split(_ path: String) -> (folders: [String], name: String) {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        return (Array(parts.dropLast()), parts.last ?? "")
    }
}
