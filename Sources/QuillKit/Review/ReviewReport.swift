/// What `quill review` prints: the sides of the pull request, the policy it was judged by, every
/// changed prompt judged, and the gate's outcome.
public struct ReviewReport: Codable, Sendable, Equatable {
    /// A named commit: the base branch, the head, or their merge base.
    public struct Side: Codable, Sendable, Equatable {
        /// As the user named it, or as it was found (`origin/main`).
        public let label: String
        public let commit: String
    }

    /// Whether the gate passed, and what decided it.
    public struct Gate: Codable, Sendable, Equatable {
        /// True when `quill review` exits 1 (unless `--no-gate`).
        public let failed: Bool
        /// Prompts with a regressed metric.
        public let regressions: Int
        /// Prompts with a side that has no records.
        public let notEvaluated: Int
        /// Whether prompts without scores fail the gate.
        public let requireScores: Bool
    }

    public let base: Side
    public let head: Side
    /// The baseline: scores are compared from here to the head.
    public let mergeBase: Side
    /// The metrics of `quill.yaml` at the base: the policy the gate applies.
    public let policy: [MetricSpec]
    /// The rule a regression has to meet, in words, as the report states it.
    public let rule: String
    /// The line diff of `quill.yaml` from the base to the head when the pull request changes it
    /// (shown, never applied).
    public let configChange: TextDiff?
    /// Changed prompts, by path at the head.
    public let prompts: [PromptReview]
    public let gate: Gate
    /// What review fetched from the remote because this clone lacked it (the base branch, history down
    /// to the merge base, eval records), one line each; absent when nothing was fetched.
    public internal(set) var fetched: [String]?

    /// The rule of every review, with the base's `quill.yaml` named.
    static let ruleText = "A metric regresses when the head is worse than the merge base by more than its max_drop, "
        + "or is worse and past its min; with per-case results on both sides, only when the 95% paired bootstrap "
        + "interval of the difference also excludes zero. Gates come from quill.yaml on the base branch; the pull "
        + "request's own quill.yaml is never applied."

    /// The prompts whose most important verdict is `verdict`, in path order.
    public func prompts(_ verdict: ReviewVerdict) -> [PromptReview] {
        prompts.filter { $0.verdict == verdict }
    }
}
