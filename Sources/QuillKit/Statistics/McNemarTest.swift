import Foundation

/// McNemar's exact test for paired pass/fail outcomes: of the cases whose verdict flipped, are
/// pass→fail and fail→pass equally likely? The two-sided p-value of the binomial(n, ½) test on the
/// discordant pairs.
public struct McNemarTest: Codable, Sendable, Equatable {
    /// Cases that passed on both sides.
    public let bothPass: Int
    /// Cases that failed on both sides.
    public let bothFail: Int
    /// Cases that passed at A and failed at B.
    public let passToFail: Int
    /// Cases that failed at A and passed at B.
    public let failToPass: Int
    /// The exact two-sided p-value; 1 when nothing flipped.
    public let pValue: Double

    /// The cases in the table.
    public var judged: Int { bothPass + bothFail + passToFail + failToPass }

    /// Tests the 2×2 table of paired outcomes.
    public init(bothPass: Int, bothFail: Int, passToFail: Int, failToPass: Int) {
        self.bothPass = bothPass
        self.bothFail = bothFail
        self.passToFail = passToFail
        self.failToPass = failToPass
        pValue = McNemarTest.exactPValue(passToFail, failToPass)
    }

    /// 2 · P(X ≤ min(b, c)) for X ~ Binomial(b + c, ½), capped at 1. Complexity: O(min(b, c)).
    public static func exactPValue(_ b: Int, _ c: Int) -> Double {
        let n = b + c
        guard n > 0 else { return 1 }
        let smaller = min(b, c)
        // Sum in log space from the mode side down, so large tables neither overflow nor underflow.
        let logHalf = Double(n) * log(0.5)
        var total = 0.0
        for k in 0...smaller {
            total += exp(logChoose(n, k) + logHalf)
        }
        return min(1, 2 * total)
    }

    /// log C(n, k).
    private static func logChoose(_ n: Int, _ k: Int) -> Double {
        lgamma(Double(n) + 1) - lgamma(Double(k) + 1) - lgamma(Double(n - k) + 1)
    }
}
