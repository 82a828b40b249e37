/// One test case's result inside an evaluation: its id, metric values, pass/fail and output.
public struct EvalCase: Sendable, Hashable, Codable {
    /// The case id, stable across runs (promptfoo's test index or description, a dataset row id…).
    public var id: String
    /// Metric values of this case.
    public var metrics: [String: Double]
    /// Whether the case passed, when the evaluator says.
    public var pass: Bool?
    /// The model's output, when recorded.
    public var output: String?
    /// Which repeat of the case this is (0-based), when a run repeats cases.
    public var repeatIndex: Int?
    /// Why the case could not be evaluated (a provider error such as HTTP 429), when it could not: such a
    /// case has no verdict and no metrics, so it counts in no mean and not in `pass_rate`.
    public var error: String?

    public init(
        id: String, metrics: [String: Double] = [:], pass: Bool? = nil, output: String? = nil, repeatIndex: Int? = nil,
        error: String? = nil
    ) {
        self.id = id
        self.metrics = metrics
        self.pass = pass
        self.output = output
        self.repeatIndex = repeatIndex
        self.error = error
    }
}
