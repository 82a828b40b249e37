import GitKit

extension Workspace {
    /// The commit a user-supplied revision names; an unknown one is bad input naming it.
    func resolveUserCommit(_ spec: String) throws -> ObjectID {
        // libgit2 reads a leading ':' as an index path it does not implement; Quill names commits only.
        guard !spec.isEmpty, !spec.hasPrefix(":") else { throw unknownRevision(spec) }
        do {
            return try repository.resolveCommit(spec)
        } catch {
            switch error.code {
            case .notFound, .invalidSpec, .ambiguous, .peel, .invalid:
                throw unknownRevision(spec)
            default:
                throw error
            }
        }
    }

    private func unknownRevision(_ spec: String) -> QuillError {
        QuillError.badInput("unknown revision '\(spec)'; expected a commit such as 'HEAD~1', a branch, a tag or a commit id")
    }

    /// HEAD's commit, or a clear error when the branch has no commit yet.
    func requireHead() throws -> ObjectID {
        guard let head = try repository.headCommitID() else {
            throw QuillError(.checkFailed, "the current branch has no commits yet; run 'quill commit -m MESSAGE' first")
        }
        return head
    }
}
