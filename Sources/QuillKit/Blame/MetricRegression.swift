/// One change of a metric in its bad direction, with its evidence and the commits that could explain it.
public struct MetricRegression: Codable, Sendable, Equatable {
    public let before: MetricLevel
    public let after: MetricLevel
    /// `after.mean - before.mean`.
    public let change: Double
    /// The permutation test's p-value for the change point.
    public let pValue: Double
    /// Found only by the short-series test (a few evaluated points, a large shift): less certain
    /// than a change found by the main test.
    public let lowConfidence: Bool
    /// The last evaluated commit at the old level (the most probable boundary).
    public let lastGood: String
    /// The first evaluated commit at the new level.
    public let firstBad: String
    /// How many evaluated points the neighbours' evidence moved the boundary from where the change-point
    /// test put it (−1: one point earlier; 0 when it agreed).
    public let boundaryShift: Int
    /// The paired comparison of the cases `lastGood` and `firstBad` share, when both have per-case results.
    public let pairedCases: PairedCaseEvidence?
    /// The p-value of the test that the cases themselves changed across the boundary (`CaseShiftTest`,
    /// up to ten evaluated points on each side); `nil` when the records carry no per-case results.
    public let caseShiftPValue: Double?
    /// The settings the records name that differ between `lastGood` and `firstBad`, each with the commit
    /// that changed it (none when it changed outside the repository).
    public let recordChanges: [RecordChange]
    /// Commits that could explain the change, most probable first, each with its probability: those after
    /// `lastGood` up to `firstBad` (first-parent history, and the branch commits of merges among them) that
    /// changed the prompt, a file it includes, its model settings, its data, its dataset or its suite, and
    /// those of the neighbouring intervals the evidence leaves possible. Commits that changed none of these
    /// are never listed.
    public let candidates: [RegressionCandidate]
    /// The probability that a change outside the repository (a record setting no commit changed) caused it.
    public let outsideProbability: Double
    /// Whether several explanations remain and none is decisive.
    public let ambiguous: Bool
    /// The decisive candidate (probability ≥ 0.95, or a merge whose branch commits together are); `nil`
    /// when none is, or when the cases do not confirm the change (`isConfirmedByCases`).
    public let culprit: String?
    /// The commit whose evaluation would best split the remaining candidates, while ambiguous.
    public let evaluateNext: String?

    /// Whether the per-case results confirm the change (or there are none to ask): when the mean moved
    /// but no case did consistently, the shift may be noise, and no culprit is named.
    public var isConfirmedByCases: Bool { caseShiftPValue.map { $0 <= CaseShiftTest.significance } ?? true }
}
