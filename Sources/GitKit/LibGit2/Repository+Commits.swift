internal import CLibGit2
import Foundation

extension Repository {
    /// The commit `id`: parsed from its packed bytes when the pack reader holds it and it has the
    /// usual shape (`CommitParser`), else read through libgit2. A shallow clone's boundary commit
    /// has no parents, as git reads it.
    public func commit(_ id: ObjectID) throws(GitError) -> Commit {
        let commit: Commit
        if let parsed = packedCommit(id) {
            commit = parsed
        } else {
            let object = try lookupCommit(id)
            defer { git_commit_free(object) }
            commit = Commit(object)
        }
        let parents = graftedParents(of: id, commit.parentIDs)
        guard parents.count != commit.parentIDs.count else { return commit }
        return Commit(id: id, treeID: commit.treeID, parentIDs: parents, author: commit.author, committer: commit.committer, message: commit.message)
    }

    /// The id, author and subject of the commit `id`: parsed from `object` when a walk read it, else
    /// from its packed bytes (`CommitParser`), else from the commit read through libgit2.
    public func commitSummary(_ id: ObjectID, object: CommitObject? = nil) throws(GitError) -> CommitSummary {
        if let object, object.id == id, let summary = CommitParser.summary(object.bytes, id: id) { return summary }
        if let packed = packs?.object(id), packed.kind == .commit, let summary = CommitParser.summary(packed.bytes, id: id) { return summary }
        return try commit(id).summary
    }

    /// The tree of the commit `id`, without copying the rest of the commit: read from the packs
    /// when they hold it (`CommitParser`), else through libgit2.
    public func treeID(ofCommit id: ObjectID) throws(GitError) -> ObjectID {
        if let object = packs?.object(id), object.kind == .commit, let node = CommitParser.node(object.bytes) { return node.treeID }
        let commit = try lookupCommit(id)
        defer { git_commit_free(commit) }
        return ObjectID(git_commit_tree_id(commit))
    }

    /// The parents of the commit `id`, first parent first (none for a shallow clone's boundary commit).
    public func parentIDs(ofCommit id: ObjectID) throws(GitError) -> [ObjectID] {
        let commit = try lookupCommit(id)
        defer { git_commit_free(commit) }
        return graftedParents(of: id, (0..<git_commit_parentcount(commit)).map { ObjectID(git_commit_parent_id(commit, $0)) })
    }

    /// Writes a commit object and returns its id; no reference moves.
    public func createCommit(
        tree: ObjectID, parents: [ObjectID], message: String, author: Signature, committer: Signature
    ) throws(GitError) -> ObjectID {
        try createCommit(tree: tree, parents: parents, message: message, author: author, committer: committer, updating: nil)
    }

    /// Writes a commit on top of HEAD's branch and moves the branch, failing if it moved since `parents` were read.
    ///
    /// Works on an unborn branch too (no parents): the branch is created.
    public func commitOnHead(
        tree: ObjectID, parents: [ObjectID], message: String, author: Signature, committer: Signature
    ) throws(GitError) -> ObjectID {
        try createCommit(tree: tree, parents: parents, message: message, author: author, committer: committer, updating: "HEAD")
    }

    private func createCommit(
        tree: ObjectID, parents: [ObjectID], message: String, author: Signature, committer: Signature, updating reference: String?
    ) throws(GitError) -> ObjectID {
        let treeObject = try lookupTree(tree)
        defer { git_tree_free(treeObject) }
        var parentObjects = [OpaquePointer?]()
        defer { parentObjects.forEach { git_commit_free($0) } }
        for parent in parents {
            parentObjects.append(try lookupCommit(parent))
        }
        var oid = git_oid()
        try author.withGitSignature { (authorSignature) throws(GitError) in
            try committer.withGitSignature { (committerSignature) throws(GitError) in
                let result = withOptionalCString(reference) { referenceName in
                    parentObjects.withUnsafeMutableBufferPointer { buffer in
                        git_commit_create(
                            &oid, handle, referenceName, authorSignature, committerSignature, nil, message,
                            treeObject, buffer.count, buffer.baseAddress)
                    }
                }
                try check(result, "git_commit_create")
            }
        }
        return ObjectID(oid)
    }

    /// The commit `id` parsed from the pack files, when they hold it and it has the usual shape.
    func packedCommit(_ id: ObjectID) -> Commit? {
        guard let object = packs?.object(id), object.kind == .commit else { return nil }
        return CommitParser.parse(object.bytes, id: id)
    }

    func lookupCommit(_ id: ObjectID) throws(GitError) -> OpaquePointer {
        var commit: OpaquePointer?
        var oid = id.oid
        try check(git_commit_lookup(&commit, handle, &oid), "git_commit_lookup(\(id.hex))")
        return commit!
    }
}
