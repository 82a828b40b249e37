import ArgumentParser
import QuillKit

/// `quill bisect`: `start` (the default, so `quill bisect PROMPT --metric M --run CMD` works) and `reset`.
struct BisectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bisect",
        abstract: "Find the commit that made a metric regress, by binary search over the commits that changed the prompt.",
        subcommands: [BisectStartCommand.self, BisectResetCommand.self],
        defaultSubcommand: BisectStartCommand.self)
}

/// `quill bisect [start] PROMPT --metric M --run CMD [--good REV] [--bad REV]`.
struct BisectStartCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "start",
        abstract: "Start or resume a bisection.",
        discussion: """
            Each step writes a candidate's files to a temporary folder and runs CMD there (with QUILL_PROMPT, QUILL_PROMPT_FILE, \\
            QUILL_OUTPUT and QUILL_COMMIT set); CMD writes its results to $QUILL_OUTPUT in any format 'quill eval record' reads. \\
            A failing run is skipped. The work tree, index and HEAD are never touched. An interrupted bisection resumes \\
            when run again; 'quill bisect reset' ends it.
            """)

    @Argument(help: "The prompt file.")
    var prompt: String

    @Option(help: "The metric that regressed.")
    var metric: String

    @Option(name: .customLong("run"), help: "The evaluation command, run with /bin/sh -c in each candidate's files.")
    var command: String

    @Option(help: "The last good commit (default: from 'quill blame --metric').")
    var good: String?

    @Option(help: "The first bad commit (default HEAD, or from 'quill blame --metric').")
    var bad: String?

    @OptionGroup var output: OutputOptions

    func run() throws {
        let context = try CommandContext.open()
        let report = try context.workspace.bisect(prompt: prompt, metric: metric, command: command, good: good, bad: bad)
        try Renderer.print(report, format: output.format)
    }
}

/// `quill bisect reset`: ends the bisection in progress.
struct BisectResetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "reset", abstract: "End the bisection in progress.")

    func run() throws {
        let ended = try CommandContext.open().workspace.resetBisect()
        Console.out(ended ? "Bisection ended." : "No bisection in progress.")
    }
}

extension BisectReport: TextRenderable {
    func renderText(_ terminal: Terminal) -> String {
        var lines = ["\(prompt), \(metric): good \(good.prefix(8)) = \(ScoreFormat.short(goodValue)), bad \(bad.prefix(8)) = \(ScoreFormat.short(badValue)); \(candidates.count) candidate\(candidates.count == 1 ? "" : "s")"]
        for step in steps {
            let value = step.value.map(ScoreFormat.short) ?? "-"
            lines.append("  \(terminal.paint(String(step.commit.prefix(8)), .yellow))  \(step.verdict.rawValue.padding(toLength: 7, withPad: " ", startingAt: 0))  \(value)\(step.ranCommand ? "" : "  (stored)")")
        }
        if let culprit {
            lines.append(terminal.paint("first bad commit: \(culprit)", .bold))
        } else {
            lines.append("no single first bad commit: every candidate was good, or skipped runs left it open")
        }
        return lines.joined(separator: "\n")
    }
}
