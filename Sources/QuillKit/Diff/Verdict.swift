/// Whether a metric moved the right way, by the direction `quill.yaml` gives it.
public enum Verdict: String, Codable, Sendable {
    /// Moved the way the metric's direction calls better.
    case better
    /// Moved the other way.
    case worse
    /// The same value on both sides.
    case unchanged
    /// Moved, but the metric has no declared direction.
    case changed

    /// The verdict for a change of `delta` in a metric that improves in `direction` (nil: unknown).
    static func of(delta: Double, scale: Double, direction: MetricDirection?) -> Verdict {
        guard abs(delta) > 1e-12 * max(1, abs(scale)) else { return .unchanged }
        guard let direction else { return .changed }
        return (delta > 0) == (direction == .higher) ? .better : .worse
    }
}
