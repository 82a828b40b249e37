/// Binary search over candidates ordered oldest first, with the known good commit before the first and the
/// known bad commit after the last.
///
/// The first bad candidate is the answer; position `count` stands for the bad commit itself. Each choice
/// halves the positions still possible, so `s` possible positions need at most ceil(log2 s) evaluations
/// when nothing is skipped.
struct BisectSearch {
    let verdicts: [BisectStep.Verdict?]

    /// The first candidate known bad, or `verdicts.count` (the bad commit) when none is.
    var firstKnownBad: Int {
        verdicts.firstIndex { $0 == .bad } ?? verdicts.count
    }

    /// The last candidate known good before `firstKnownBad`, or -1 (the good commit).
    var lastKnownGood: Int {
        verdicts[..<firstKnownBad].lastIndex { $0 == .good } ?? -1
    }

    /// The candidates between the last good and the first bad that are not decided yet.
    var open: [Int] {
        let low = lastKnownGood
        let high = firstKnownBad
        return (low + 1..<high).filter { verdicts[$0] == nil }
    }

    /// Whether the search has narrowed as far as it can.
    var isFinished: Bool { open.isEmpty }

    /// The positions that may still be the first bad one: skipped candidates between the last good and the
    /// first bad, then the first bad (`verdicts.count` for the bad commit).
    var possibleFirstBad: [Int] {
        Array(lastKnownGood + 1...firstKnownBad).filter { $0 == verdicts.count || verdicts[$0] != .good }
    }

    /// The candidate to decide next: the open one nearest the middle, preferring those that are free
    /// (already recorded); `nil` when finished.
    func next(free: Set<Int> = []) -> Int? {
        let candidates = open
        guard !candidates.isEmpty else { return nil }
        let middle = (lastKnownGood + firstKnownBad) / 2
        let pool = candidates.filter(free.contains)
        return (pool.isEmpty ? candidates : pool).min { (abs($0 - middle), $0) < (abs($1 - middle), $1) }
    }
}
