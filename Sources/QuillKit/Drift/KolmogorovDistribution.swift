import Foundation

/// The distribution of the two-sided one-sample Kolmogorov–Smirnov statistic D_n, whose survival
/// function is the asymptotic p-value of the two-sample test. It follows Simard and L'Ecuyer
/// (2011) branch for branch as SciPy's `kstwo.sf` does: Ruben–Gambino's closed forms at the
/// ends, twice the one-sided Smirnov probability (Birnbaum–Tingey's sum) in the tail, the
/// Durbin matrix (Marsaglia–Tsang–Wang) for small n·x, and Pelz–Good's expansion otherwise.
/// Where SciPy uses Pomeranz's recursion (n ≤ 140, 0.754693 < n·x² ≤ 4) this uses the Durbin
/// matrix, which is exact too.
enum KolmogorovDistribution {
    /// P(D_n > x).
    static func survival(_ x: Double, count n: Int) -> Double {
        if x >= 1 { return 0 }
        if x <= 0 { return 1 }
        let nd = Double(n)
        let t = nd * x
        if t <= 1 {
            if t <= 0.5 { return 1 }
            let cdf = n <= 140
                ? (1...n).reduce(1.0) { $0 * Double($1) / nd * (2 * t - 1) }
                : exp(logFactorialOverPower(n) + nd * log(2 * t - 1))
            return clip(1 - cdf)
        }
        if t >= nd - 1 { return clip(2 * pow(1 - x, nd)) }
        if x >= 0.5 { return clip(2 * smirnov(n, x)) }
        let nxSquared = t * x
        if n <= 140 {
            if nxSquared <= 4 { return clip(1 - durbinMatrix(n, x)) }
            return clip(2 * smirnov(n, x))
        }
        if nxSquared >= 370 { return 0 }
        if nxSquared >= 2.2 { return clip(2 * smirnov(n, x)) }
        let cdf = n <= 100_000 && nd * pow(x, 1.5) <= 1.4 ? durbinMatrix(n, x) : pelzGood(n, x)
        return clip(1 - cdf)
    }

    private static func clip(_ p: Double) -> Double { min(max(p, 0), 1) }

    /// log(n! / nⁿ) by Stirling's series.
    private static func logFactorialOverPower(_ n: Int) -> Double {
        let coefficients = [
            -2.955065359477124183e-2, 6.4102564102564102564e-3, -1.9175269175269175269e-3, 8.4175084175084175084e-4,
            -5.952380952380952381e-4, 7.9365079365079365079e-4, -2.7777777777777777778e-3, 8.3333333333333333333e-2,
        ]
        let rn = 1 / Double(n)
        let series = coefficients.reduce(0.0) { $0 * (rn / Double(n)) + $1 }
        return log(Double(n)) / 2 - Double(n) + log(2 * Double.pi) / 2 + rn * series
    }

    /// The one-sided Smirnov probability P(D⁺_n > x), as the Birnbaum–Tingey sum
    /// Σ_{v=0}^{⌊n(1−x)⌋} C(n,v) x (x + v/n)^(v−1) (1 − x − v/n)^(n−v), each term in logarithms;
    /// beyond a million, the approximation exp(−(6nx+1)²/18n) SciPy uses there.
    static func smirnov(_ n: Int, _ x: Double) -> Double {
        if x <= 0 { return 1 }
        if x >= 1 { return 0 }
        let nd = Double(n)
        if n == 1 { return 1 - x }
        if nd * x <= 1 { return 1 - x * pow(1 + x, nd - 1) }
        if -2 * nd * x * x < -708.3964185322641 { return 0 }
        if nd * x >= nd - 1 { return pow(1 - x, nd) }
        if n > 1_000_000 {
            let logp = -pow(6 * nd * x + 1, 2) / 18 / nd
            return logp < -M_LN2 ? exp(logp) : 1 + expm1(logp)
        }
        let last = Int((nd * (1 - x)).rounded(.down))
        let logN = logGamma(nd + 1)
        var sum = 0.0
        for v in 0...last {
            let vd = Double(v)
            let rest = 1 - x - vd / nd
            guard rest > 0 else { break }
            let logTerm = logN - logGamma(vd + 1) - logGamma(nd - vd + 1) + log(x) + (vd - 1) * log(x + vd / nd) + (nd - vd) * log(rest)
            sum += exp(logTerm)
        }
        return sum
    }

    private static func logGamma(_ x: Double) -> Double {
        lgamma(x)
    }

