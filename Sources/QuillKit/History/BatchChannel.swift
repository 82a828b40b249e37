import Foundation
import Synchronization

/// Carries values from one producing thread to one consuming thread in batches, so that the
/// consumer is woken once per batch rather than once per value.
final class BatchChannel<Element: Sendable>: Sendable {
    private struct State {
        var batches = [[Element]]()
        var next = 0
        var isClosed = false
        var failure: (any Error)?
    }

    private let state = Mutex(State())
    /// Signalled once per batch sent and once on close.
    private let signal = DispatchSemaphore(value: 0)

    /// Hands a batch to the consumer; empty batches are dropped.
    func send(_ batch: [Element]) {
        guard !batch.isEmpty else { return }
        state.withLock { $0.batches.append(batch) }
        signal.signal()
    }

    /// Ends the stream, with the producer's error if it failed.
    func close(failure: (any Error)? = nil) {
        state.withLock { state in
            state.isClosed = true
            state.failure = failure
        }
        signal.signal()
    }

    /// The next batch, waiting for it; `nil` once the producer closed the channel and every batch is
    /// received. Throws the producer's error after the batches sent before it.
    func receive() throws -> [Element]? {
        while true {
            signal.wait()
            let taken = state.withLock { state -> Result<[Element]?, any Error>? in
                if state.next < state.batches.count {
                    defer {
                        state.batches[state.next] = []
                        state.next += 1
                    }
                    return .success(state.batches[state.next])
                }
                guard state.isClosed else { return nil }
                return state.failure.map { .failure($0) } ?? .success(nil)
            }
            guard let taken else { continue }
            if case .success(.some) = taken {} else {
                // The end stays signalled for any later call.
                signal.signal()
            }
            return try taken.get()
        }
    }
}
