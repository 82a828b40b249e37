/// Prefix sums with O(log n) updates, 1-based.
struct FenwickTree {
    private var tree: [Double]

    init(size: Int) { tree = Array(repeating: 0, count: size + 1) }

    mutating func add(_ value: Double, at position: Int) {
        var index = position
        while index < tree.count {
            tree[index] += value
            index += index & -index
        }
    }

    /// The sum over positions 1…position.
    func prefix(_ position: Int) -> Double {
        var index = position
        var sum = 0.0
        while index > 0 {
            sum += tree[index]
            index -= index & -index
        }
        return sum
    }
}
