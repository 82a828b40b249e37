/// Pairs the messages of two prompt versions: first identical messages (same role and text, in
/// order), then the rest by role and position (the first remaining `user` message with the first
/// remaining `user` message, and so on). Unpaired messages were added or removed; paired ones that
/// are out of order relative to the others were moved.
enum MessageMatcher {
    /// Every message of both versions, in the new version's order, removed ones at their old place.
    static func changes(from old: [PromptMessage], to new: [PromptMessage]) throws -> [MessageChange] {
        var partner = [Int?](repeating: nil, count: new.count)
        var taken = [Bool](repeating: false, count: old.count)
        for (newIndex, message) in new.enumerated() {
            if let oldIndex = old.indices.first(where: { !taken[$0] && old[$0].role == message.role && old[$0].text == message.text }) {
                partner[newIndex] = oldIndex
                taken[oldIndex] = true
            }
        }
        for (newIndex, message) in new.enumerated() where partner[newIndex] == nil {
            if let oldIndex = old.indices.first(where: { !taken[$0] && old[$0].role == message.role }) {
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
