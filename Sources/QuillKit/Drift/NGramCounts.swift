import Foundation
import Synchronization

/// The distinct n-grams of one order on one side with their counts, sorted by packed key, so two
/// sides compare by merging. Counted by sorting every occurrence's key (radix sort), not by
/// hashing: about 16 bytes a word at the peak, a third of what a dictionary of the distinct
/// n-grams takes.
struct NGramCounts {
    let keys: [UInt64]
    let counts: [Int32]
    /// How many n-grams occur (the sum of `counts`).
    let total: Int

    /// The counts of each stream, counted on a thread each.
    static func counted(_ streams: [[Int32]], packing: NGramPacking) -> [NGramCounts] {
        let results = Mutex([NGramCounts?](repeating: nil, count: streams.count))
        DispatchQueue.concurrentPerform(iterations: streams.count) { index in
            let counts = NGramCounts(streams[index], packing: packing)
            results.withLock { $0[index] = counts }
        }
        return results.withLock { $0 }.map { $0! }
    }

    /// Counts the n-grams of `stream` (word ids, sentences ended by `CorpusProfile.sentenceEnd`).
    /// Complexity: O(n · bits/16).
    init(_ stream: [Int32], packing: NGramPacking) {
        let width = UInt64(packing.bits)
        let mask: UInt64 = packing.bits * packing.order >= 64 ? .max : (1 << UInt64(packing.bits * packing.order)) - 1
        var occurrences = [UInt64]()
        occurrences.reserveCapacity(stream.count)
        var window: UInt64 = 0
        var length = 0
        for id in stream {
            guard id >= 0 else {
                length = 0
                continue
            }
            window = (window << width | min(UInt64(id), packing.lastID)) & mask
            length += 1
            if length >= packing.order { occurrences.append(window) }
        }
        RadixSort.sort(&occurrences, bits: packing.bits * packing.order)
        var keys = [UInt64]()
        var counts = [Int32]()
        for key in occurrences {
            if key == keys.last {
                counts[counts.count - 1] += 1
            } else {
                keys.append(key)
                counts.append(1)
            }
        }
        self.keys = keys
        self.counts = counts
        total = occurrences.count
    }
}
