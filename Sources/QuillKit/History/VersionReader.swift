import Foundation
import GitKit
import Synchronization

/// Reads each version's commit and evaluation records on a thread of its own, with a repository
/// of its own, while the history walk that finds the versions goes on.
final class VersionReader: Sendable {
    /// One version as read: the version and its records grouped by suite and model.
    struct Read: Sendable {
        let version: PromptVersion
        let records: [ScoreTimeline.Group: [EvalRecord]]
    }

    private struct Queue {
        var pending = [RenameFollowingWalk.Step]()
        var next = 0
        var read = [Read]()
        var isClosed = false
        var failure: (any Error)?
    }

    private let queue = Mutex(Queue())
    /// Signalled once per `batch` steps added and once on close.
    private let added = DispatchSemaphore(value: 0)
    private let ended = DispatchSemaphore(value: 0)

    /// Starts the reader on the repository at `gitDirectory`; records are looked up in the store
    /// tree `storeTree`, none when it is `nil`.
    init(gitDirectory: String, storeTree: ObjectID?) {
        let thread = Thread { [self] in
            defer { ended.signal() }
            do {
                try readUntilClosed(gitDirectory, storeTree: storeTree)
            } catch {
                queue.withLock { $0.failure = error }
            }
        }
        thread.start()
    }

    /// Queues `step` to be read. The reader is woken once per `batch` steps, not per step: waking a
    /// thread costs more than reading one version.
    func add(_ step: RenameFollowingWalk.Step) {
        let count = queue.withLock { queue in
            queue.pending.append(step)
            return queue.pending.count
        }
        if count % Self.batch == 0 { added.signal() }
    }

    private static let batch = 64

    /// Waits until every queued step is read and returns them in the order they were added.
    /// Call it once; after it the reader is stopped.
    func finish() throws -> [Read] {
        queue.withLock { $0.isClosed = true }
        added.signal()
        ended.wait()
        return try queue.withLock { queue in
            if let failure = queue.failure { throw failure }
            return queue.read
        }
    }

    private func readUntilClosed(_ gitDirectory: String, storeTree: ObjectID?) throws {
        let repository = try Repository.open(at: gitDirectory)
        var scores = try storeTree.map { try ScoreLookup(store: EvalStore(repository: repository), tree: $0) }
        while true {
            added.wait()
            while let step = queue.withLock({ queue -> RenameFollowingWalk.Step? in
                guard queue.next < queue.pending.count else { return nil }
                queue.next += 1
                return queue.pending[queue.next - 1]
            }) {
                let version = PromptVersion(
                    try repository.commit(step.commit), path: step.path, previousPath: step.previousPath, blob: step.blob?.id, change: step.change)
                let read = Read(version: version, records: try scores?.records(forBlob: step.blob?.id) ?? [:])
                queue.withLock { $0.read.append(read) }
            }
            if queue.withLock({ $0.isClosed && $0.next == $0.pending.count }) { return }
        }
    }
}
