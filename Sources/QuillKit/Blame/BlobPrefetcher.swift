import Foundation
import GitKit
import Synchronization

/// Reads blobs on a thread of its own, with a repository of its own, in the order they are
/// requested, and cuts them into lines (`LineTable`), so inflating and hashing them overlaps the
/// work of the threads that need them.
///
/// What it holds is bounded: it reads ahead only while the blobs waiting to be taken are fewer than
/// `aheadLimit` and come to less than `budget` bytes, a blob is handed over (not copied) when taken,
/// and a blob still waiting `staleAfter` requests behind the last one taken is dropped, since the
/// walk went past it (a parent that took no lines is never asked for).
final class BlobPrefetcher: Sendable {
    private struct Shelf {
        /// Requested blobs in request order; `nil` once read, taken or dropped.
        var queue = [ObjectID?]()
        var next = 0
        /// Request number of each blob queued or read and not yet taken.
        var sequence = [ObjectID: Int]()
        var read = [ObjectID: LineTable]()
        /// Blobs in the order they were read (so by request number), from `oldest` on.
        var readOrder = [(position: Int, blob: ObjectID)]()
        var oldest = 0
        var heldBytes = 0
        var inFlight: ObjectID?
        var isClosed = false

        /// Removes `blob` from the shelf, returning its lines if it was read.
        mutating func take(_ blob: ObjectID) -> LineTable? {
            sequence.removeValue(forKey: blob)
            guard let lines = read.removeValue(forKey: blob) else { return nil }
            heldBytes -= lines.byteCount
            return lines
        }
    }

    private let budget: Int
    /// Enough to stay ahead of the diffs; more only holds memory (small versions are read faster
    /// than they are diffed, so the reader would otherwise run up to `budget` ahead).
    private let aheadLimit = 64
    private let staleAfter = 32
    private let shelf = Mutex(Shelf())
    /// Signalled on each request, each take and on close: the reader may have work again.
    private let wake = DispatchSemaphore(value: 0)
    /// Signalled when the reader finishes a blob.
    private let produced = DispatchSemaphore(value: 0)
    private let ended = DispatchSemaphore(value: 0)

    /// Starts the reader on the repository at `gitDirectory`, holding at most about `budget` bytes
    /// of blobs read ahead (one blob more when a single one is larger).
    init(gitDirectory: String, budget: Int = 16 << 20) {
        self.budget = budget
        let thread = Thread { [self] in
            defer { ended.signal() }
            readUntilClosed(gitDirectory)
        }
        thread.start()
    }

    /// Queues `blob` to be read, unless it is queued or waiting already.
    func request(_ blob: ObjectID) {
        let isNew = shelf.withLock { shelf in
            guard !shelf.isClosed, shelf.sequence[blob] == nil else { return false }
            shelf.sequence[blob] = shelf.queue.count
            shelf.queue.append(blob)
            return true
        }
        if isNew { wake.signal() }
    }

    /// The lines of `blob`: the reader's copy (waited for while the reader is on it), else read
    /// with `repository`, which also reports a blob the reader failed to read. Either way the shelf
    /// keeps nothing of it.
    func lines(_ blob: ObjectID, orRead repository: Repository) throws -> LineTable {
        while true {
            let (lines, isReading) = shelf.withLock { shelf -> (LineTable?, Bool) in
                if shelf.inFlight == blob { return (nil, true) }
                let position = shelf.sequence[blob]
                let lines = shelf.take(blob)
                if let position {
                    shelf.queue[position] = nil
                    dropStale(before: position - staleAfter, from: &shelf)
                }
                return (lines, false)
            }
            if isReading {
                produced.wait()
                continue
            }
            wake.signal()
            return try lines ?? LineTable(repository.blobData(blob))
        }
    }

    /// Stops the reader, dropping what it has not read, and waits for its thread.
    func close() {
        shelf.withLock { $0.isClosed = true }
        wake.signal()
        ended.wait()
    }

    /// Drops the blobs read but not taken that were requested before `position`.
    private func dropStale(before position: Int, from shelf: inout Shelf) {
        while shelf.oldest < shelf.readOrder.count, shelf.readOrder[shelf.oldest].position < position {
            let (stale, blob) = shelf.readOrder[shelf.oldest]
            if shelf.sequence[blob] == stale { _ = shelf.take(blob) }
            shelf.oldest += 1
        }
        if shelf.oldest > 1024, shelf.oldest * 2 > shelf.readOrder.count {
            shelf.readOrder.removeFirst(shelf.oldest)
            shelf.oldest = 0
        }
    }

    private func readUntilClosed(_ gitDirectory: String) {
        // Without a repository of its own the reader reads nothing, and every blob is read by its taker.
        guard let repository = try? Repository.open(at: gitDirectory) else { return }
        // Versions of one file are deltas of one another: keep bases of up to 8 MB (a quarter of the limit).
        repository.deltaBaseCacheLimit = 32 << 20
        while true {
            wake.wait()
            while let blob = shelf.withLock({ shelf -> ObjectID? in
                guard !shelf.isClosed, shelf.heldBytes < budget, shelf.read.count < aheadLimit else { return nil }
                while shelf.next < shelf.queue.count, shelf.queue[shelf.next] == nil { shelf.next += 1 }
                guard shelf.next < shelf.queue.count, let blob = shelf.queue[shelf.next] else { return nil }
                shelf.queue[shelf.next] = nil
                shelf.next += 1
                shelf.inFlight = blob
                return blob
            }) {
                // A blob that fails here is left to its taker, who reads it again and reports the error.
                let lines = (try? repository.blobData(blob)).map(LineTable.init)
                shelf.withLock { shelf in
                    shelf.inFlight = nil
                    guard let lines, let position = shelf.sequence[blob] else {
                        shelf.sequence.removeValue(forKey: blob)
                        return
                    }
                    shelf.read[blob] = lines
                    shelf.readOrder.append((position, blob))
                    shelf.heldBytes += lines.byteCount
                }
                produced.signal()
            }
            if shelf.withLock({ $0.isClosed }) { return }
        }
    }
}
