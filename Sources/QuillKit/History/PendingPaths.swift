import GitKit

/// The paths whose newest change a history walk still looks for, kept as a tree of folders, so that
/// comparing a commit with its parent reads only the folders whose tree ids differ and that still
/// hold such a path: O(changed folders × their pending names) a commit instead of O(paths).
final class PendingPaths {
    /// One folder: the pending files directly in it and the subfolders that hold pending paths.
    private final class Folder {
        var files: [String: String] = [:]
        var folders: [String: Folder] = [:]
        /// How many pending paths lie below this folder.
        var count = 0
    }

    /// A pending path whose entry differs between a commit and its parent.
    struct Change {
        let path: String
        /// Whether the parent had no entry at the path.
        let added: Bool
    }

    private let root = Folder()

    /// Whether every path has been found.
    var isEmpty: Bool { root.count == 0 }

    /// Pending `paths`, slash-separated and relative to the tree's root.
    init(_ paths: some Sequence<String>) {
        for path in paths {
            var folder = root
            let parts = path.split(separator: "/", omittingEmptySubsequences: false)
            for part in parts.dropLast() {
                folder.count += 1
                let next = folder.folders[String(part)] ?? Folder()
                folder.folders[String(part)] = next
                folder = next
            }
            folder.count += 1
            folder.files[String(parts.last ?? "")] = path
        }
    }

    /// Stops looking for `path`.
    func remove(_ path: String) {
        var folder = root
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        for part in parts.dropLast() {
            folder.count -= 1
            guard let next = folder.folders[String(part)] else { return }
            folder = next
        }
        folder.count -= 1
        folder.files[String(parts.last ?? "")] = nil
    }

    /// The pending paths whose entry (id and mode) differs between the tree `tree` and the tree
    /// `parent` (`nil`: an empty tree), in no particular order.
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
                changes.append(Change(path: path, added: before == nil))
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
}
