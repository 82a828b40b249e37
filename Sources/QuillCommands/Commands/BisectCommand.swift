import ArgumentParser
import QuillKit

/// `quill bisect`: find the prompt change that made a metric worse by running an evaluator on candidates.
struct BisectCommand: ParsableCommand, JSONOutputCommand {
    static let configuration = CommandConfiguration(
        commandName: "bisect",
        abstract: "Find the first commit whose prompt change made a metric worse, by binary search with an evaluator.",
        usage: """
            quill bisect --metric <metric> --run <cmd> [--good <rev>] [--bad <rev>]
                  [--prompt <prompt>] [--suite <suite>] [--threshold <threshold>]
                  [--skip-failures] [--format <format>]
            quill bisect [--format <format>]
            quill bisect <subcommand>
            """,
        discussion: HelpText.discussion(
            """
                Candidates are the commits on the bad commit's first-parent path after the good commit that changed \
                the prompt (renames followed). Each step exports a candidate into a temporary folder and runs \
                '/bin/sh -c CMD' there with QUILL_PROMPT, QUILL_OUTPUT, QUILL_COMMIT, QUILL_METRIC and QUILL_SUITE set; \
                the result file it writes (any format 'quill eval record' reads) is recorded against the candidate. \
                Exit status 125 skips the candidate; any other failure stops the session (or skips, with \
                --skip-failures). The session is kept in .git/quill/bisect.json: run 'quill bisect' to resume it, \
                'quill bisect reset' to end it. The work tree, index and HEAD are never touched.
                """,
            examples: ["quill bisect --metric accuracy --run './evaluate.sh'", "quill bisect --format json"]),
        subcommands: [BisectStatusCommand.self, BisectSkipCommand.self, BisectResetCommand.self])

    static let schemas: [OutputSchema] = [.bisect]

    @Option(help: "The metric, as declared in quill.yaml (its direction says which way is better).")
    var metric: String?

    @Option(name: .customLong("run"), help: ArgumentHelp("The evaluator command, run with /bin/sh -c in each candidate's checkout.", valueName: "cmd"))
    var command: String?

    @Option(help: ArgumentHelp("A good revision (default: the newest evaluated first-parent ancestor of bad that scores better).", valueName: "rev"))
    var good: String?

    @Option(help: ArgumentHelp("A bad revision (default: HEAD).", valueName: "rev"))
    var bad: String?

    @Option(help: "The prompt (default: the one prompt with records of the metric at bad).")
    var prompt: String?

    @Option(help: "The suite whose records count (default: the one suite recorded at bad).")
    var suite: String?

    // Unconditional: a negative threshold is a value (`--threshold -1`), not an option.
    @Option(parsing: .unconditional, help: "Values worse than this are bad (default: midway between the good and bad values).")
    var threshold: Double?

    @Flag(help: "Skip a candidate whenever the command fails, not only on exit status 125.")
    var skipFailures = false

    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard (metric == nil) == (command == nil) else {
            throw ValidationError("--metric and --run go together; without both, 'quill bisect' resumes the session in progress")
        }
        guard metric != nil || (good == nil && bad == nil && prompt == nil && suite == nil && threshold == nil && !skipFailures) else {
            throw ValidationError("--good, --bad, --prompt, --suite, --threshold and --skip-failures start a session and need --metric and --run")
        }
        if let command, command.allSatisfy(\.isWhitespace) { throw ValidationError("--run needs a command") }
        if let threshold, !threshold.isFinite { throw ValidationError("--threshold must be a finite number") }
    }

    func run() throws {
        let context = try CommandContext.open()
        let request = metric.map { metric in
            BisectRequest(
                metric: metric, command: command ?? "", good: good, bad: bad, prompt: prompt, suite: suite,
                threshold: threshold, skipFailures: skipFailures)
        }
        try BisectCommand.reportingInterruption {
            try context.print(try context.workspace.bisect(request), format: output.format)
        }
    }

    /// Runs `body`; an interrupted evaluator becomes its message and exit status 128 + the signal, as shells report it.
    static func reportingInterruption(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch let interruption as BisectInterruption {
            Console.error("error: \(interruption.description)")
            throw ExitCode(128 + interruption.signal)
        }
    }
}

extension BisectReport: TextRenderable {
    static let schema = OutputSchema.bisect

    func renderText(_ terminal: Terminal) -> String {
        let value = { (number: Double?) in number.map(ScoreFormat.short) ?? "-" }
        let (metric, good, bad, threshold) = (setup.metric, setup.good, setup.bad, setup.threshold)
        var lines = [
            terminal.paint("bisect '\(metric)' (\(setup.direction.rawValue) is better) on \(setup.prompt), suite '\(setup.suite)'", .bold),
            "good  \(terminal.paint(String(good.commit.prefix(7)), .yellow))  \(value(good.value))  \(good.subject)",
            "bad   \(terminal.paint(String(bad.commit.prefix(7)), .yellow))  \(value(bad.value))  \(bad.subject)",
            terminal.paint("threshold \(ScoreFormat.short(threshold)); \(candidates) candidate commit\(candidates == 1 ? "" : "s") changed the prompt; \(runs) run\(runs == 1 ? "" : "s") (bound \(runBound))", .dim),
        ]
        for step in steps {
            let verdict = terminal.paint(step.verdict.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0), step.verdict == .bad ? .red : step.verdict == .good ? .green : .dim)
            let exit = step.exitStatus.map { $0 == 0 ? "" : "  (exit \($0))" } ?? ""
            lines.append("  \(terminal.paint(String(step.commit.prefix(7)), .yellow))  \(value(step.value).padding(toLength: 8, withPad: " ", startingAt: 0))\(verdict)\(step.source.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0))\(step.subject)\(exit)")
        }
        switch status {
        case .inProgress:
            lines.append("next: \(next.map { String($0.prefix(7)) } ?? "-"); run 'quill bisect' to go on")
        case .found:
            if let firstBad {
                lines.append(terminal.paint("first bad commit: \(firstBad.commit.prefix(7)) \(firstBad.subject)", .bold))
                lines.append("  \(metric) \(value(firstBad.previousValue)) -> \(value(firstBad.value))  (\(firstBad.path))")
            }
        case .ambiguous:
            lines.append("skipped candidates leave several possible first bad commits: \(possible.map { String($0.prefix(7)) }.joined(separator: " "))")
        case .noPromptChange:
            lines.append("no prompt change between good and bad makes '\(metric)' worse than \(ScoreFormat.short(threshold)); the regression came from another change (code, data or model)")
        }
        return lines.joined(separator: "\n")
    }
}

extension BisectResetReport: TextRenderable {
    static let schema = OutputSchema.bisectReset

    func renderText(_ terminal: Terminal) -> String {
        guard hadSession else { return "no bisect session in progress" }
        return "bisect session ended" + (removedCheckout.map { "; removed the unfinished run's folder '\($0)'" } ?? "")
    }
}
