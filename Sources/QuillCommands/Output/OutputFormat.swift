import ArgumentParser

/// How a command prints its result: for people, for a pull-request comment, or as JSON for programs.
public enum OutputFormat: String, ExpressibleByArgument, CaseIterable, Sendable {
    case text, markdown, json
}

/// The `--format` option every command that prints results takes.
struct OutputOptions: ParsableArguments {
    @Option(name: .long, help: "Output format: text, markdown or json.")
    var format: OutputFormat = .text
}
