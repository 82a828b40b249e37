/// How strongly one evaluated commit near a change point belongs to the new level rather than the old:
/// the log-likelihood ratio D = log P(x | after) − log P(x | before), from its per-case results when
/// it and the references on both sides have them, else from its mean.
///
/// Per case i, with b_i and a_i the case's mean over the reference commits before and after and v_i
/// its variance within them (shrunk towards the mean variance over cases with two pseudo-observations,
/// so a case seen once is not trusted blindly): D = Σ_i ((x_i − b_i)² − (x_i − a_i)²) / (2 v_i). The
/// cases that did not change (b_i = a_i) add nothing, so the evidence sits on the cases the change moved,
/// paired across commits, instead of being diluted by every case's noise as the mean is. Case ids that
/// only one level has (a changed dataset) count for that level.
struct BoundaryEvidence {
    let before: [CaseValues]
    let after: [CaseValues]

    /// Per-case D for `point`; `nil` when some side lacks the cases it needs.
    func perCase(_ point: CaseValues) -> Double? {
        guard !point.isEmpty, !before.isEmpty, !after.isEmpty, !before.contains(where: \.isEmpty), !after.contains(where: \.isEmpty) else {
            return nil
        }
        var rows = [(x: Double, b: Double, a: Double, squares: Double, count: Int)]()
        rows.reserveCapacity(point.values.count)
        for (id, x) in point.values {
            let old = before.compactMap { $0.values[id] }
            let new = after.compactMap { $0.values[id] }
            guard !old.isEmpty, !new.isEmpty else { continue }
            let b = old.reduce(0, +) / Double(old.count)
            let a = new.reduce(0, +) / Double(new.count)
            var squares = 0.0
            for value in old { squares += (value - b) * (value - b) }
            for value in new { squares += (value - a) * (value - a) }
            rows.append((x, b, a, squares, old.count + new.count - 2))
        }
        guard rows.count >= 5 else { return nil }
        var total = caseSetEvidence(point)
        let freedom = rows.map(\.count).reduce(0, +)
        let pooled = freedom > 0 ? rows.map(\.squares).reduce(0, +) / Double(freedom) : 0
        let spread = rows.map { ($0.a - $0.b) * ($0.a - $0.b) }.reduce(0, +) / Double(rows.count)
        // The prior variance: the pooled within-case variance, never below a fifth of the mean squared
        // change (so a series of identical reruns does not make every flip infinitely telling).
        let prior = max(pooled, spread / 5, 1e-9)
        for row in rows {
            let variance = (row.squares + 2 * prior) / Double(row.count + 2)
            let toBefore = (row.x - row.b) * (row.x - row.b)
            let toAfter = (row.x - row.a) * (row.x - row.a)
            total += (toBefore - toAfter) / (2 * variance)
        }
        return total
    }

    /// Nats each case id adds when only one level's references have it (a changed dataset).
    static let caseSetWeight = 2.0

    /// The evidence of which cases `point` has: ids only the new level's references have, present in the
    /// point or missing from it (and the same for the old level's), weighed `caseSetWeight` each.
    private func caseSetEvidence(_ point: CaseValues) -> Double {
        let old = Set(before.flatMap(\.values.keys))
        let new = Set(after.flatMap(\.values.keys))
        let onlyOld = old.subtracting(new)
        let onlyNew = new.subtracting(old)
        guard !onlyOld.isEmpty || !onlyNew.isEmpty else { return 0 }
        let ids = Set(point.values.keys)
        let towardsNew = onlyNew.intersection(ids).count + onlyOld.subtracting(ids).count
        let towardsOld = onlyOld.intersection(ids).count + onlyNew.subtracting(ids).count
        return BoundaryEvidence.caseSetWeight * Double(towardsNew - towardsOld)
    }

    /// D from means alone: Gaussian levels at the references' means with their pooled variance
    /// (`fallbackVariance` when the references are too short to give one).
    static func fromMeans(_ x: Double, before: [Double], after: [Double], fallbackVariance: Double) -> Double {
        let b = before.reduce(0, +) / Double(before.count)
        let a = after.reduce(0, +) / Double(after.count)
        var squares = 0.0
        for value in before { squares += (value - b) * (value - b) }
        for value in after { squares += (value - a) * (value - a) }
        let freedom = before.count + after.count - 2
        let variance = freedom >= 4 ? squares / Double(freedom) : fallbackVariance
        return ((x - b) * (x - b) - (x - a) * (x - a)) / (2 * max(variance, 1e-12))
    }
}
