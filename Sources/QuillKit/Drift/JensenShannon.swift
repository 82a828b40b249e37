import Foundation

/// The Jensen–Shannon divergence of two frequency distributions, in bits (base-2 logarithms), so
/// it lies in [0, 1]: 0 for equal distributions, 1 for distributions with no item in common. It is
/// the square of SciPy's `scipy.spatial.distance.jensenshannon(p, q, base=2)`, which returns the
/// distance (the divergence's square root). Items are added one at a time with their count on
/// each side; the totals are known in advance. The terms are summed in 128-bit fixed point (units
/// of 2⁻¹⁰⁰), so the result does not depend on the order items come in: a dictionary's order
/// changes from run to run, and the report must not.
struct JensenShannon {
    private let totals: (Double, Double)
    private var sum: Int128 = 0

    /// Starts a divergence of two sides whose counts sum to `totals`.
    init(totals: (Int, Int)) {
        self.totals = (Double(totals.0), Double(totals.1))
    }

    /// Adds one item's counts. O(1).
    mutating func add(_ countA: Int, _ countB: Int) {
        guard totals.0 > 0, totals.1 > 0 else { return }
        let p = Double(countA) / totals.0
        let q = Double(countB) / totals.1
        let m = (p + q) / 2
        if p > 0 { sum += Int128(p * log(p / m) * 0x1p100) }
        if q > 0 { sum += Int128(q * log(q / m) * 0x1p100) }
    }

    /// The divergence of what was added; nil when a side has no count at all.
    var divergence: Double? {
        guard totals.0 > 0, totals.1 > 0 else { return nil }
        return max(0, Double(sum) * 0x1p-100 / 2 / M_LN2)
    }
}
