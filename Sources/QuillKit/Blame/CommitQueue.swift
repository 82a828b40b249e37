import GitKit

/// Work items waiting on commits, newest commit date first and, among equal dates, first come
/// first served: the order of git's `prio_queue` with `compare_commits_by_commit_date`.
struct CommitQueue<Item> {
    private var heap = [(time: Int64, order: Int, item: Item)]()
    private var counter = 0

    var isEmpty: Bool { heap.isEmpty }

    /// Adds `item`, which waits on a commit made at `time`. Complexity: O(log n).
    mutating func push(_ item: Item, time: Int64) {
        counter += 1
        heap.append((time, counter, item))
        var child = heap.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard comesFirst(child, parent) else { break }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    /// Removes and returns the item of the newest commit. Complexity: O(log n).
    mutating func pop() -> Item? {
        guard !heap.isEmpty else { return nil }
        heap.swapAt(0, heap.count - 1)
        let first = heap.removeLast().item
        var parent = 0
        while true {
            let left = 2 * parent + 1
            let right = left + 1
            var best = parent
            if left < heap.count, comesFirst(left, best) { best = left }
            if right < heap.count, comesFirst(right, best) { best = right }
            guard best != parent else { break }
            heap.swapAt(parent, best)
            parent = best
        }
        return first
    }

    private func comesFirst(_ lhs: Int, _ rhs: Int) -> Bool {
        let (a, b) = (heap[lhs], heap[rhs])
        return a.time != b.time ? a.time > b.time : a.order < b.order
    }
}
