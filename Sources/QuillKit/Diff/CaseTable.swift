/// The per-case results of one side, by case id: repeats and repeated runs folded into a mean per
/// metric, a pass share, and the first recorded output.
struct CaseTable {
    /// One case id's results on one side.
    struct Entry {
        var sums = [String: Double]()
        var counts = [String: Int]()
        var passes = 0
        var verdicts = 0
        /// The first recorded output of a passing run, of a failing run, and of any run.
        var outputs: (pass: String?, fail: String?, any: String?)

        /// The metric's mean over the runs of this case; `pass_rate` is the pass share.
        func value(of metric: String) -> Double? {
            if metric == CaseTable.passRate { return verdicts > 0 ? Double(passes) / Double(verdicts) : nil }
            guard let sum = sums[metric], let count = counts[metric] else { return nil }
            return sum / Double(count)
        }

        /// Passed when more than half of its runs passed, failed when fewer than half did; nil
        /// without a verdict or with runs split evenly (such a case is left out of the pass/fail test).
        var passed: Bool? { verdicts == 0 || passes * 2 == verdicts ? nil : passes * 2 > verdicts }

        /// An output that shows the case's verdict: from a run with that verdict when there is one.
        var output: String? {
            switch passed {
            case true?: outputs.pass ?? outputs.any
            case false?: outputs.fail ?? outputs.any
            case nil: outputs.any
            }
        }
    }

    /// The metric importers compute from verdicts.
    static let passRate = "pass_rate"

    private(set) var entries = [String: Entry]()

    /// Folds `cases` (from any number of records) into one entry per id.
    init(_ cases: [EvalCase]) {
        entries.reserveCapacity(cases.count)
        for item in cases {
            var entry = entries[item.id] ?? Entry()
            for (name, value) in item.metrics {
                entry.sums[name, default: 0] += value
                entry.counts[name, default: 0] += 1
            }
            if let pass = item.pass {
                entry.verdicts += 1
                if pass { entry.passes += 1 }
                if pass, entry.outputs.pass == nil { entry.outputs.pass = item.output }
                if !pass, entry.outputs.fail == nil { entry.outputs.fail = item.output }
            }
            if entry.outputs.any == nil { entry.outputs.any = item.output }
            entries[item.id] = entry
        }
    }

    var isEmpty: Bool { entries.isEmpty }

    /// Case ids ordered as people expect: numbers by value, before other ids, which go by text.
    static func ordered(_ ids: some Sequence<String>) -> [String] {
        ids.sorted { left, right in
            switch (Int(left), Int(right)) {
            case let (l?, r?): l < r
            case (.some, nil): true
            case (nil, .some): false
            case (nil, nil): left < right
            }
        }
    }
}
