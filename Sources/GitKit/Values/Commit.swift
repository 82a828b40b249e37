internal import CLibGit2
import Foundation

/// A commit, copied out of libgit2.
public struct Commit: Hashable, Sendable {
    public let id: ObjectID
    public let treeID: ObjectID
    public let parentIDs: [ObjectID]
    public let author: Signature
    public let committer: Signature
    /// The full message, as written.
    public let message: String

    /// The first paragraph of the message on one line, as `git log --format=%s` shows it.
    public var subject: String {
        var message = message
        return message.withUTF8 { MessageSubject.of($0) }
    }

    init(id: ObjectID, treeID: ObjectID, parentIDs: [ObjectID], author: Signature, committer: Signature, message: String) {
        self.id = id
        self.treeID = treeID
        self.parentIDs = parentIDs
        self.author = author
        self.committer = committer
        self.message = message
    }

    /// Copies a libgit2 commit.
    init(_ commit: OpaquePointer) {
        id = ObjectID(git_commit_id(commit))
        treeID = ObjectID(git_commit_tree_id(commit))
        parentIDs = (0..<git_commit_parentcount(commit)).map { ObjectID(git_commit_parent_id(commit, $0)) }
        author = Signature(git_commit_author(commit))
        committer = Signature(git_commit_committer(commit))
        message = git_commit_message_raw(commit).map { String(cString: $0) } ?? ""
    }
}
