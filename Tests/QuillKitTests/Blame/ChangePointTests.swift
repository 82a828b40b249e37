import Foundation
@testable import QuillKit
import TestSupport
import Testing

@Suite("E-divisive change points")
struct ChangePointTests {
    /// Standard normal noise (Box–Muller) from a seeded generator.
    private static func gaussian(_ random: inout SplitMix64) -> Double {
        let u = max(Double.random(in: 0..<1, using: &random), 1e-12)
        let v = Double.random(in: 0..<1, using: &random)
        return (-2 * log(u)).squareRoot() * cos(2 * .pi * v)
    }

    @Test("pairwise sums over prefixes equal the direct O(n²) sums")
    func pairwiseSums() {
        let values = [3.0, -1, 4, 1, 5, 9, 2, 6, 5, 3, 5]
        let sums = ChangePointDetector.pairwiseSums(values)
        for k in 0...values.count {
            var direct = 0.0
            for i in 0..<k { for j in (i + 1)..<max(k, i + 1) { direct += abs(values[i] - values[j]) } }
            #expect(abs(sums[k] - direct) < 1e-9, "k = \(k)")
        }
    }

    @Test("shifts of 3 to 5 noise standard deviations are found at their commit: recall and precision at least 0.95")
    func injectedShifts() {
        var random = SplitMix64(seed: 2026)
        var injected = 0
        var detected = 0
        var hits = 0
        var exact = 0
        for _ in 0..<40 {
            let count = 150
            var shifts = [Int]()
            while shifts.count < Int.random(in: 1...3, using: &random) {
                let at = Int.random(in: 10...(count - 10), using: &random)
                if shifts.allSatisfy({ abs($0 - at) >= 15 }) { shifts.append(at) }
            }
            var level = 0.8
            var values = [Double]()
            for index in 0..<count {
                if shifts.contains(index) { level += (Bool.random(using: &random) ? 1 : -1) * Double.random(in: 3...5, using: &random) * 0.01 }
                values.append(level + 0.01 * ChangePointTests.gaussian(&random))
            }
            let found = LevelShift.find(in: values).map(\.index)
            injected += shifts.count
            detected += found.count
            hits += found.filter { point in shifts.contains { abs($0 - point) <= 2 } }.count
            exact += found.filter(shifts.contains).count
        }
        let recall = Double(hits) / Double(injected)
        let precision = Double(hits) / Double(max(detected, 1))
        print("change points: \(injected) injected, \(detected) found, recall \(recall), precision \(precision), at the exact commit \(exact)")
        #expect(recall >= 0.95)
        #expect(precision >= 0.95)
    }

    @Test("noise alone over 1,000 evaluated commits raises at most one false alarm", arguments: [UInt64(1), 2, 3])
    func noiseOnly(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        let values = (0..<1000).map { _ in 0.8 + 0.01 * ChangePointTests.gaussian(&random) }
        let found = LevelShift.find(in: values)
        print("noise only (seed \(seed)): \(found.count) false alarm(s) in 1000 points")
        #expect(found.count <= 1)
    }
}
