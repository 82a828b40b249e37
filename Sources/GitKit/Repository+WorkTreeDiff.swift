internal import CLibGit2

extension Repository {
    /// The files that differ from tree `old` (`nil` is the empty tree) to the work tree, as
    /// `git diff <commit>` sees them: tracked files (and files staged as new) as they are on disk;
    /// untracked files are left out. `detectRenames` pairs deletions and additions at least 50%
    /// similar, as `git diff -M` does. Work-tree sides may come without a blob id (`newID` nil).
    public func treeChangesToWorkTree(from old: ObjectID?, detectRenames: Bool = false) throws(GitError) -> [TreeChange] {
        var options = git_diff_options()
        try check(git_diff_options_init(&options, UInt32(GIT_DIFF_OPTIONS_VERSION)), "git_diff_options_init")
        let oldTree = try old.map(lookupTree)
        defer { git_tree_free(oldTree) }
        var diff: OpaquePointer?
        try check(git_diff_tree_to_workdir_with_index(&diff, handle, oldTree, &options), "git_diff_tree_to_workdir_with_index")
        defer { git_diff_free(diff) }
        if detectRenames { try findRenames(in: diff!) }
        return changes(of: diff!)
    }
}
