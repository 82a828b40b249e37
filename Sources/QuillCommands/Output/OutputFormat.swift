import ArgumentParser

/// How a command prints its result: for people, for a pull-request comment, or as JSON for programs.
public enum OutputFormat: String, ExpressibleByArgument, CaseIterable, Sendable {
    case text, markdown, json
}

/// The `--format` option every command that prints results takes.
struct OutputOptions: ParsableArguments {
    /// What each output format is for; also the help of `eval record --output`.
    static let help: ArgumentHelp = "Text for people, markdown for a pull-request comment, json for programs (its schema in docs/schemas/)."

    @Option(name: .long, help: OutputOptions.help)
    var format: OutputFormat = .text
}

/// How a report command (`quill review`, `quill drift`) prints: the three formats of every command,
/// one self-contained HTML page, or GitHub workflow commands that annotate a pull request or a run.
enum ReportFormat: String, ExpressibleByArgument, CaseIterable, Sendable {
    case text, markdown, json, html, github
}
