import QuillKit

/// Counts how regression attribution did on generated histories (`RegressionHistoryGenerator`): named
/// culprits right and wrong, culprits found among an ambiguous answer's candidates, misses, and false
/// alarms on noise-only histories.
public struct AttributionTally: Sendable {
    public private(set) var histories = 0
    /// Histories with a culprit.
    public private(set) var regressions = 0
    /// The culprit named exactly (for a branch culprit without branch records: the merge, named with the
    /// branch commit among its candidates, counts here too).
    public private(set) var exact = 0
    /// The culprit among the candidates of an ambiguous answer.
    public private(set) var amongCandidates = 0
    /// Named culprits (not ambiguous), right or wrong.
    public private(set) var named = 0
    public private(set) var namedRight = 0
    /// Regressions reported on noise-only histories, and those histories' commits.
    public private(set) var falseAlarms = 0
    public private(set) var noiseCommits = 0

    public init() {}

    /// Adds one history and the report on it.
    public mutating func add(_ history: RegressionHistoryGenerator.History, _ report: RegressionReport) {
        histories += 1
        guard let culprit = history.culprit else {
            falseAlarms += report.regressions.count
            noiseCommits += history.commitCount
            return
        }
        regressions += 1
        let expected = Set([culprit] + (history.merge.map { [$0] } ?? []))
        var isExact = false
        var isAmong = false
        for regression in report.regressions {
            let listed = Set(regression.candidates.map(\.commit))
            if let named = regression.culprit {
                let right = named == culprit || (named == history.merge && (!regression.ambiguous || listed.contains(culprit)))
                if !regression.ambiguous || named == history.merge {
                    self.named += 1
                    if right { namedRight += 1 }
                }
                if right { isExact = true }
            } else if regression.ambiguous, !listed.isDisjoint(with: expected) {
                isAmong = true
            }
        }
        if isExact { exact += 1 } else if isAmong { amongCandidates += 1 }
    }

    public var exactRate: Double { Double(exact) / Double(max(regressions, 1)) }
    public var exactOrAmongRate: Double { Double(exact + amongCandidates) / Double(max(regressions, 1)) }
    public var precision: Double { named == 0 ? 1 : Double(namedRight) / Double(named) }
    public var falseAlarmsPerThousand: Double { noiseCommits == 0 ? 0 : 1000 * Double(falseAlarms) / Double(noiseCommits) }

    public var summary: String {
        "\(histories) histories: exact \(exact)/\(regressions), among candidates \(amongCandidates), named \(named) (right \(namedRight)), false alarms \(falseAlarms) in \(noiseCommits) noise-only commits"
    }
}
