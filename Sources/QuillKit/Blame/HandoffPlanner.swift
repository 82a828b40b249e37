import Foundation
import GitKit
import Synchronization

/// Runs `HandoffSearch` ahead of the line blame, on a thread of its own with a repository of its
/// own: every origin blame can reach, newest commit first, so the tree look-ups overlap the blob
/// reads and diffs of the thread that moves the lines. `stop` ends it early once every line is placed.
final class HandoffPlanner: Sendable {
    private struct Board {
        var handoffs = [OriginKey: Handoff]()
        /// The blobs a handoff's rename search could not read (a partial clone), where it met any.
        var unreadable = [OriginKey: Set<ObjectID>]()
        var isFinished = false
        var isStopped = false
        var failure: (any Error & Sendable)?
    }

    private let board = Mutex(Board())
    /// Signalled once per handoff found, and when the search ends.
    private let published = DispatchSemaphore(value: 0)
    private let ended = DispatchSemaphore(value: 0)

    /// Starts planning from `file` in `start`, in the repository at `gitDirectory`, asking `blobs`
    /// for the versions each diff will need, in the order they will be needed.
    init(gitDirectory: String, start: CommitNode, file: ParentFile, blobs: BlobPrefetcher) {
        let thread = Thread { [self] in
            defer { ended.signal() }
            do {
                try plan(gitDirectory: gitDirectory, start: start, file: file, blobs: blobs)
            } catch let error as GitError {
                board.withLock { $0.failure = error }
            } catch {
                board.withLock { $0.failure = QuillError(.repository, "\(error)") }
            }
            board.withLock { $0.isFinished = true }
            published.signal()
        }
        thread.start()
    }

    /// The handoff of `key`, waiting for the planner when it has not got there yet, and the blobs
    /// its rename search could not read and took as not similar.
    func handoff(for key: OriginKey) throws -> (Handoff, unreadable: Set<ObjectID>) {
        while true {
            let (handoff, unreadable, isFinished, failure) = board.withLock { ($0.handoffs[key], $0.unreadable[key], $0.isFinished, $0.failure) }
            if let handoff { return (handoff, unreadable ?? []) }
            if let failure { throw failure }
            if isFinished { throw QuillError(.repository, "blame reached '\(key.path)' in \(key.commit.hex), which its plan missed") }
            published.wait()
        }
    }

    /// Ends the planner and waits for its thread.
    func stop() {
        board.withLock { $0.isStopped = true }
        ended.wait()
    }

    private func plan(gitDirectory: String, start: CommitNode, file: ParentFile, blobs: BlobPrefetcher) throws {
        let repository = try Repository.open(at: gitDirectory)
        var search = try HandoffSearch(repository: repository)
        var queue = CommitQueue<(CommitNode, ParentFile)>()
        queue.push((start, file), time: start.time)
        var seen: Set = [OriginKey(commit: start.id, path: file.path)]
        func reach(_ parent: CommitNode, _ file: ParentFile) {
            if seen.insert(OriginKey(commit: parent.id, path: file.path)).inserted { queue.push((parent, file), time: parent.time) }
        }
        while let (node, file) = queue.pop() {
            let unreadBefore = repository.unreadableRenameCandidates
            let handoff = try search.handoff(of: file, in: node)
            let unread = repository.unreadableRenameCandidates.subtracting(unreadBefore)
            let isStopped = board.withLock { board in
                board.handoffs[OriginKey(commit: node.id, path: file.path)] = handoff
                if !unread.isEmpty { board.unreadable[OriginKey(commit: node.id, path: file.path)] = unread }
                return board.isStopped
            }
            published.signal()
            if isStopped { return }
            switch handoff {
            case .whole(let parent, let parentFile):
                reach(parent, parentFile)
            case .diffed(let parents):
                if parents.contains(where: { $0.file != nil }) { blobs.request(file.entry.id) }
                for case let (parent, parentFile?) in parents {
                    blobs.request(parentFile.entry.id)
                    reach(parent, parentFile)
                }
            }
        }
    }
}
