/// How the per-case results of A and B pair up: which cases both have, the pass/fail table with
/// McNemar's exact test, and the cases that flipped.
public struct CaseComparison: Codable, Sendable, Equatable {
    /// Case ids both sides have.
    public let shared: Int
    /// Case ids only A has (not compared).
    public let onlyFrom: Int
    /// Case ids only B has (not compared).
    public let onlyTo: Int
    /// The paired pass/fail table and its exact test, when both sides have verdicts for shared cases.
    public let passFail: McNemarTest?
    /// Flipped cases: every pass→fail first, then fail→pass, each in case-id order.
    public let flips: [CaseFlip]
}
