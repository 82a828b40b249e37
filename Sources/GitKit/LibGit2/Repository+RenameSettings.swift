internal import CLibGit2

/// The settings rename detection reads as git reads them: the `diff` attribute, whether to detect
/// renames or copies, and the rename limits.
extension Repository {
    /// Whether git's `diff` attribute makes the file at `path` binary (`true`) or text (`false`) for
    /// diffs and rename detection, as `diff_filespec_is_binary` decides (gitattributes(5), "Marking
    /// files as binary"): `-diff` (and the `binary` macro) is binary, `diff` set is text, `diff=NAME`
    /// is what `diff.NAME.binary` says; `nil`, the content decides, when the attribute is unset or
    /// the driver says nothing. The attributes are read as git reads them: the work tree's
    /// `.gitattributes` files (the index's where a file is not in the work tree),
    /// `$GIT_DIR/info/attributes`, `core.attributesFile` and the system file.
    func diffAttributeBinary(path: String) throws(GitError) -> Bool? {
        var value: UnsafePointer<CChar>?
        try check(git_attr_get(&value, handle, 0, path, "diff"), "git_attr_get('\(path)', diff)")
        switch git_attr_value(value) {
        case GIT_ATTR_VALUE_TRUE: return false
        case GIT_ATTR_VALUE_FALSE: return true
        case GIT_ATTR_VALUE_STRING: return try value.flatMap { name throws(GitError) in try configBool("diff.\(String(cString: name)).binary") }
        default: return nil
        }
    }

    /// What `git diff` pairs, from `diff.renames`: renames when it is unset or true, copies from
    /// changed files for `copies` (or `copy`), nothing when it is false.
    public func diffRenameDetection() throws(GitError) -> RenameDetection? {
        try renameDetection(setting: "diff.renames", unset: .renames)
    }

    /// What `git status` pairs: `status.renames`, else `diff.renames`, as `diffRenameDetection`.
    func statusRenameDetection() throws(GitError) -> RenameDetection? {
        try renameDetection(setting: "status.renames", unset: try diffRenameDetection())
    }

    /// The detection `key` names (git's `git_config_rename`): copies from changed files for `copies`
    /// or `copy`, renames when true, none when false, `unset` when the key is not set.
    private func renameDetection(setting key: String, unset: RenameDetection?) throws(GitError) -> RenameDetection? {
        guard let value = try configString(key) else { return unset }
        if ["copies", "copy"].contains(value.lowercased()) { return .changedFileCopies }
        return try configBool(key) == true ? .renames : nil
    }

    /// `diff.renameLimit` as `git diff` and `git log` read it (0 or less: no limit), git's default
    /// 1,000 when it is not set.
    func diffRenameLimit() throws(GitError) -> Int {
        try configInt("diff.renameLimit") ?? RenamePairing.defaultRenameLimit
    }

    /// `status.renameLimit`, else `diff.renameLimit`, as `git status` reads them.
    func statusRenameLimit() throws(GitError) -> Int {
        if let limit = try configInt("status.renameLimit") { return limit }
        return try diffRenameLimit()
    }
}
