import QuillKit

/// An inline SVG line chart of one metric along a prompt's evaluated versions, written once per chart
/// as the page's `<figure>` (the page's template prints it unescaped, as it does a diff's rows,
/// `SideBySideRows`), rather than drawn value by value by the template: its caption and label (the
/// metric, suite and model) and each point's hover label (a commit's subject) go through
/// `HTMLEscaping`; the rest is numbers and this file's markup.
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

    /// The `<figure>` element, without a newline after it: a caption, the top and bottom values, the
    /// `min` gate's rule if there is one, the boundary between the base branch's versions and the pull
    /// request's if both are there, the polyline through the points, and a circle per point.
    let html: String

    /// The plot area within the 560 × 180 box (its rules run from x 56 to 548, its top and bottom
    /// values sit at y 18 and 162).
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
        let title = HTMLEscaping.escaped(Markdown.visible("\(metric) — \(DiffCells.group(suite: suite, model: model))"))
        var html = #"<figure class="chart"><figcaption>\#(title) (blue: base branch, red: this pull request)</figcaption>"# + "\n"
        html += #"<svg xmlns="http://www.w3.org/2000/svg" width="560" height="180" viewBox="0 0 560 180" role="img" aria-label="\#(title)">"# + "\n"
        html += #"<text x="4" y="18">\#(ScoreFormat.short(high))</text><text x="4" y="162">\#(ScoreFormat.short(low))</text>"# + "\n"
        if let min {
            let rule = Self.pixel(y(min))
            html += #"<line class="rule" x1="56" x2="548" y1="\#(rule)" y2="\#(rule)"><title>min \#(ScoreFormat.short(min))</title></line>"#
        }
        html += "\n"
        if let firstPR = series.firstIndex(where: { $0.0.inPullRequest }), firstPR > 0 {
            let boundary = Self.pixel((x(firstPR - 1) + x(firstPR)) / 2)
            html += #"<line class="boundary" x1="\#(boundary)" x2="\#(boundary)" y1="10" y2="162"></line>"#
        }
        html += "\n"
        html += #"<polyline class="line" points="\#(points.map { "\($0.x),\($0.y)" }.joined(separator: " "))"></polyline>"# + "\n"
        for point in points {
            html += #"<circle class="point \#(point.side)" cx="\#(point.x)" cy="\#(point.y)" r="4"><title>\#(HTMLEscaping.escaped(point.label))</title></circle>"#
        }
        html += "\n</svg></figure>"
        self.html = html
    }

    private static func pixel(_ value: Double) -> String {
        String(Double((value * 10).rounded()) / 10)
    }
}
