/// Pairs the messages of two prompt versions: first identical messages (same role and text, in
/// order), then the rest by role and position (the first remaining `user` message with the first
/// remaining `user` message, and so on). Unpaired messages were added or removed; paired ones that
/// are out of order relative to the others were moved.
enum MessageMatcher {
    /// Every message of both versions, in the new version's order, removed ones at their old place.
    ///
    /// Complexity: O(n) hash look-ups over the n messages of both versions (each old message is
    /// queued under its role and text, and under its role, and taken from the front).
    static func changes(from old: [PromptMessage], to new: [PromptMessage]) throws -> [MessageChange] {
        var partner = [Int?](repeating: nil, count: new.count)
        var taken = [Bool](repeating: false, count: old.count)
        var identical = OldMessageQueues(old.indices.map { [old[$0].role, old[$0].text] })
        for (newIndex, message) in new.enumerated() {
            if let oldIndex = identical.takeFirst([message.role, message.text], skipping: taken) {
                partner[newIndex] = oldIndex
                taken[oldIndex] = true
            }
        }
        var sameRole = OldMessageQueues(old.indices.map { [old[$0].role] })
        for (newIndex, message) in new.enumerated() where partner[newIndex] == nil {
            if let oldIndex = sameRole.takeFirst([message.role], skipping: taken) {
                partner[newIndex] = oldIndex
                taken[oldIndex] = true
            }
        }
        let inOrder = stayingInOrder(partner.compactMap { $0 })
        var result = [MessageChange]()
        var nextOld = 0
        for (newIndex, message) in new.enumerated() {
            guard let oldIndex = partner[newIndex] else {
                result.append(MessageChange(kind: .added, role: message.role, oldIndex: nil, newIndex: newIndex, moved: false, diff: nil, text: message.text))
                continue
            }
            // Removed messages appear where they were, before the first kept message that followed them.
            while nextOld < oldIndex {
                if !taken[nextOld] { result.append(removal(old[nextOld], at: nextOld)) }
                nextOld += 1
            }
            nextOld = max(nextOld, oldIndex + 1)
            let before = old[oldIndex]
            let diff = before.text == message.text ? nil : try TextDiff.between(before.text + "\n", message.text + "\n")
            result.append(MessageChange(
                kind: diff == nil ? .unchanged : .changed, role: message.role, oldIndex: oldIndex, newIndex: newIndex,
                moved: !inOrder.contains(oldIndex), diff: diff, text: nil))
        }
        for index in nextOld..<max(nextOld, old.count) where !taken[index] {
            result.append(removal(old[index], at: index))
        }
        return result
    }

    private static func removal(_ message: PromptMessage, at index: Int) -> MessageChange {
        MessageChange(kind: .removed, role: message.role, oldIndex: index, newIndex: nil, moved: false, diff: nil, text: message.text)
    }

    /// The old indices that keep their relative order: a longest increasing subsequence of `indices`
    /// (old positions listed in new order). The others moved. Complexity: O(n log n).
    static func stayingInOrder(_ indices: [Int]) -> Set<Int> {
        var tails = [Int]()  // positions in `indices` ending the best run of each length
        var previous = [Int?](repeating: nil, count: indices.count)
        for (position, value) in indices.enumerated() {
            var low = 0
            var high = tails.count
            while low < high {
                let middle = (low + high) / 2
                if indices[tails[middle]] < value { low = middle + 1 } else { high = middle }
            }
            previous[position] = low > 0 ? tails[low - 1] : nil
            if low == tails.count { tails.append(position) } else { tails[low] = position }
        }
        var kept = Set<Int>()
        var cursor = tails.last
        while let position = cursor {
            kept.insert(indices[position])
            cursor = previous[position]
        }
        return kept
    }
}

/// The old messages' indices queued by a key (a role, or a role and a text), in order, so the first
/// one not yet taken is found without scanning every message.
private struct OldMessageQueues {
    private var queues: [[String]: (indices: [Int], next: Int)] = [:]

    init(_ keys: [[String]]) {
        for (index, key) in keys.enumerated() { queues[key, default: ([], 0)].indices.append(index) }
    }

    /// The first index queued under `key` that `taken` does not mark, now dequeued.
    mutating func takeFirst(_ key: [String], skipping taken: [Bool]) -> Int? {
        guard var queue = queues.removeValue(forKey: key) else { return nil }
        defer { queues[key] = queue }
        while queue.next < queue.indices.count {
            let index = queue.indices[queue.next]
            queue.next += 1
            if !taken[index] { return index }
        }
        return nil
    }
}
