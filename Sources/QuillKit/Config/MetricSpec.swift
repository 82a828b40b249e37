/// A metric declared in `quill.yaml`: its direction and optional gates.
public struct MetricSpec: Sendable, Equatable, Codable {
    /// The metric's name as eval records carry it.
    public var name: String
    /// Which way the metric improves.
    public var direction: MetricDirection
    /// The worst acceptable value: a floor for `higher`, a ceiling for `lower`; nil for no gate.
    public var min: Double?
    /// The largest acceptable worsening against the baseline, in the metric's units; nil for no gate.
    public var maxDrop: Double?

    /// Makes a metric declaration.
    public init(name: String, direction: MetricDirection, min: Double? = nil, maxDrop: Double? = nil) {
        self.name = name
        self.direction = direction
        self.min = min
        self.maxDrop = maxDrop
    }
}
