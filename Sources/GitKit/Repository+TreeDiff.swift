internal import CLibGit2

extension Repository {
    /// The files that differ from tree `old` to tree `new` (`nil` is the empty tree).
    ///
    /// `paths` limits the diff to those exact paths (before rename detection); `detectRenames`
    /// pairs deleted and added files at least 50% similar, as `git diff -M` does; `detectCopies`
    /// also pairs an added file with the most similar file that stayed, changed or not, as
    /// `git diff -C --find-copies-harder` does (and `git log --follow`).
    public func treeChanges(
        from old: ObjectID?, to new: ObjectID?, paths: [String] = [], detectRenames: Bool = false, detectCopies: Bool = false
    ) throws(GitError) -> [TreeChange] {
        var options = git_diff_options()
        try check(git_diff_options_init(&options, UInt32(GIT_DIFF_OPTIONS_VERSION)), "git_diff_options_init")
        if !paths.isEmpty { options.flags |= GIT_DIFF_DISABLE_PATHSPEC_MATCH.rawValue }
        // Copy sources that did not change must be in the diff for libgit2 to consider them.
        if detectCopies { options.flags |= GIT_DIFF_INCLUDE_UNMODIFIED.rawValue }
        let oldTree = try old.map(lookupTree)
        defer { git_tree_free(oldTree) }
        let newTree = try new.map(lookupTree)
        defer { git_tree_free(newTree) }
        var diff: OpaquePointer?
        try withStringArray(paths) { (pathspec) throws(GitError) in
            options.pathspec = pathspec
            try check(git_diff_tree_to_tree(&diff, handle, oldTree, newTree, &options), "git_diff_tree_to_tree")
        }
        defer { git_diff_free(diff) }
        if detectRenames || detectCopies {
            try findRenames(in: diff!, copies: detectCopies)
        }
        return changes(of: diff!)
    }

    func findRenames(in diff: OpaquePointer, copies: Bool = false) throws(GitError) {
        var findOptions = git_diff_find_options()
        try check(git_diff_find_options_init(&findOptions, UInt32(GIT_DIFF_FIND_OPTIONS_VERSION)), "git_diff_find_options_init")
        findOptions.flags = GIT_DIFF_FIND_RENAMES.rawValue
        if copies {
            findOptions.flags |= GIT_DIFF_FIND_COPIES.rawValue | GIT_DIFF_FIND_COPIES_FROM_UNMODIFIED.rawValue
        }
        try check(git_diff_find_similar(diff, &findOptions), "git_diff_find_similar")
    }

    func changes(of diff: OpaquePointer) -> [TreeChange] {
        (0..<git_diff_num_deltas(diff)).compactMap { index in
            git_diff_get_delta(diff, index).flatMap { TreeChange($0.pointee) }
        }
    }
}

extension TreeChange {
    /// Copies a libgit2 delta; `nil` for unchanged or ignored entries.
    init?(_ delta: git_diff_delta) {
        let kind: Kind
        switch delta.status {
        case GIT_DELTA_ADDED: kind = .added
        case GIT_DELTA_DELETED: kind = .deleted
        case GIT_DELTA_MODIFIED: kind = .modified
        case GIT_DELTA_RENAMED: kind = .renamed
        case GIT_DELTA_COPIED: kind = .copied
        case GIT_DELTA_TYPECHANGE: kind = .typeChanged
        case GIT_DELTA_UNTRACKED: kind = .untracked
        case GIT_DELTA_CONFLICTED: kind = .conflicted
        default: return nil
        }
        let hasOld = delta.old_file.flags & GIT_DIFF_FLAG_EXISTS.rawValue != 0
        let hasNew = delta.new_file.flags & GIT_DIFF_FLAG_EXISTS.rawValue != 0
        let newIsHashed = delta.new_file.flags & GIT_DIFF_FLAG_VALID_ID.rawValue != 0
        self.init(
            kind: kind,
            oldPath: String(cString: delta.old_file.path),
            newPath: String(cString: delta.new_file.path),
            oldID: hasOld ? ObjectID(delta.old_file.id) : nil,
            newID: hasNew && newIsHashed ? ObjectID(delta.new_file.id) : nil,
            similarity: Int(delta.similarity))
    }
}