    /// P(D_n ≤ x) by the Durbin matrix as Marsaglia, Tsang and Wang compute it: the k-th diagonal
    /// element of Hⁿ, scaled by n!/nⁿ, with exponents kept apart so nothing overflows.
    static func durbinMatrix(_ n: Int, _ d: Double) -> Double {
        if d >= 1 { return 1 }
        let nd = Double(n) * d
        if nd <= 0.5 { return 0 }
        let k = Int(nd.rounded(.up))
        let h = Double(k) - nd
        let m = 2 * k - 1
        var v = (1...m).map { 1 - pow(h, Double($0)) }
        var w = [Double](repeating: 0, count: m)
        var factorial = 1.0
        for j in 1...m {
            w[j - 1] = factorial
            factorial /= Double(j)
            v[j - 1] *= factorial
        }
        v[m - 1] = (1 + pow(max(2 * h - 1, 0), Double(m)) - 2 * pow(h, Double(m))) * factorial
        var matrix = SquareMatrix(size: m)
        for i in 1..<m {
            for row in (i - 1)..<m { matrix[row, i] = w[row - i + 1] }
        }
        for row in 0..<m { matrix[row, 0] = v[row] }
        for column in 0..<m { matrix[m - 1, column] = v[m - 1 - column] }
        var power = SquareMatrix.identity(size: m)
        var remaining = n
        var exponent = 0
        var matrixExponent = 0
        let scale = 0x1p128
        while remaining > 0 {
            if remaining % 2 == 1 {
                power = power * matrix
                exponent += matrixExponent
            }
            matrix = matrix * matrix
            matrixExponent *= 2
            if abs(matrix[k - 1, k - 1]) > scale {
                matrix.scale(by: 1 / scale)
                matrixExponent += 128
            }
            remaining /= 2
        }
        var p = power[k - 1, k - 1]
        for i in 1...n {
            p = Double(i) * p / Double(n)
            if abs(p) < 0x1p-128 {
                p *= scale
                exponent -= 128
            }
        }
        return exponent == 0 ? p : scalbn(p, exponent)
    }

    /// P(D_n ≤ x) by Pelz and Good's expansion K₀ + K₁/√n + K₂/n + K₃/n^1.5 in theta-function form.
    static func pelzGood(_ n: Int, _ x: Double) -> Double {
        if x <= 0 { return 0 }
        if x >= 1 { return 1 }
        let pi2 = Double.pi * Double.pi
        let pi4 = pi2 * pi2
        let pi6 = pi4 * pi2
        let sqrt2pi = (2 * Double.pi).squareRoot()
        let z = Double(n).squareRoot() * x
        let z2 = z * z
        let z3 = z2 * z
        let z4 = z2 * z2
        let z6 = z4 * z2
        let qlog = -pi2 / 8 / z2
        if qlog < -708 { return 0 }
        var q = exp(qlog)
        let k1a = -z2
        let k1b = pi2 / 4
        let k2a = 6 * z6 + 2 * z4
        let k2b = (2 * z4 - 5 * z2) * pi2 / 4
        let k2c = pi4 * (1 - 2 * z2) / 16
        let k3d = pi6 * (5 - 30 * z2) / 64
        let k3c = pi4 * (-60 * z2 + 212 * z4) / 16
        let k3b = pi2 * (135 * z4 - 96 * z6) / 4
        let k3a = -30 * z6 - 90 * pow(z, 8)
        var terms = [0.0, 0.0, 0.0, 0.0]
        let maxK = Int((16 * z / Double.pi).rounded(.up))
        for k in stride(from: maxK, through: 1, by: -1) {
            let m = Double(2 * k - 1)
            let m2 = m * m
            let m4 = m2 * m2
            let m6 = m4 * m2
            let qPower = pow(q, Double(8 * k))
            let coefficients = [1, k1a + k1b * m2, k2a + k2b * m2 + k2c * m4, k3a + k3b * m2 + k3c * m4 + k3d * m6]
            for index in 0..<4 { terms[index] = terms[index] * qPower + coefficients[index] }
        }
        let divisors = [z, 6 * z4, 72 * pow(z, 7), 6480 * pow(z, 10)]
        for index in 0..<4 { terms[index] = terms[index] * q * sqrt2pi / divisors[index] }
        q = exp(-pi2 / 2 / z2)
        var k2Extra = 0.0
        var k3Extra = 0.0
        let sqrt3z = 3.0.squareRoot() * z
        for k in stride(from: maxK, through: 1, by: -1) {
            let kd = Double(k)
            let qPower = pow(q, kd * kd)
            k2Extra += kd * kd * qPower
            k3Extra += (sqrt3z + Double.pi * kd) * (sqrt3z - Double.pi * kd) * kd * kd * qPower
        }
        terms[2] += k2Extra * pi2 * sqrt2pi / (-36 * z3)
        terms[3] += k3Extra * pi2 * sqrt2pi / (216 * z6)
        return (0..<4).reduce(0.0) { $0 + terms[$1] / pow(Double(n), Double($1) / 2) }
    }
}
