import GitKit

/// Finds what each origin hands to its parents, as git's `pass_blame` searches them: for every
/// parent in order the file at the same path (`find_origin`), then for those without one the source
/// of a whole-file rename (`find_rename`); the first identical file takes everything.
struct HandoffSearch {
    let repository: Repository
    private let walk: DateOrderWalk
    private var lookups = [String: EntryCache]()

    init(repository: Repository) throws {
        self.repository = repository
        walk = try DateOrderWalk(repository, from: [])
    }

    /// The tree, parents and time of a commit.
    func node(_ id: ObjectID) throws -> CommitNode { try walk.node(id) }

    /// The file at `path` in `node`, if it is one blame can follow.
    mutating func file(atPath path: String, in node: CommitNode) throws -> ParentFile? {
        let entry = try lookups[path, default: EntryCache(repository: repository)].entry(atPath: path, inTree: node.treeID)
        guard let entry, entry.isFile else { return nil }
        return ParentFile(path: path, entry: entry)
    }

    /// What the origin `file` in `node` hands to its parents.
    mutating func handoff(of file: ParentFile, in node: CommitNode) throws -> Handoff {
        let parents = try node.parentIDs.map { try walk.node($0) }
        var files = [ParentFile?](repeating: nil, count: parents.count)
        var settled = [Bool](repeating: false, count: parents.count)
        for renames in [false, true] {
            for (index, parent) in parents.enumerated() where !settled[index] {
                let found = renames
                    ? try renameSource(of: file.path, from: parent.treeID, to: node.treeID)
                    : try sameFile(as: file, in: parent)
                guard let found else { continue }
                if found.entry.id == file.entry.id { return .whole(parent, found) }
                settled[index] = true
                if !files[..<index].contains(where: { $0?.entry.id == found.entry.id }) { files[index] = found }
            }
        }
        return .diffed(Array(zip(parents, files)))
    }

    /// The parent's file at the same path, unless it is missing or of another type (git's `find_origin`).
    private mutating func sameFile(as file: ParentFile, in parent: CommitNode) throws -> ParentFile? {
        guard let found = try self.file(atPath: file.path, in: parent), (found.entry.mode == .symlink) == (file.entry.mode == .symlink) else {
            return nil
        }
        return found
    }

    /// The parent's file that `path` was renamed from in this commit, if any (git's `find_rename`).
    private func renameSource(of path: String, from parentTree: ObjectID, to tree: ObjectID) throws -> ParentFile? {
        guard let rename = try repository.renameSource(of: path, from: parentTree, to: tree, detecting: .renames), let id = rename.oldID else {
            return nil
        }
        guard let entry = try repository.treeEntry(atPath: rename.oldPath, inTree: parentTree) else { return nil }
        return entry.id == id ? ParentFile(path: rename.oldPath, entry: entry) : nil
    }
}

extension TreeEntry {
    /// Whether the entry is a file git can blame: a regular file, an executable or a symbolic link.
    var isFile: Bool { mode == .blob || mode == .executable || mode == .symlink }
}
