/// What every format computes from its per-case rows: aggregate means and repeat numbers.
enum CaseStatistics {
    /// The name of the aggregate share of passing cases.
    static let passRate = "pass_rate"

    /// The mean of each metric over the cases that have it, and `pass_rate`: passed cases over the cases
    /// with a verdict (absent when none has one). Every repeat counts as a case.
    static func aggregates(of cases: [EvalCase]) -> [String: Double] {
        var sums: [String: (total: Double, count: Int)] = [:]
        var passed = 0
        var judged = 0
        for item in cases {
            for (name, value) in item.metrics {
                let sum = sums[name, default: (0, 0)]
                sums[name] = (sum.total + value, sum.count + 1)
            }
            if let pass = item.pass {
                judged += 1
                if pass { passed += 1 }
            }
        }
        var means = sums.mapValues { $0.total / Double($0.count) }
        if judged > 0 { means[passRate] = Double(passed) / Double(judged) }
        return means
    }

    /// The cases with `repeatIndex` set to 0, 1, 2… in order for every id that occurs more than once;
    /// a case whose id occurs once keeps no repeat index.
    static func numberingRepeats(_ cases: [EvalCase]) -> [EvalCase] {
        // Without repeats the cases are returned as they are, not copied case by case; whether an id
        // repeats is first asked of the ids' hashes (8 bytes each), and only counted by id when two meet.
        var hashes = Set<Int>(minimumCapacity: cases.count)
        guard cases.contains(where: { !hashes.insert($0.id.hashValue).inserted }) else { return cases }
        hashes = []
        var occurrences: [String: Int] = [:]
        for item in cases { occurrences[item.id, default: 0] += 1 }
        guard occurrences.count < cases.count else { return cases }
        var seen: [String: Int] = [:]
        return cases.map { item in
            guard occurrences[item.id, default: 0] > 1 else { return item }
            var numbered = item
            numbered.repeatIndex = seen[item.id, default: 0]
            seen[item.id] = numbered.repeatIndex! + 1
            return numbered
        }
    }
}
