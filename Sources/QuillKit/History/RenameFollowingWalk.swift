import GitKit

/// Walks history like `git log --follow -- PATH`: newest first by commit date, one path, renames followed.
///
/// Mirrors git's semantics exactly: merges are never listed; a non-merge commit is listed when the
/// blob or mode at the followed path differs from its first parent; when a commit adds the path and
/// rename detection finds a source, the walk follows the source's path from then on (for every
/// commit still to come, as git does).
/// Complexity: O(c) tree look-ups for c commits reachable from the start, plus one full tree diff per
/// commit that adds the followed path.
struct RenameFollowingWalk {
    /// A commit that touched the followed path.
    struct Step {
        let commit: ObjectID
        let path: String
        let previousPath: String?
        let blob: TreeEntry?
        let change: PromptVersion.Change
    }

    let repository: Repository

    /// The commits reachable from `start` that touched `path`, newest first.
    func steps(from start: ObjectID, path initialPath: String) throws -> [Step] {
        let walk = try RevisionWalk(repository, order: .time)
        try walk.include(start)
        var path = initialPath
        var steps = [Step]()
        while let commit = try walk.next() {
            let parents = try repository.parentIDs(ofCommit: commit)
            guard parents.count <= 1 else { continue }
            let current = try repository.treeEntry(atPath: path, inCommit: commit)
            let previous = try parents.first.flatMap { parent throws -> TreeEntry? in try repository.treeEntry(atPath: path, inCommit: parent) }
            guard current?.id != previous?.id || current?.mode != previous?.mode else { continue }
            switch (previous, current) {
            case (nil, .some):
                if let parent = parents.first, let source = try renameSource(of: path, from: parent, to: commit) {
                    steps.append(Step(commit: commit, path: path, previousPath: source, blob: current, change: .renamed))
                    path = source
                } else {
                    steps.append(Step(commit: commit, path: path, previousPath: nil, blob: current, change: .added))
                }
            case (.some, nil):
                steps.append(Step(commit: commit, path: path, previousPath: nil, blob: nil, change: .deleted))
            default:
                steps.append(Step(commit: commit, path: path, previousPath: nil, blob: current, change: .modified))
            }
        }
        return steps
    }

    /// The path `path` was renamed from in `commit`, found as `git diff -M` finds it.
    private func renameSource(of path: String, from parent: ObjectID, to commit: ObjectID) throws -> String? {
        let changes = try repository.treeChanges(
            from: repository.treeID(ofCommit: parent), to: repository.treeID(ofCommit: commit), detectRenames: true)
        return changes.first { $0.kind == .renamed && $0.newPath == path }?.oldPath
    }
}
