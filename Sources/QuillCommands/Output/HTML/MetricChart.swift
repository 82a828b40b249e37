import QuillKit

/// An inline SVG line chart of one metric along a prompt's evaluated versions: the geometry the
/// HTML template draws, in pixels, every number already formatted. Its points, one per evaluated
/// version (up to the history's limit), are written here as SVG, as a diff's rows are
/// (`SideBySideRows`), rather than looked up value by value by the template.
final class MetricChart {
    /// One evaluated version.
    private struct Point {
        let x: String
        let y: String
        /// `pr` for the pull request's commits, `base` for the others.
        let side: String
        /// `1a2b3c4 subject: 0.85`, shown on hover.
        let label: String
    }

    /// A horizontal rule: the metric's `min` gate.
    final class Rule {
        let y: String
        let label: String

        init(y: String, label: String) {
            self.y = y
            self.label = label
        }
    }

    let title: String
    /// A `<circle>` per point, its hover label (a commit's subject) escaped by `HTMLEscaping`.
    let points: String
    /// The polyline through the points, `x,y x,y …`.
    let line: String
    /// The `min` gate's rule (not named `rule`: the page has a `rule`, which the template would find
    /// instead when a chart has none).
    let minimum: Rule?
    /// The x of the boundary between the base branch's versions and the pull request's, if both are there.
    let boundary: String?
    let top: String
    let bottom: String

    /// The plot area within the 560 × 180 box the template draws (its rules run from x 56 to 548, its
    /// top and bottom values sit at y 18 and 162).
    private static let left = 56.0, right = 548.0, upper = 14.0, lower = 158.0

    /// The chart of `metric` over `history` for one suite and model; nil with no value of it.
    init?(metric: String, suite: String, model: String?, history: [HistoryPoint], min: Double?) {
        let series = history.filter { $0.suite == suite && $0.model == model }.compactMap { point in point.metrics[metric].map { (point, $0) } }
        guard !series.isEmpty else { return nil }
        let values = series.map(\.1) + (min.map { [$0] } ?? [])
        var low = values.min()!, high = values.max()!
        if high - low < 1e-9 {
            low -= 0.5 * Swift.max(abs(low), 1) * 0.1
            high += 0.5 * Swift.max(abs(high), 1) * 0.1
        }
        func y(_ value: Double) -> Double { Self.lower - (value - low) / (high - low) * (Self.lower - Self.upper) }
        func x(_ index: Int) -> Double {
            series.count == 1 ? (Self.left + Self.right) / 2 : Self.left + Double(index) / Double(series.count - 1) * (Self.right - Self.left)
        }
        let points = series.enumerated().map { index, entry in
            Point(x: Self.pixel(x(index)), y: Self.pixel(y(entry.1)), side: entry.0.inPullRequest ? "pr" : "base",
                  label: "\(entry.0.commit.prefix(7)) \(Markdown.visible(entry.0.subject)): \(ScoreFormat.short(entry.1))")
        }
        self.points = points.map { point in
            #"<circle class="point \#(point.side)" cx="\#(point.x)" cy="\#(point.y)" r="4"><title>\#(HTMLEscaping.escaped(point.label))</title></circle>"#
        }.joined()
        line = points.map { "\($0.x),\($0.y)" }.joined(separator: " ")
        minimum = min.map { Rule(y: Self.pixel(y($0)), label: "min \(ScoreFormat.short($0))") }
        let firstPR = series.firstIndex { $0.0.inPullRequest }
        boundary = firstPR.flatMap { $0 > 0 ? Self.pixel((x($0 - 1) + x($0)) / 2) : nil }
        title = Markdown.visible("\(metric) — \(DiffCells.group(suite: suite, model: model))")
        top = ScoreFormat.short(high)
        bottom = ScoreFormat.short(low)
    }

    private static func pixel(_ value: Double) -> String {
        String(Double((value * 10).rounded()) / 10)
    }
}
