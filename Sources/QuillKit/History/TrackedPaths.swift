import GitKit

/// The paths a history walk tracks, kept as a tree of folders, so that comparing a commit with its
/// parent reads only the folders whose tree ids differ and that hold a tracked path, each in one
/// pass over both versions (`LoadedTree.changes`): O(bytes of the changed folders) a commit,
/// however many paths are tracked.
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
    /// The parent-side folders the last comparison loaded: a walk's next commit is usually that
    /// parent, so its folders are read once, not twice.
    private var parentFolders: [ObjectID: LoadedTree] = [:]
    private var loadedFolders: [ObjectID: LoadedTree] = [:]

    /// Whether no path is tracked.
    var isEmpty: Bool { root.count == 0 }

    /// How many paths are tracked.
    var count: Int { root.count }

    /// The tracked paths, in no particular order.
    var paths: [String] {
        var paths = [String]()
        var folders = [root]
        while let folder = folders.popLast() {
            paths += folder.files.values
            folders += folder.folders.values.filter { $0.count > 0 }
        }
        return paths
    }

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
        parentFolders = loadedFolders
        loadedFolders = [:]
        return changes
    }

    private func collect(_ folder: Folder, old: ObjectID?, new: ObjectID?, repository: Repository, into changes: inout [Change]) throws {
        guard folder.count > 0, old != new else { return }
        let oldTree = try old.map { id in try parentFolders[id] ?? repository.loadTree(id) }
        if let oldTree { loadedFolders[oldTree.id] = oldTree }
        let differences = try LoadedTree.changes(from: oldTree, to: new.map { id in try parentFolders[id] ?? repository.loadTree(id) })
        for difference in differences {
            if let path = folder.files[difference.name] {
                changes.append(Change(path: path, before: difference.before, after: difference.after))
            }
            if let subfolder = folder.folders[difference.name], subfolder.count > 0 {
                try collect(subfolder, old: Self.folderID(difference.before), new: Self.folderID(difference.after), repository: repository, into: &changes)
            }
        }
    }

    /// The id of `entry` when it is a folder.
    private static func folderID(_ entry: TreeEntry?) -> ObjectID? {
        entry?.mode == .tree ? entry?.id : nil
    }

    /// A path's folder names and its last component.
    private static func split(_ path: String) -> (folders: [String], name: String) {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        return (Array(parts.dropLast()), parts.last ?? "")
    }
}
