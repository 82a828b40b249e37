import Foundation
import GitKit
import Synchronization

/// Reads blobs on a thread of its own, with a repository of its own, in the order they are
/// requested, so inflating them from the pack overlaps the work of the threads that need them.
final class BlobPrefetcher: Sendable {
    private struct Shelf {
        var pending = [ObjectID]()
        var requested = Set<ObjectID>()
        var next = 0
        var read = [ObjectID: Data]()
        var isClosed = false
        var failure: GitError?
    }

    private let shelf = Mutex(Shelf())
    /// Signalled once per request and on close.
    private let requested = DispatchSemaphore(value: 0)
    /// Signalled once per blob read or failed.
    private let produced = DispatchSemaphore(value: 0)
    private let ended = DispatchSemaphore(value: 0)

    /// Starts the reader on the repository at `gitDirectory`.
    init(gitDirectory: String) {
        let thread = Thread { [self] in
            defer { ended.signal() }
            readUntilClosed(gitDirectory)
        }
        thread.start()
    }

    /// Queues `blob` to be read, unless it was requested before.
    func request(_ blob: ObjectID) {
        let isNew = shelf.withLock { shelf in
            guard !shelf.isClosed, shelf.requested.insert(blob).inserted else { return false }
            shelf.pending.append(blob)
            return true
        }
        if isNew { requested.signal() }
    }

    /// The bytes of `blob`: the reader's copy, waited for when it was requested, else read with `repository`.
    func data(_ blob: ObjectID, orRead repository: Repository) throws -> Data {
        while true {
            let (data, failure, isComing) = shelf.withLock { shelf in
                (shelf.read.removeValue(forKey: blob), shelf.failure, shelf.requested.contains(blob) && !shelf.isClosed)
            }
            if let data { return data }
            if let failure { throw failure }
            guard isComing else { return try repository.blobData(blob) }
            produced.wait()
        }
    }

    /// Stops the reader, dropping what it has not read, and waits for its thread.
    func close() {
        shelf.withLock { $0.isClosed = true }
        requested.signal()
        ended.wait()
    }

    private func readUntilClosed(_ gitDirectory: String) {
        let repository: Repository
        do {
            repository = try Repository.open(at: gitDirectory)
        } catch {
            shelf.withLock { $0.failure = error }
            produced.signal()
            return
        }
        while true {
            requested.wait()
            while let blob = shelf.withLock({ shelf -> ObjectID? in
                guard !shelf.isClosed, shelf.next < shelf.pending.count else { return nil }
                shelf.next += 1
                return shelf.pending[shelf.next - 1]
            }) {
                do {
                    let data = try repository.blobData(blob)
                    shelf.withLock { $0.read[blob] = data }
                } catch {
                    shelf.withLock { $0.failure = error }
                }
                produced.signal()
            }
            if shelf.withLock({ $0.isClosed }) { return }
        }
    }
}
