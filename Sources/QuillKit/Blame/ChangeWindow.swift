/// Where exactly a level shift found at `index` may start: the first bad evaluated point is one of
/// index − `reach` … index + `reach` (within the shift's segments), weighed by the evidence of the
/// points whose side is in doubt.
///
/// With D_k the log-likelihood ratio of point k being at the new level (`BoundaryEvidence`), the
/// boundary j (points ≥ j at the new level) has log-likelihood Σ_{k ∈ doubtful, k ≥ j} D_k; the
/// references for D are the segments' other points nearest the change.
struct ChangeWindow {
    /// The point the window is centred on (the change-point test's first bad point, or a better one).
    let center: Int
    /// The possible first bad points, oldest first.
    let boundaries: [Int]
    /// The points whose side depends on the boundary.
    let doubtful: [Int]
    /// Reference points of the old and new levels (at most `referenceCount` each, nearest first).
    let before: [Int]
    let after: [Int]

    /// How many points of each level serve as references.
    static let referenceCount = 5
    /// How many points either side of `index` the first bad point may be.
    static let reach = 2

    /// The window of a shift at `index` inside the segments `lower..<upper`.
    init(index: Int, lower: Int, upper: Int) {
        center = index
        let boundaries = (index - ChangeWindow.reach...index + ChangeWindow.reach).filter { $0 >= lower + 1 && $0 <= upper - 1 }
        let doubtful = Array(boundaries.dropLast())
        self.boundaries = boundaries
        self.doubtful = doubtful
        let firstDoubtful = doubtful.first ?? index
        let lastSure = doubtful.last.map { $0 + 1 } ?? index
        before = Array((lower..<firstDoubtful).reversed().prefix(ChangeWindow.referenceCount))
        after = Array((lastSure..<upper).prefix(ChangeWindow.referenceCount))
    }

    /// Each boundary's log-likelihood from the points' D values (`evidence[k]` for doubtful k).
    func logLikelihoods(_ evidence: [Int: Double]) -> [Double] {
        boundaries.map { boundary in doubtful.filter { $0 >= boundary }.map { evidence[$0] ?? 0 }.reduce(0, +) }
    }
}
