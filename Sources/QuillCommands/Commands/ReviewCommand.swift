import ArgumentParser
import QuillKit

struct ReviewCommand: ParsableCommand, JSONOutputCommand {
    static let configuration = CommandConfiguration(
        commandName: "review",
        abstract: "Report a pull request's prompt changes with their scores, and fail on a regression (the CI gate).",
        usage: """
            quill review [<base>] [<head>] [--format <format>] [--no-gate]
                  [--require-scores] [--no-fetch] [--max-chars <max-chars>]
                  [--full-report <full-report>]
            """,
        discussion: HelpText.discussion(
            """
                Compares the prompts changed between the merge base of BASE and HEAD and HEAD, with the scores of \
                both sides, and judges each metric by the gates (direction, min, max_drop) of quill.yaml on BASE: \
                the pull request's own quill.yaml is shown when it differs, never applied.
                """,
            """
                In a CI checkout (a shallow or single-branch clone) review fetches what it lacks from the remote BASE \
                names (else the branch's upstream remote, else origin): a BASE branch not fetched yet, history down to \
                the merge base (deepening a shallow clone by 64 commits, then twice as many each step, by at most \
                \(ReviewRequest.fetchDepthLimit) in all), and, when a changed prompt has no records on a side, refs/quill/* \
                and refs/notes/quill, merged as 'quill sync' merges them (nothing local is overwritten, nothing is pushed).
                """,
            "Exit status: 0 no regression, 1 a regression (or, with --require-scores, a prompt without scores), "
                + "2 bad input (with --no-fetch: what would have to be fetched), 3 a repository problem (a remote that cannot be reached).",
            examples: ["quill review origin/main --format markdown > comment.md", "quill review origin/main --format html --no-gate > review.html"]))

    static let schemas: [OutputSchema] = [.review]

    @Argument(help: "The branch the pull request merges into (default: the remote's default branch: origin/HEAD, else as the remote names it).")
    var base: String?

    @Argument(help: "The pull request's head.")
    var head: String = "HEAD"

    @Option(help: "Output format: text, markdown, json, html (one self-contained page) or github (workflow commands that annotate the pull request).")
    var format: ReportFormat = .text

    @Flag(help: "Report without failing: exit 0 even when a metric regressed.")
    var noGate = false

    @Flag(help: "Fail when a changed prompt has no records on a side.")
    var requireScores = false

    @Flag(help: "Fetch nothing: exit 2 naming the git fetch to run when the base branch, the merge base or every eval record is missing.")
    var noFetch = false

    @Option(help: "With --format markdown: the most characters the comment may have.")
    var maxChars = ReviewReport.defaultMaxCharacters

    @Option(help: "With --format markdown: where the full report is (a URL to the HTML artefact), named when the comment is cut.")
    var fullReport: String?

    func validate() throws {
        guard maxChars >= 2_000 else { throw ValidationError("--max-chars must be at least 2000") }
    }

    func run() throws {
        let context = try CommandContext.open()
        // Text, markdown and GitHub commands show neither whole-file diffs nor history charts.
        let report = try context.workspace.review(ReviewRequest(
            base: base, head: head, requireScores: requireScores, fetch: !noFetch, detailed: format == .json || format == .html))
        for line in report.fetched ?? [] { Console.error("note: fetched " + line) }
        switch format {
        case .text: Console.out(report.renderText(.current))
        case .markdown: Console.out(report.renderMarkdown(maxCharacters: maxChars, fullReport: fullReport))
        case .json: try Renderer.print(report, format: OutputFormat.json)
        case .html: Console.out(report.renderHTML())
        case .github: Console.out(report.renderGitHubCommands())
        }
        if report.gate.failed, !noGate { throw ExitCode(ExitStatus.checkFailed) }
    }
}
