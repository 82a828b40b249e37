/// What a pull request did to one metric of one prompt, judged by the base side's `quill.yaml`.
public enum ReviewVerdict: String, Codable, Sendable, CaseIterable {
    /// Worse beyond a gate (`max_drop`, or past `min`), and with per-case results the 95% interval
    /// excludes zero: fails the gate.
    case regressed
    /// Worse, but within the gates (or worse with no gate declared): reported, never failing.
    case worse
    /// Better beyond the noise (the interval excludes zero, or the change exceeds the run spread).
    case improved
    /// A change the evidence cannot tell from noise, or no change.
    case withinNoise
    /// A side has no records for this suite and model, so nothing was compared.
    case notEvaluated

    /// Most important first: the order of a report's sections.
    public static let byImportance: [ReviewVerdict] = [.regressed, .notEvaluated, .worse, .improved, .withinNoise]

    /// `within noise`, `not evaluated`.
    public var words: String {
        switch self {
        case .withinNoise: "within noise"
        case .notEvaluated: "not evaluated"
        default: rawValue
        }
    }
}
