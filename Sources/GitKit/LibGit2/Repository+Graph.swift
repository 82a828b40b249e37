internal import CLibGit2

extension Repository {
    /// Whether `ancestor` is `descendant` or reachable from it through parents.
    ///
    /// Complexity: walks history from `descendant` until it passes `ancestor`'s generation.
    public func isAncestor(_ ancestor: ObjectID, of descendant: ObjectID) throws(GitError) -> Bool {
        guard ancestor != descendant else { return true }
        var commit = descendant.oid
        var base = ancestor.oid
        return try check(git_graph_descendant_of(handle, &commit, &base), "git_graph_descendant_of(\(descendant.hex), \(ancestor.hex))") == 1
    }
}
