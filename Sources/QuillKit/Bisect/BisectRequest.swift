/// What `quill bisect --metric M --run CMD` was asked to do.
public struct BisectRequest: Sendable, Equatable {
    /// The metric to bisect on; its direction comes from `quill.yaml`.
    public var metric: String
    /// The evaluator command, run as `/bin/sh -c COMMAND` in each candidate's checkout.
    public var command: String
    /// The known good revision (default: the newest evaluated first-parent ancestor of `bad` that scores better).
    public var good: String?
    /// The known bad revision (default: HEAD).
    public var bad: String?
    /// The prompt whose changes are the candidates (default: the one prompt recorded at `bad` for the metric).
    public var prompt: String?
    /// The suite whose records count (default: the one suite recorded at `bad` for the metric).
    public var suite: String?
    /// The value that separates good from bad (default: midway between the good and bad values).
    public var threshold: Double?
    /// Treat every failing run as a skip, not only exit status 125.
    public var skipFailures: Bool

    public init(
        metric: String, command: String, good: String? = nil, bad: String? = nil, prompt: String? = nil,
        suite: String? = nil, threshold: Double? = nil, skipFailures: Bool = false
    ) {
        self.metric = metric
        self.command = command
        self.good = good
        self.bad = bad
        self.prompt = prompt
        self.suite = suite
        self.threshold = threshold
        self.skipFailures = skipFailures
    }
}
