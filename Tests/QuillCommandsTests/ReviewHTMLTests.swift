import Foundation
@testable import QuillCommands
import QuillKit
import TestSupport
import Testing

@Suite("quill review HTML in a real browser")
struct ReviewHTMLTests {
    /// The hostile pull request's HTML report, written to a file.
    private func page() throws -> (TestRepository, ReviewReport, String, String) {
        let (repository, report) = try ReviewRenderingTests.hostileReport()
        let html = report.renderHTML()
        let file = repository.path + "/../quill-review-\(UUID().uuidString).html"
        try Data(html.utf8).write(to: URL(fileURLWithPath: file))
        return (repository, report, html, file)
    }

    @Test("one self-contained file: nothing fetched, no script, every piece of prompt text escaped")
    func selfContained() throws {
        let (_, report, html, file) = try page()
        defer { try? FileManager.default.removeItem(atPath: file) }
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains(#"<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">"#))
        for pattern in ["<script", "<img", "<link", "@import", "url(", "src=\"", "<iframe", "<object", "<embed"] {
            #expect(!html.contains(pattern), "\(pattern)")
        }
        #expect(!html.contains("\u{202E}"))
        #expect(html.contains("&lt;img src=x onerror=alert(1)&gt;"))
        #expect(html.contains("&lt;/details&gt;"))
        #expect(report.prompts.count == 3)
    }

    @Test("chromium renders the summary, the score tables, the side-by-side diffs and one chart per metric, and the hostile prompt adds no element",
          .enabled(if: HeadlessChromium.isAvailable, "chromium is not installed; run .ci/run or apt-get install chromium"))
    func rendersInChromium() throws {
        let (_, report, _, file) = try page()
        defer { try? FileManager.default.removeItem(atPath: file) }
        let dom = try HeadlessChromium.dom(file)
        #expect(dom.contains("<h1>quill review: gate failed: 1 prompt regressed; 1 prompt not evaluated</h1>"))
        let allowed: Set<String> = ["html", "head", "meta", "title", "style", "body", "header", "h1", "h2", "p", "code", "table", "colgroup",
                                    "col", "thead", "tbody", "tr", "th", "td", "a", "section", "span", "figure", "figcaption", "svg", "text",
                                    "line", "polyline", "circle"]
        let tags = ReviewRenderingTests.tags(dom)
        #expect(tags.subtracting(allowed).isEmpty, "\(tags.subtracting(allowed))")
        #expect(!dom.contains("<img") && !dom.contains("<script") && !dom.contains("<details") && !dom.contains("<!--"))
        // Tables: the summary (one row per prompt), a score table per scored prompt, a diff per prompt.
        let summary = try #require(dom.components(separatedBy: "<table class=\"summary\">").dropFirst().first?.components(separatedBy: "</table>").first)
        #expect(summary.components(separatedBy: "<tr>").count - 1 == 1 + report.prompts.count)
        #expect(dom.components(separatedBy: "<table class=\"scores\">").count - 1 == 2)
        #expect(dom.components(separatedBy: "<table class=\"sbs\">").count - 1 == 3)
        // Charts: one svg per scored metric, each with a point per evaluated version (base, then head).
        let charts = dom.components(separatedBy: "<svg").dropFirst()
        let expected = report.prompts.flatMap(\.metrics).count
        #expect(charts.count == expected && expected >= 2)
        for chart in charts {
            #expect(chart.components(separatedBy: "<circle class=\"point base\"").count - 1 == 1)
            #expect(chart.components(separatedBy: "<circle class=\"point pr\"").count - 1 == 1)
            #expect(chart.contains("<polyline class=\"line\" points=\""))
        }
        // The hostile text is on the page as text.
        #expect(dom.contains("&lt;img src=x onerror=alert(1)&gt;") && dom.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
    }

    @Test("chromium's screenshot is not blank: the failed gate's banner and both kinds of chart point are drawn",
          .enabled(if: HeadlessChromium.isAvailable, "chromium is not installed; run .ci/run or apt-get install chromium"))
    func screenshot() throws {
        let (_, _, _, file) = try page()
        defer { try? FileManager.default.removeItem(atPath: file) }
        let png = try HeadlessChromium.screenshot(file, width: 1200, height: 2400)
        #expect(png.count > 20_000)
        // The banner's background (#ffebe9), the base points (#0969da) and the pull request's (#cf222e).
        let seen = try HeadlessChromium.pixels(png, colours: [(0xFF, 0xEB, 0xE9), (0x09, 0x69, 0xDA), (0xCF, 0x22, 0x2E)])
        #expect(seen.width == 1200 && seen.height == 2400)
        #expect(seen.inked > 0.05, "\(seen)")
        #expect(seen.matches[0] > 10_000, "\(seen)")
        #expect(seen.matches[1] > 20 && seen.matches[2] > 20, "\(seen)")
    }
}
