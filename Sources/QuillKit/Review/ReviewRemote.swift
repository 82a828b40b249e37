import GitKit

/// The configured remote `quill review` fetches from when a CI checkout lacks the base branch, the merge
/// base or the eval records: the remote BASE names (`origin/main`), else the current branch's upstream
/// remote, else `origin`.
struct ReviewRemote: Equatable {
    /// A configured remote's name (never a URL: what is fetched from is what the user configured).
    let name: String
    /// The remote's branch BASE names (`main` for `origin/main`); nil when BASE names none.
    let branch: String?

    /// `refs/remotes/<remote>/<branch>`, where the base branch is fetched to.
    var trackingReference: String? { branch.map { "refs/remotes/\(name)/\($0)" } }

    /// The refspec that fetches the base branch to its remote-tracking ref.
    var branchRefspec: String? { branch.map { "+refs/heads/\($0):refs/remotes/\(name)/\($0)" } }

    /// The remote BASE names as `REMOTE/BRANCH`, `remotes/REMOTE/BRANCH` or `refs/remotes/REMOTE/BRANCH`
    /// (the longest configured remote name wins, as git resolves them), else the fallback remote.
    static func of(base: String?, in repository: Repository) throws -> ReviewRemote? {
        if let base {
            var name = Substring(base)
            for prefix in ["refs/remotes/", "remotes/"] where name.hasPrefix(prefix) { name = name.dropFirst(prefix.count) }
            for slash in name.indices.reversed() where name[slash] == "/" {
                let remote = String(name[..<slash]), branch = String(name[name.index(after: slash)...])
                guard Repository.isValidReferenceName("refs/remotes/\(remote)/\(branch)"), try repository.remoteURL(named: remote) != nil else {
                    continue
                }
                return ReviewRemote(name: remote, branch: branch)
            }
        }
        return try fallback(in: repository)
    }

    /// The current branch's upstream remote, else `origin`, when it is configured.
    private static func fallback(in repository: Repository) throws -> ReviewRemote? {
        let branch = try repository.headBranchName().map { String($0.dropFirst("refs/heads/".count)) }
        let upstream = try branch.flatMap { try repository.configString("branch.\($0).remote") }
        for name in [upstream, "origin"].compactMap({ $0 }) where try repository.remoteURL(named: name) != nil {
            return ReviewRemote(name: name, branch: nil)
        }
        return nil
    }
}
