/// One evaluated commit's per-case results for one metric: each case's value (repeats and runs
/// folded into their mean) and its verdict, by case id.
struct CaseValues {
    var values = [String: Double]()
    var passed = [String: Bool]()

    var isEmpty: Bool { values.isEmpty }

    /// The values of `metric` in `table`.
    init(_ table: CaseTable, metric: String) {
        let column = table.column(metric)
        for (id, row) in table.rows {
            if let value = table.value(column, row: row) { values[id] = value }
            if let verdict = table.passed(row: row) { passed[id] = verdict }
        }
    }

    /// The paired comparison of the cases `self` (older) and `newer` share.
    func paired(with newer: CaseValues) -> PairedCaseEvidence? {
        let shared = values.keys.filter { newer.values[$0] != nil }
        guard !shared.isEmpty else { return nil }
        let differences = shared.map { newer.values[$0]! - values[$0]! }
        var flips = (passToFail: 0, failToPass: 0, bothPass: 0, bothFail: 0)
        for id in shared {
            switch (passed[id], newer.passed[id]) {
            case (true?, false?): flips.passToFail += 1
            case (false?, true?): flips.failToPass += 1
            case (true?, true?): flips.bothPass += 1
            case (false?, false?): flips.bothFail += 1
            default: continue
            }
        }
        let judged = flips.passToFail + flips.failToPass + flips.bothPass + flips.bothFail
        let test = judged == 0 ? nil : McNemarTest(bothPass: flips.bothPass, bothFail: flips.bothFail, passToFail: flips.passToFail, failToPass: flips.failToPass)
        return PairedCaseEvidence(
            sharedCases: shared.count, onlyBefore: values.count - shared.count, onlyAfter: newer.values.count - shared.count,
            meanDifference: differences.reduce(0, +) / Double(differences.count), passFail: test)
    }
}

/// What the cases two neighbouring evaluations share say about the change between them.
public struct PairedCaseEvidence: Codable, Sendable, Equatable {
    /// Cases present on both sides.
    public let sharedCases: Int
    /// Cases only the older side, or only the newer side, has (a changed dataset shows here).
    public let onlyBefore: Int
    public let onlyAfter: Int
    /// The mean of newer − older over the shared cases.
    public let meanDifference: Double
    /// McNemar's exact test on the shared cases' verdicts, when both sides have them.
    public let passFail: McNemarTest?
}
