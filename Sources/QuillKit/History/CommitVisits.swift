import Foundation
import GitKit

/// The non-merge commits reachable from a start, in git's date order (`DateOrderWalk`), each with
/// its first parent's tree: what a path-limited history walk compares; and the commit's object when
/// the walk read it, for the version reader. They are listed on a thread
/// of its own, with a repository of its own, while the caller compares trees.
final class CommitVisits: Sendable {
    /// A commit to compare with its first parent.
    struct Visit: Sendable {
        let commit: ObjectID
        let tree: ObjectID
        /// `nil` for a root commit.
        let parentTree: ObjectID?
        /// The commit's object, when the walk read it rather than the commit-graph.
        let object: CommitObject?
    }

    private let channel = BatchChannel<Visit>()
    /// How many visits a batch holds: few at first, so that the caller starts comparing trees soon
    /// after the walk starts, then twice as many each time, up to `largestBatch`.
    private static let firstBatch = 16
    private static let largestBatch = 256

    /// Starts listing from `start` in the repository at `gitDirectory`.
    init(gitDirectory: String, start: ObjectID) {
        let thread = Thread { [channel] in
            do {
                let walk = try DateOrderWalk(Repository.open(at: gitDirectory), from: [start])
                var size = Self.firstBatch
                var batch = [Visit]()
                batch.reserveCapacity(size)
                while let (node, object) = try walk.nextCommit() {
                    guard node.parentIDs.count <= 1 else { continue }
                    let parentTree = try node.parentIDs.first.map { try walk.node($0).treeID }
                    batch.append(Visit(commit: node.id, tree: node.treeID, parentTree: parentTree, object: object))
                    if batch.count == size {
                        channel.send(batch)
                        size = min(2 * size, Self.largestBatch)
                        batch = []
                        batch.reserveCapacity(size)
                    }
                }
                channel.send(batch)
                channel.close()
            } catch {
                channel.close(failure: error)
            }
        }
        thread.start()
    }

    /// The next commits in order, waiting for them; `nil` after the last.
    func next() throws -> [Visit]? {
        try channel.receive()
    }
}
