/// The best `capacity` items of a stream by a strict order, kept sorted, best first: O(n·k) in the
/// worst case, O(n) when most items lose to the worst kept one.
struct TopList<Item> {
    let capacity: Int
    /// Whether the first item ranks before the second.
    let ranksBefore: (Item, Item) -> Bool
    private(set) var items = [Item]()

    init(capacity: Int, ranksBefore: @escaping (Item, Item) -> Bool) {
        self.capacity = capacity
        self.ranksBefore = ranksBefore
    }

    mutating func offer(_ item: Item) {
        guard capacity > 0 else { return }
        if items.count == capacity {
            guard let last = items.last, ranksBefore(item, last) else { return }
            items.removeLast()
        }
        let index = items.firstIndex { ranksBefore(item, $0) } ?? items.count
        items.insert(item, at: index)
    }
}
