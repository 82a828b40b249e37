/// The outcome of running the evaluator on one commit.
enum CandidateEvaluation: Equatable {
    /// The command exited 0 and its result, now recorded, gives the metric this value.
    case value(Double)
    /// The command exited 125: the commit cannot be evaluated.
    case skipped
    /// The command failed: the exit status (0 when it exited 0 but left no usable result) and why.
    case failed(status: Int32, reason: String)
    /// Quill was asked to stop while the command ran.
    case interrupted(signal: Int32)
}
