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
    /// Every changed, staged or untracked path (ignored files left out), sorted by path.
    public func status() throws(GitError) -> [StatusEntry] {
        var options = git_status_options()
        try check(git_status_options_init(&options, UInt32(GIT_STATUS_OPTIONS_VERSION)), "git_status_options_init")
        options.show = GIT_STATUS_SHOW_INDEX_AND_WORKDIR
        options.flags = GIT_STATUS_OPT_INCLUDE_UNTRACKED.rawValue | GIT_STATUS_OPT_RECURSE_UNTRACKED_DIRS.rawValue
            | GIT_STATUS_OPT_EXCLUDE_SUBMODULES.rawValue | GIT_STATUS_OPT_RENAMES_HEAD_TO_INDEX.rawValue
            | GIT_STATUS_OPT_SORT_CASE_SENSITIVELY.rawValue
        var list: OpaquePointer?
        try check(git_status_list_new(&list, handle, &options), "git_status_list_new")
        defer { git_status_list_free(list) }
        return (0..<git_status_list_entrycount(list)).compactMap { index in
            git_status_byindex(list, index).flatMap { StatusEntry($0.pointee) }
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
