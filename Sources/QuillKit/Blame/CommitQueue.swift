import GitKit

/// Commits waiting to pass on blame, newest commit date first and, among equal dates, first come
/// first served: the order of git's `prio_queue` with `compare_commits_by_commit_date`.
struct CommitQueue {
    private var heap = [(node: CommitNode, order: Int)]()
    private var counter = 0

    var isEmpty: Bool { heap.isEmpty }

    /// Adds `node`. Complexity: O(log n).
    mutating func push(_ node: CommitNode) {
        counter += 1
        heap.append((node, counter))
        var child = heap.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard comesFirst(child, parent) else { break }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    /// Removes and returns the newest commit. Complexity: O(log n).
    mutating func pop() -> CommitNode? {
        guard !heap.isEmpty else { return nil }
        heap.swapAt(0, heap.count - 1)
        let first = heap.removeLast().node
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
        return a.node.time != b.node.time ? a.node.time > b.node.time : a.order < b.order
    }
}
