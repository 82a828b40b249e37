internal import CLibGit2

/// The remote a partial clone was made from (`git clone --filter=…`): it promises the objects the
/// clone left out, which git fetches when it needs them and libgit2 1.5 cannot.
public struct PromisorRemote: Sendable, Equatable {
    public let name: String
    /// `remote.<name>.partialclonefilter` (`blob:none`, `blob:limit=1k`…), when set.
    public let filter: String?
}

extension Repository {
    /// The first remote with `remote.<name>.promisor` true, or `nil` when the repository is not a partial clone.
    public func promisorRemote() throws(GitError) -> PromisorRemote? {
        let snapshot = try configSnapshot()
        defer { git_config_free(snapshot) }
        var iterator: OpaquePointer?
        try check(git_config_iterator_glob_new(&iterator, snapshot, "^remote\\..*\\.promisor$"), "git_config_iterator_glob_new")
        defer { git_config_iterator_free(iterator) }
        var entry: UnsafeMutablePointer<git_config_entry>?
        while git_config_next(&entry, iterator) == 0 {
            guard let entry, let key = entry.pointee.name, let value = entry.pointee.value else { continue }
            guard ["true", "yes", "on", "1"].contains(String(cString: value).lowercased()) else { continue }
            let name = String(String(cString: key).dropFirst("remote.".count).dropLast(".promisor".count))
            return PromisorRemote(name: name, filter: try configString("remote.\(name).partialclonefilter"))
        }
        git_error_clear()
        return nil
    }
}
