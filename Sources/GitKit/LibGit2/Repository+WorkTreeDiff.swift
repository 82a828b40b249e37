internal import CLibGit2
import Foundation

extension Repository {
    /// The files that differ from tree `old` (`nil` is the empty tree) to the work tree, as
    /// `git diff <commit>` sees them: tracked files (and files staged as new) as they are on disk;
    /// untracked files are left out. With `renameReadLimit`, files are paired as `git diff` pairs
    /// them (`diff.renames`: renames, copies from changed files, or nothing; `diff.renameLimit`), an
    /// added file's bytes read and hashed as they are on disk, without git's clean filters; an added file larger than
    /// `renameReadLimit` bytes is not read and stays an addition. Work-tree sides may come without a
    /// blob id (`newID` nil).
    public func treeChangesToWorkTree(from old: ObjectID?, renameReadLimit: Int? = nil) throws(GitError) -> [TreeChange] {
        var options = git_diff_options()
        try check(git_diff_options_init(&options, UInt32(GIT_DIFF_OPTIONS_VERSION)), "git_diff_options_init")
        options.flags |= GIT_DIFF_INCLUDE_TYPECHANGE.rawValue
        let oldTree = try old.map(lookupTree)
        defer { git_tree_free(oldTree) }
        var diff: OpaquePointer?
        try check(git_diff_tree_to_workdir_with_index(&diff, handle, oldTree, &options), "git_diff_tree_to_workdir_with_index")
        defer { git_diff_free(diff) }
        let deltas = fileDeltas(of: diff!)
        guard let renameReadLimit, let root = workTreePath, let detection = try diffRenameDetection() else { return deltas.compactMap(\.change) }
        var content = SimilarityContent(repository: self)
        let hashed = try deltas.map { (delta) throws(GitError) -> FileDelta in
            guard delta.status == GIT_DELTA_ADDED, let path = delta.change?.newPath,
                let data = try? WorkTreeFile.contents(of: path, in: root, limit: renameReadLimit) else { return delta }
            let id = try Repository.blobID(of: data)
            content.add(data, as: id)
            return delta.hashed(as: id) ?? delta
        }
        return try pairingRenames(in: hashed, detecting: detection, content: content, renameLimit: diffRenameLimit())
    }
}
