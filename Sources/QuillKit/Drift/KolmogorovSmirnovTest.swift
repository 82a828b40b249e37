import Foundation

/// The two-sample Kolmogorov–Smirnov test, two-sided, as SciPy's `ks_2samp(a, b, method='auto')`
/// computes it: the statistic is the largest distance between the two empirical distribution
/// functions (ties handled as `searchsorted(side='right')` does); the p-value is exact when
/// neither sample has more than 10,000 values (Hodges' lattice-path count, Viehmann's stable
/// recursion), and otherwise asymptotic, the survival function of the one-sample statistic with
/// n = round(n₁n₂/(n₁+n₂)) (`kstwo.sf`). When the exact count fails numerically it falls back to the
/// asymptotic value, as SciPy does.
public struct KolmogorovSmirnovTest: Codable, Sendable, Equatable {
    /// How the p-value was computed.
    public enum Method: String, Codable, Sendable {
        case exact, asymptotic
    }

    /// The largest distance between the two empirical distribution functions, in [0, 1].
    public let statistic: Double
    /// The probability of a distance at least this large if both samples came from one distribution.
    public let pValue: Double
    public let method: Method

    /// SciPy's `MAX_AUTO_N`: the largest sample for which `auto` tries the exact p-value.
    static let exactLimit = 10_000

    /// Tests two non-empty samples of whole numbers (sentence lengths). Complexity: O(n log n) for
    /// the statistic; the exact p-value costs O(n₁·n₂·D/gcd) at most 10⁸ steps.
    init(_ first: [Int], _ second: [Int]) {
        precondition(!first.isEmpty && !second.isEmpty, "samples must not be empty")
        let n1 = first.count
        let n2 = second.count
        let g = Self.gcd(n1, n2)
        let (n1g, n2g) = (n1 / g, n2 / g)
        // The distance as h / lcm(n1, n2), exact in integers: c1/n1 − c2/n2 = (c1·n2g − c2·n1g) / lcm.
        var h = 0
        let a = first.sorted()
        let b = second.sorted()
        var i = 0
        var j = 0
        while i < n1 || j < n2 {
            let value = i < n1 && (j >= n2 || a[i] <= b[j]) ? a[i] : b[j]
            while i < n1, a[i] == value { i += 1 }
            while j < n2, b[j] == value { j += 1 }
            h = max(h, abs(i * n2g - j * n1g))
        }
        let lcm = Double(n1g) * Double(n2)
        statistic = Double(h) / lcm
        if max(n1, n2) <= Self.exactLimit, let exact = Self.exactPValue(n1, n2, g: g, h: h) {
            pValue = exact
            method = .exact
        } else {
            let (m, n) = (Double(max(n1, n2)), Double(min(n1, n2)))
            pValue = KolmogorovDistribution.survival(statistic, count: Int((m * n / (m + n)).rounded(.toNearestOrEven)))
            method = .asymptotic
        }
    }

    /// The exact two-sided p-value, or nil when the computation leaves [0, 1] or overflows.
    private static func exactPValue(_ n1: Int, _ n2: Int, g: Int, h: Int) -> Double? {
        guard h > 0 else { return 1 }
        let p = n1 == n2 ? outsideSquare(n1, h) : outsideInside(n1, n2, g: g, h: h)
        return p.isFinite && (0...1).contains(p) ? p : nil
    }

    /// The share of lattice paths from (0,0) to (n,n) that reach |x − y| ≥ h, by the alternating
    /// binomial sum in Horner form.
    private static func outsideSquare(_ n: Int, _ h: Int) -> Double {
        var p = 0.0
        var k = n / h
        while k >= 0 {
            var term = 1.0
            for j in 0..<h { term = Double(n - k * h - j) * term / Double(n + k * h + j + 1) }
            p = term * (1 - p)
            k -= 1
        }
        return 2 * p
    }

    /// The share of lattice paths from (0,0) to (m,n) that leave the band |x/m − y/n| < h/lcm, by a
    /// sliding column of the path-count table that holds one minus the share directly.
    private static func outsideInside(_ first: Int, _ second: Int, g: Int, h: Int) -> Double {
        let (m, n) = (max(first, second), min(first, second))
        let mg = m / g
        let ng = n / g
        var minJ = 0
        var maxJ = min(Int((Double(h) / Double(mg)).rounded(.up)), n + 1)
        var currentLength = maxJ - minJ
        var column = [Double](repeating: 1, count: min(2 * maxJ + 2, n + 1))
        for index in minJ..<maxJ { column[index] = 0 }
        for i in 1...m {
            let (lastMinJ, lastLength) = (minJ, currentLength)
            minJ = min(max(Int((Double(ng * i - h) / Double(mg)).rounded(.down)) + 1, 0), n)
            maxJ = min(Int((Double(ng * i + h) / Double(mg)).rounded(.up)), n + 1)
            if maxJ <= minJ { return 1 }
            var value = minJ == 0 ? 0.0 : 1.0
            for offset in 0..<(maxJ - minJ) {
                let j = offset + minJ
                value = (column[offset + minJ - lastMinJ] * Double(i) + value * Double(j)) / Double(i + j)
                column[offset] = value
            }
            currentLength = maxJ - minJ
            if lastLength > currentLength {
                for index in currentLength..<(currentLength + lastLength - currentLength) { column[index] = 1 }
            }
        }
        return column[maxJ - minJ - 1]
    }

    private static func gcd(_ a: Int, _ b: Int) -> Int {
        b == 0 ? a : gcd(b, a % b)
    }
}
