import Foundation
@testable import QuillKit
import Testing

@Suite("Statistics")
struct StatisticsTests {
    /// `count` draws from a normal distribution (Box–Muller over the seeded generator).
    private func normalSample(count: Int, mean: Double, deviation: Double, seed: UInt64) -> [Double] {
        var generator = SeededGenerator(seed: seed)
        func uniform() -> Double { (Double(generator.next() >> 11) + 0.5) / Double(1 << 53) }
        return (0..<count).map { _ in
            mean + deviation * (-2 * log(uniform())).squareRoot() * cos(2 * Double.pi * uniform())
        }
    }

    @Test("the paired bootstrap interval matches the analytical t-interval on a large sample", arguments: [42, 43, 44] as [UInt64])
    func bootstrapMatchesT(seed: UInt64) throws {
        let differences = normalSample(count: 3_000, mean: 0.04, deviation: 0.5, seed: seed)
        let summary = try #require(SampleSummary(differences))
        let standardError = try #require(summary.standardDeviation) / Double(differences.count).squareRoot()
        let t = 1.96076  // t(0.975, 2999)
        let halfWidth = t * standardError
        let interval = try #require(PairedBootstrap.interval(of: differences))
        #expect(interval.resamples >= 2_000)
        #expect(interval.level == 0.95)
        // Percentile bootstrap and t-interval agree to within a few per cent of the interval's half-width.
        #expect(abs(interval.lower - (summary.mean - halfWidth)) < 0.08 * halfWidth, "\(interval) vs \(summary.mean) ± \(halfWidth)")
        #expect(abs(interval.upper - (summary.mean + halfWidth)) < 0.08 * halfWidth, "\(interval) vs \(summary.mean) ± \(halfWidth)")
        #expect(interval.excludesZero == (summary.mean - halfWidth > 0))
    }

    @Test("the bootstrap is reproducible: same data and seed, same interval; another seed, another interval")
    func bootstrapReproducible() throws {
        let differences = normalSample(count: 200, mean: 0, deviation: 1, seed: 7)
        let first = try #require(PairedBootstrap.interval(of: differences))
        let second = try #require(PairedBootstrap.interval(of: differences))
        #expect(first == second)
        #expect(first.seed == "5155494c4c000001")
        #expect(first.resamples == 2_000)
        let other = try #require(PairedBootstrap.interval(of: differences, seed: 99))
        #expect(other.lower != first.lower)
        #expect(PairedBootstrap.interval(of: []) == nil)
        let constant = try #require(PairedBootstrap.interval(of: [0.5, 0.5, 0.5]))
        #expect(constant.lower == 0.5 && constant.upper == 0.5)
    }

    /// (pass→fail, fail→pass, exact two-sided p), worked out by hand.
    static let tables: [(Int, Int, Double)] = [
        (0, 0, 1.0),
        (7, 0, 2.0 / 128),  // 2 · ½⁷
        (1, 9, 11.0 / 512),  // 2 · (1 + 10) / 2¹⁰
        (3, 12, 9.0 / 256),  // 2 · (1 + 15 + 105 + 455) / 2¹⁵
        (5, 5, 1.0),  // 2 · P(X ≤ 5) > 1, capped
        (10, 25, 71_613_631.0 / 4_294_967_296),  // 2 · Σ_{k≤10} C(35, k) / 2³⁵
        (25, 10, 71_613_631.0 / 4_294_967_296),
    ]

    @Test("McNemar's exact p-value equals hand-computed binomial tails", arguments: tables)
    func mcNemar(passToFail: Int, failToPass: Int, expected: Double) {
        let test = McNemarTest(bothPass: 50, bothFail: 3, passToFail: passToFail, failToPass: failToPass)
        #expect(abs(test.pValue - expected) < 1e-12 * max(1, expected), "\(test.pValue) vs \(expected)")
    }

    @Test("McNemar's exact p-value equals SciPy's binomtest on 12 tables up to 10,000 flips (Fixtures/statistics)")
    func mcNemarAgainstSciPy() throws {
        struct Expected: Decodable {
            struct Table: Decodable { let passToFail: Int, failToPass: Int, pValue: Double }
            let tables: [Table]
        }
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Fixtures/statistics/mcnemar.json")
        let expected = try JSONDecoder().decode(Expected.self, from: Data(contentsOf: url))
        #expect(expected.tables.count == 12)
        for table in expected.tables {
            let p = McNemarTest.exactPValue(table.passToFail, table.failToPass)
            #expect(abs(p - table.pValue) <= 1e-9 * table.pValue, "(\(table.passToFail), \(table.failToPass)): \(p) vs SciPy \(table.pValue)")
        }
    }

    @Test("McNemar's exact test stays finite on large tables")
    func mcNemarLarge() {
        let p = McNemarTest.exactPValue(2_000, 2_300)
        #expect(p > 0 && p < 0.001)
        #expect(McNemarTest.exactPValue(3_000, 3_000) == 1)
    }

    @Test("summaries give the mean, the sample standard deviation and n")
    func summaries() throws {
        let summary = try #require(SampleSummary([1, 2, 3, 4]))
        #expect(summary.mean == 2.5)
        #expect(abs((summary.standardDeviation ?? 0) - 1.2909944487358056) < 1e-12)
        #expect(summary.count == 4)
        #expect(SampleSummary([3])?.standardDeviation == nil)
        #expect(SampleSummary([]) == nil)
    }
}
