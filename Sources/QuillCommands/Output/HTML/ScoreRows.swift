import QuillKit

/// The rows of a prompt's score table (`<tr>` elements: suite and model, metric, both sides, delta,
/// interval, verdict, why), written once per prompt as a diff's rows are (`SideBySideRows`) rather
/// than looked up cell by cell by the page's template. Every cell goes through `HTMLEscaping`; the
/// verdict's class is one of `ReviewVerdict`'s raw values.
enum ScoreRows {
    /// A row per metric of `metrics`, each ending in a newline.
    static func html(_ metrics: [MetricReview]) -> String {
        var html = ""
        for metric in metrics {
            let cells = ReviewCells.row(metric).map { HTMLEscaping.escaped(Markdown.visible($0)) }
            html += "<tr><td>" + cells[0..<6].joined(separator: "</td><td>") + "</td>"
            html += #"<td class="\#(metric.verdict.rawValue)">\#(cells[6])</td><td>\#(cells[7])</td></tr>"# + "\n"
        }
        return html
    }
}
