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

    private let steps = BatchChannel<RenameFollowingWalk.Step>()
    /// Steps added and not yet sent: the reader is woken once per `batch` steps, not per step,
    /// since waking a thread costs more than reading one version.
    private let unsent = Mutex([RenameFollowingWalk.Step]())
    private static let batch = 64
    private let outcome = Mutex<Result<[Read], any Error>>(.success([]))
    private let ended = DispatchSemaphore(value: 0)

    /// Starts the reader on the repository at `gitDirectory`; records are looked up in the store
    /// tree `storeTree`, none when it is `nil`.
    init(gitDirectory: String, storeTree: ObjectID?) {
        let thread = Thread { [self] in
            defer { ended.signal() }
            do {
                let reads = try readUntilClosed(gitDirectory, storeTree: storeTree)
                outcome.withLock { $0 = .success(reads) }
            } catch {
                outcome.withLock { $0 = .failure(error) }
            }
        }
        thread.start()
    }

    /// Queues `step` to be read.
    func add(_ step: RenameFollowingWalk.Step) {
        let full = unsent.withLock { unsent -> [RenameFollowingWalk.Step]? in
            unsent.append(step)
            guard unsent.count == Self.batch else { return nil }
            defer { unsent.removeAll(keepingCapacity: true) }
            return unsent
        }
        if let full { steps.send(full) }
    }

    /// Waits until every queued step is read and returns them in the order they were added.
    /// Call it once; after it the reader is stopped.
    func finish() throws -> [Read] {
        steps.send(unsent.withLock { $0 })
        steps.close()
        ended.wait()
        return try outcome.withLock { $0 }.get()
    }

    private func readUntilClosed(_ gitDirectory: String, storeTree: ObjectID?) throws -> [Read] {
        let repository = try Repository.open(at: gitDirectory)
        var scores = try storeTree.map { try ScoreLookup(store: EvalStore(repository: repository), tree: $0) }
        var reads = [Read]()
        while let batch = try steps.receive() {
            for step in batch {
                let version = PromptVersion(
                    try repository.commit(step.commit), path: step.path, previousPath: step.previousPath, blob: step.blob?.id, change: step.change)
                reads.append(Read(version: version, records: try scores?.records(forBlob: step.blob?.id) ?? [:]))
            }
        }
        return reads
    }
}
