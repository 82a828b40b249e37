import GitKit

/// The commits on a bad commit's first-parent path down to a good one that changed a prompt, following
/// renames and copies as `git log --follow` does.
///
/// Unlike `RenameFollowingWalk`, it walks first parents only and keeps merges: a merge on that path
/// that brought a prompt change in (against its first parent) is a candidate.
/// Complexity: O(p) tree look-ups for the p commits walked, plus one tree diff per commit that adds
/// the followed path.
struct CandidateWalk {
    let repository: Repository

    /// What a walk found.
    struct Found {
        /// The commit the walk stopped at (the good end).
        let end: ObjectID
        /// The prompt's path there.
        let endPath: String
        /// The commits from `bad` (included) down to `end` (excluded) that changed the prompt, newest first.
        let candidates: [BisectCandidate]
    }

    /// Walks first parents from `bad` (where the prompt is at `path`) and stops at the first older commit
    /// for which `isEnd(commit, path there)` holds; `nil` when the root is passed first.
    func walk(from bad: ObjectID, path: String, until isEnd: (ObjectID, String) throws -> Bool) throws -> Found? {
        var lookups = EntryCache(repository: repository)
        let follower = RenameFollowingWalk(repository: repository)
        var path = path
        var node = bad
        var found = [BisectCandidate]()
        while try node == bad || !isEnd(node, path) {
            let commit = try repository.commit(node)
            guard let parent = commit.parentIDs.first else { return nil }
            let parentTree = try repository.treeID(ofCommit: parent)
            let current = try lookups.entry(atPath: path, inTree: commit.treeID)
            let previous = try lookups.entry(atPath: path, inTree: parentTree)
            if current?.id != previous?.id || current?.mode != previous?.mode {
                var previousPath: String?
                if previous == nil, current != nil, let (source, _) = try follower.renameSource(of: path, from: parentTree, to: commit.treeID) {
                    previousPath = source
                }
                found.append(BisectCandidate(
                    commit: node.hex, subject: commit.subject, path: path, previousPath: previousPath, hasPrompt: current != nil))
                if let previousPath { path = previousPath }
            }
            node = parent
        }
        return Found(end: node, endPath: path, candidates: found)
    }
}
