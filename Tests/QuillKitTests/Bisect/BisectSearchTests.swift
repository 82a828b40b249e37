@testable import QuillKit
import Testing

@Suite("Bisect search")
struct BisectSearchTests {
    /// Runs the search against a monotone history whose first bad position is `culprit` (`count`: none).
    private func evaluations(count: Int, culprit: Int) -> (found: [Int], runs: Int) {
        var verdicts = [BisectStep.Verdict?](repeating: nil, count: count)
        var runs = 0
        while let next = BisectSearch(verdicts: verdicts).next() {
            verdicts[next] = next >= culprit ? .bad : .good
            runs += 1
        }
        return (BisectSearch(verdicts: verdicts).possibleFirstBad, runs)
    }

    @Test("finds every culprit position in at most ceil(log2 n) + 1 evaluations", arguments: Array(1...64))
    func bound(count: Int) {
        var bound = 0
        while (1 << bound) < count { bound += 1 }
        for culprit in 0...count {
            let (found, runs) = evaluations(count: count, culprit: culprit)
            #expect(found == [culprit])
            #expect(runs <= bound + 1, "n=\(count) culprit=\(culprit): \(runs) runs")
        }
    }

    @Test("prefers a candidate that is already recorded over running the middle one")
    func prefersFree() {
        let search = BisectSearch(verdicts: Array(repeating: nil, count: 16))
        #expect(search.next() == 7)
        #expect(search.next(free: [2, 13]) == 2)
        #expect(search.next(free: [20]) == 7)
    }

    @Test("steps around skipped candidates and names every possible first bad commit")
    func skips() {
        var verdicts = [BisectStep.Verdict?](repeating: nil, count: 5)
        verdicts[2] = .skipped
        #expect(BisectSearch(verdicts: verdicts).next() == 1)
        verdicts[1] = .good
        verdicts[3] = .bad
        let search = BisectSearch(verdicts: verdicts)
        #expect(search.isFinished)
        #expect(search.possibleFirstBad == [2, 3])
    }
}
