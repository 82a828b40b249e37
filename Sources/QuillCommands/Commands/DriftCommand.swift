import ArgumentParser
import QuillKit

struct DriftCommand: ParsableCommand, JSONOutputCommand {
    static let configuration = CommandConfiguration(
        commandName: "drift",
        abstract: "Measure how a text collection drifted from a baseline: vocabulary, n-grams, sentence lengths.",
        usage: """
            quill drift <a> <b> [--field <field>] [--top <top>] [--format <format>]
                  [--no-gate]
            """,
        discussion: HelpText.discussion(
            """
                A and B are each a file (plain text is one document; .jsonl/.ndjson and .csv files hold one document \
                a row, its text in --field), REV:PATH, the file as committed at a revision, or manifest:MANIFEST, the \
                documents of a recorded manifest (manifest:latest:NAME or manifest:ID). Reports the share of B's \
                words that A never uses, the Jensen–Shannon divergence of the word, bigram and trigram distributions, \
                the words and n-grams that appeared, vanished, rose and fell most, and the sentence lengths with a \
                two-sample Kolmogorov–Smirnov test. The limits come from the drift: mapping of quill.yaml (see docs/drift.md).
                """,
            "Exit status: 0 no limit crossed, 1 a limit crossed, 2 bad input, 3 a repository problem.",
            examples: ["quill drift v1:data/questions.txt data/questions.txt", "quill drift manifest:latest:kb corpus.jsonl --format json"]))

    static let schemas: [OutputSchema] = [.drift]

    @Argument(help: "The baseline collection: FILE, REV:PATH or manifest:MANIFEST.")
    var a: String

    @Argument(help: "The collection compared with it: FILE, REV:PATH or manifest:MANIFEST.")
    var b: String

    @Option(help: "The field (JSON Lines) or column (CSV) that holds each document's text (default: text).")
    var field: String?

    @Option(help: "How many words and n-grams each list shows.")
    var top = 10

    @Option(help: "Output format: text, markdown, json, html (one self-contained page) or github (workflow commands).")
    var format: ReportFormat = .text

    @Flag(help: "Report without failing: exit 0 even when a limit is crossed.")
    var noGate = false

    func validate() throws {
        guard (0...1_000).contains(top) else { throw ValidationError("--top must be between 0 and 1000") }
        if let field, field.isEmpty { throw ValidationError("--field must name a field") }
    }

    func run() throws {
        let context = try CommandContext.open()
        let report = try context.workspace.drift(DriftRequest(a: a, b: b, field: field, top: top))
        try Renderer.print(report, format: format)
        if report.crossed, !noGate { throw ExitCode(ExitStatus.checkFailed) }
    }
}
