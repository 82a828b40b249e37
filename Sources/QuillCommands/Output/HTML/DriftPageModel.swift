import QuillKit

/// What the HTML template of `quill drift` shows, every value a ready string (the template escapes
/// them all) or a list of such values.
struct DriftPageModel {
    struct Check {
        let cells: [String]
        let rowClass: String
    }

    struct Table {
        let title: String
        let header: [String]
        let rows: [[String]]
    }

    struct Section {
        let title: String
        let summary: String
        let tables: [Table]
    }

    let title: String
    let outcome: String
    let outcomeClass: String
    let a: String
    let b: String
    let checks: [Check]
    let hasChecks: Bool
    let sections: [Section]

    init(_ report: DriftReport) {
        title = "quill drift: \(Markdown.visible(report.b.name)) against \(Markdown.visible(report.a.name))"
        outcome = DriftCells.outcome(report)
        outcomeClass = report.crossed ? "failed" : "passed"
        a = Markdown.visible("\(report.a.name): \(DriftCells.side(report.a))")
        b = Markdown.visible("\(report.b.name): \(DriftCells.side(report.b))")
        checks = report.checks.map { Check(cells: DriftCells.check($0), rowClass: $0.crossed ? "crossed" : "within") }
        hasChecks = !checks.isEmpty
        let words = { (title: String, side: String, counts: [WordCount]) in
            Table(title: title, header: ["word", "count in \(side)"], rows: counts.map { [Markdown.visible($0.word), String($0.count)] })
        }
        var sections = [
            Section(
                title: "Vocabulary", summary: DriftCells.vocabulary(report.vocabulary),
                tables: [words("New words", "B", report.vocabulary.newWords), words("Vanished words", "A", report.vocabulary.vanishedWords)]),
        ]
        for drift in report.ngrams {
            let header = ["n-gram", "count A", "count B", "share A", "share B"]
            let rows = { (changes: [NGramChange]) in changes.map { DriftCells.change($0).map(Markdown.visible) } }
            sections.append(Section(
                title: DriftCells.order(drift).prefix(1).uppercased() + DriftCells.order(drift).dropFirst(), summary: DriftCells.ngrams(drift),
                tables: [Table(title: "Rose most", header: header, rows: rows(drift.rose)), Table(title: "Fell most", header: header, rows: rows(drift.fell))]))
        }
        let lengths = report.sentenceLengths
        sections.append(Section(
            title: "Sentence lengths (words)", summary: DriftCells.test(lengths.test),
            tables: [Table(
                title: "", header: ["side", "sentences", "mean", "median", "p90"],
                rows: [["A"] + DriftCells.lengths(lengths.a), ["B"] + DriftCells.lengths(lengths.b)])]))
        self.sections = sections.map { section in
            Section(title: section.title, summary: section.summary, tables: section.tables.filter { !$0.rows.isEmpty })
        }
    }
}
