/// What `quill.yaml` requires of a version before a label may move to it:
/// `labels: {production: {require: [accuracy]}}` means every suite and model that evaluated the
/// version must have a mean `accuracy` that passes the metric's `min`.
public struct LabelPolicy: Sendable, Equatable, Codable {
    /// The label the policy guards.
    public var label: String
    /// Metrics (declared under `metrics:` with a `min`) the version's records must pass.
    public var require: [String]

    public init(label: String, require: [String]) {
        self.label = label
        self.require = require
    }
}
