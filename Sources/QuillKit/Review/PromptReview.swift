/// One changed prompt of a pull request: its diff, its metrics judged, the head's changed lines,
/// and its scores along its history.
public struct PromptReview: Codable, Sendable, Equatable {
    /// The structured diff and the score comparison, as `quill diff` computes them.
    public let diff: PromptDiff
    /// Every metric with a direction, per suite and model, judged against the base's gates.
    public let metrics: [MetricReview]
    /// Set when a side has no records at all for this prompt.
    public let missing: MissingScores?
    /// The line diff of the whole file from the merge base to the head (3 lines of context), for
    /// side-by-side views; nil for a deleted prompt, or when not asked for (`ReviewRequest.detailed`).
    public let fileDiff: TextDiff?
    /// The head's line numbers (1-based) that the pull request added or changed.
    public let changedLines: [Int]
    /// Evaluated versions, oldest first, the newest `historyLimit` of them (none when not asked for).
    public let history: [HistoryPoint]

    /// The most important verdict of its metrics; without any, `notEvaluated` when a side lacks
    /// records, else `withinNoise` (a deleted prompt, or scores of metrics without a direction).
    public var verdict: ReviewVerdict {
        ReviewVerdict.byImportance.first { verdict in metrics.contains { $0.verdict == verdict } }
            ?? (missing == nil ? .withinNoise : .notEvaluated)
    }
}
