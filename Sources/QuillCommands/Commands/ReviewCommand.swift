import ArgumentParser
import QuillKit

struct ReviewCommand: ParsableCommand, JSONOutputCommand {
    static let configuration = CommandConfiguration(
        commandName: "review",
        abstract: "Report a pull request's prompt changes with their scores, and fail on a regression (the CI gate).",
        usage: """
            quill review [<base>] [<head>] [--format <format>] [--no-gate]
                  [--require-scores] [--max-chars <max-chars>]
                  [--full-report <full-report>]
            """,
        discussion: HelpText.discussion(
            """
                Compares the prompts changed between the merge base of BASE and HEAD and HEAD, with the scores of \
                both sides, and judges each metric by the gates (direction, min, max_drop) of quill.yaml on BASE: \
                the pull request's own quill.yaml is shown when it differs, never applied.
                """,
            "Exit status: 0 no regression, 1 a regression (or, with --require-scores, a prompt without scores), 2 bad input, 3 a repository problem.",
            examples: ["quill review origin/main --format markdown > comment.md", "quill review origin/main --format html --no-gate > review.html"]))

    static let schemas: [OutputSchema] = [.review]

    @Argument(help: "The branch the pull request merges into (default: the remote's default branch, origin/HEAD).")
    var base: String?

    @Argument(help: "The pull request's head.")
    var head: String = "HEAD"

    @Option(help: "Output format: text, markdown, json, html (one self-contained page) or github (workflow commands that annotate the pull request).")
    var format: ReportFormat = .text

    @Flag(help: "Report without failing: exit 0 even when a metric regressed.")
    var noGate = false

    @Flag(help: "Fail when a changed prompt has no records on a side.")
    var requireScores = false

    @Option(help: "With --format markdown: the most characters the comment may have.")
    var maxChars = ReviewReport.defaultMaxCharacters

    @Option(help: "With --format markdown: where the full report is (a URL to the HTML artefact), named when the comment is cut.")
    var fullReport: String?

    func validate() throws {
        guard maxChars >= 2_000 else { throw ValidationError("--max-chars must be at least 2000") }
    }

    func run() throws {
        let context = try CommandContext.open()
        let report = try context.workspace.review(ReviewRequest(base: base, head: head, requireScores: requireScores))
        switch format {
        case .text: Console.out(report.renderText(.current))
        case .markdown: Console.out(report.renderMarkdown(maxCharacters: maxChars, fullReport: fullReport))
        case .json: Console.out(try Renderer.json(report))
        case .html: Console.out(report.renderHTML())
        case .github: Console.out(report.renderGitHubCommands())
        }
        if report.gate.failed, !noGate { throw ExitCode(ExitStatus.checkFailed) }
    }
}
