internal import CLibGit2

/// A path's state in the index (against HEAD) and in the work tree (against the index), like `git status --porcelain`.
public struct StatusEntry: Hashable, Sendable {
    public let path: String
    /// The path in HEAD when the index renamed it.
    public let headPath: String?
    /// The staged change, or `nil` when the index matches HEAD.
    public let staged: TreeChange.Kind?
    /// The unstaged change, or `nil` when the work tree matches the index.
    public let unstaged: TreeChange.Kind?
}

extension Repository {
    /// Every changed, staged or untracked path (ignored files left out), sorted by path; staged
    /// renames paired as `git status` pairs them (git's rename detection from HEAD to the index),
    /// unless `status.renames` (else `diff.renames`) is false. With `copies` only renames are
    /// paired: a copy stays an added file, where git status would say "copied".
    public func status() throws(GitError) -> [StatusEntry] {
        var options = git_status_options()
        try check(git_status_options_init(&options, UInt32(GIT_STATUS_OPTIONS_VERSION)), "git_status_options_init")
        options.show = GIT_STATUS_SHOW_INDEX_AND_WORKDIR
        options.flags = GIT_STATUS_OPT_INCLUDE_UNTRACKED.rawValue | GIT_STATUS_OPT_RECURSE_UNTRACKED_DIRS.rawValue
            | GIT_STATUS_OPT_EXCLUDE_SUBMODULES.rawValue | GIT_STATUS_OPT_SORT_CASE_SENSITIVELY.rawValue
        var list: OpaquePointer?
        try check(git_status_list_new(&list, handle, &options), "git_status_list_new")
        defer { git_status_list_free(list) }
        let entries = (0..<git_status_list_entrycount(list)).compactMap { index in
            git_status_byindex(list, index).flatMap { StatusEntry($0.pointee) }
        }
        guard entries.contains(where: { $0.staged == .added }), entries.contains(where: { $0.staged == .deleted }),
              try statusRenameDetection() != nil else { return entries }
        return try pairingStagedRenames(in: entries)
    }

    /// `entries` with each staged rename (HEAD to index) as one entry at the new path, naming the old.
    private func pairingStagedRenames(in entries: [StatusEntry]) throws(GitError) -> [StatusEntry] {
        var options = git_diff_options()
        try check(git_diff_options_init(&options, UInt32(GIT_DIFF_OPTIONS_VERSION)), "git_diff_options_init")
        options.flags |= GIT_DIFF_INCLUDE_TYPECHANGE.rawValue
        let headTree = try headCommitID().map(treeID(ofCommit:)).map(lookupTree)
        defer { git_tree_free(headTree) }
        var diff: OpaquePointer?
        try check(git_diff_tree_to_index(&diff, handle, headTree, nil, &options), "git_diff_tree_to_index")
        defer { git_diff_free(diff) }
        let renames = try pairingRenames(in: fileDeltas(of: diff!), detecting: .renames, content: SimilarityContent(repository: self), renameLimit: statusRenameLimit())
            .filter { $0.kind == .renamed }
        guard !renames.isEmpty else { return entries }
        let sourceOf = Dictionary(renames.map { ($0.newPath, $0.oldPath) }, uniquingKeysWith: { first, _ in first })
        let sources = Set(renames.map(\.oldPath))
        return entries.compactMap { entry in
            if let source = sourceOf[entry.path], entry.staged == .added {
                return StatusEntry(path: entry.path, headPath: source, staged: .renamed, unstaged: entry.unstaged)
            }
            guard sources.contains(entry.path), entry.staged == .deleted else { return entry }
            return entry.unstaged.map { StatusEntry(path: entry.path, headPath: nil, staged: nil, unstaged: $0) }
        }
    }
}

extension StatusEntry {
    init?(_ entry: git_status_entry) {
        let flags = entry.status.rawValue
        let staged: TreeChange.Kind? =
            flags & GIT_STATUS_INDEX_NEW.rawValue != 0 ? .added
            : flags & GIT_STATUS_INDEX_DELETED.rawValue != 0 ? .deleted
            : flags & GIT_STATUS_INDEX_RENAMED.rawValue != 0 ? .renamed
            : flags & GIT_STATUS_INDEX_TYPECHANGE.rawValue != 0 ? .typeChanged
            : flags & GIT_STATUS_INDEX_MODIFIED.rawValue != 0 ? .modified : nil
        let unstaged: TreeChange.Kind? =
            flags & GIT_STATUS_CONFLICTED.rawValue != 0 ? .conflicted
            : flags & GIT_STATUS_WT_NEW.rawValue != 0 ? .untracked
            : flags & GIT_STATUS_WT_DELETED.rawValue != 0 ? .deleted
            : flags & GIT_STATUS_WT_TYPECHANGE.rawValue != 0 ? .typeChanged
            : flags & GIT_STATUS_WT_MODIFIED.rawValue != 0 ? .modified : nil
        guard staged != nil || unstaged != nil else { return nil }
        let headToIndex = entry.head_to_index?.pointee
        let indexToWorkdir = entry.index_to_workdir?.pointee
        guard let newFile = headToIndex?.new_file.path ?? indexToWorkdir?.new_file.path ?? indexToWorkdir?.old_file.path else { return nil }
        path = String(cString: newFile)
        headPath = staged == .renamed ? headToIndex.map { String(cString: $0.old_file.path) } : nil
        self.staged = staged
        self.unstaged = unstaged
    }
}
