internal import CLibGit2

extension Repository {
    /// The files that differ from tree `old` to tree `new` (`nil` is the empty tree).
    ///
    /// `paths` limits the diff to those exact paths (before rename detection); `detecting` pairs
    /// files as git does (see `RenamePairing`): `.renames` deleted with added files at least 50%
    /// similar, as `git diff -M`; `.changedFileCopies` also added files with changed files, as
    /// `git diff -C`; `.copies` with files that stayed, changed or not, as `git diff -C --find-copies-harder`; with `diff.renameLimit` as git diff reads it.
    public func treeChanges(
        from old: ObjectID?, to new: ObjectID?, paths: [String] = [], detecting detection: RenameDetection? = nil
    ) throws(GitError) -> [TreeChange] {
        let deltas = try fileDeltas(from: old, to: new, paths: paths, includingUnmodified: detection == .copies)
        guard let detection else { return deltas.compactMap(\.change) }
        return try pairingRenames(in: deltas, detecting: detection, content: SimilarityContent(repository: self), renameLimit: diffRenameLimit())
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
