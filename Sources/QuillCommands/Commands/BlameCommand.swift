import ArgumentParser
import QuillKit

struct BlameCommand: ParsableCommand, JSONOutputCommand {
    static let configuration = CommandConfiguration(
        commandName: "blame",
        abstract: "Show each line of a prompt with the commit that last changed it and the score change that commit brought.",
        usage: """
            quill blame <prompt> [<rev>] [--format <format>]
            quill blame <prompt> [<rev>] --metric <metric> [--since <since>]
                  [--suite <suite>] [--bisect --run <cmd>] [--format <format>]
            """,
        discussion: HelpText.discussion(
            """
                Lines are attributed exactly as 'git blame' attributes them (whole-file renames followed, no move or copy detection). \
                With --metric, finds the change points of that metric along first-parent history (E-divisive means with a permutation test) \
                and names, for each change in the bad direction, the commits that could explain it.
                """,
            examples: ["quill blame prompts/support.prompt", "quill blame prompts/support.prompt --metric accuracy --format json"]))

    static let schemas: [OutputSchema] = [.blame, .blameRegressions, .blameBisect]

    @Argument(help: "The prompt file.")
    var prompt: String

    @Argument(help: "The revision to blame.")
    var rev: String = "HEAD"

    @Option(help: "Attribute the regressions of this metric instead of blaming lines.")
    var metric: String?

    @Option(help: "With --metric: look no further back than this revision (exclusive).")
    var since: String?

    @Option(help: "With --metric: only records of this suite.")
    var suite: String?

    @Flag(help: "With --metric and --run: evaluate the candidates of the newest ambiguous regression until one is the culprit.")
    var bisect = false

    @Option(name: .customLong("run"), help: ArgumentHelp("With --bisect: the evaluator command, run as 'quill bisect' runs it.", valueName: "cmd"))
    var command: String?

    @OptionGroup var output: OutputOptions

    func validate() throws {
        if metric == nil, since != nil || suite != nil || bisect {
            throw ValidationError("--since, --suite and --bisect need --metric")
        }
        if bisect != (command != nil) { throw ValidationError("--bisect and --run go together") }
        if let command, command.allSatisfy(\.isWhitespace) { throw ValidationError("--run needs a command") }
    }

    func run() throws {
        let context = try CommandContext.open()
        if let metric, let command {
            try BisectCommand.reportingInterruption {
                let report = try context.workspace.bisectRegression(prompt: prompt, metric: metric, command: command, revision: rev, since: since, suite: suite)
                try context.print(report, format: output.format)
            }
        } else if let metric {
            let report = try context.workspace.regressions(prompt: prompt, metric: metric, revision: rev, since: since, suite: suite)
            try context.print(report, format: output.format)
        } else {
            try context.print(try context.workspace.blame(prompt: prompt, revision: rev), format: output.format)
        }
    }
}

extension RegressionReport: TextRenderable {
    static let schema = OutputSchema.blameRegressions

    func renderText(_ terminal: Terminal) -> String {
        let scope = "\(prompt), \(metric) (\(direction.rawValue) is better\(suite.map { ", suite '\($0)'" } ?? ""))"
        guard !regressions.isEmpty else { return "No regression of \(scope) over \(evaluatedCommits) evaluated commits." }
        var lines = [terminal.paint("\(regressions.count) regression\(regressions.count == 1 ? "" : "s") of \(scope) over \(evaluatedCommits) evaluated commits", .bold)]
        for regression in regressions {
            lines.append("")
            lines.append(terminal.paint("\(ScoreFormat.short(regression.before.mean)) ± \(ScoreFormat.short(regression.before.standardError)) → \(ScoreFormat.short(regression.after.mean)) ± \(ScoreFormat.short(regression.after.standardError)) (\(ScoreFormat.signed(regression.change)), p = \(ScoreFormat.short(regression.pValue)))", .red))
            lines.append("  last good \(regression.lastGood.prefix(8)) (\(regression.before.commits) evaluated commits at the old level), first bad \(regression.firstBad.prefix(8))")
            lines.append("  " + terminal.paint(regression.advice(metric: metric, prompt: prompt) { $0 }, .bold))
            if let paired = regression.pairedCases {
                let flips = paired.passFail.map { ", \($0.passToFail) pass→fail and \($0.failToPass) fail→pass (McNemar p = \(ScoreFormat.short($0.pValue)))" } ?? ""
                lines.append("  \(paired.sharedCases) shared cases: mean change \(ScoreFormat.signed(paired.meanDifference))\(flips)")
            }
            for change in regression.recordChanges {
                lines.append("  records' \(change.field.rawValue): \(change.before.joined(separator: ", ")) → \(change.after.joined(separator: ", ")) (\(change.commit.map { "set by " + $0.prefix(8) } ?? "outside the repository"))")
            }
            if regression.candidates.isEmpty { lines.append("  no commit in between changed the prompt, its model, its data, its dataset or its suite") }
            for candidate in regression.candidates {
                let mark = candidate.commit == regression.culprit ? terminal.paint("culprit ", .yellow) : "        "
                let branch = candidate.merge.map { "  (on the branch merged by \($0.prefix(8)))" } ?? ""
                lines.append("  \(mark)\(terminal.paint(String(candidate.commit.prefix(8)), .yellow)) \(candidate.kinds.map(\.rawValue).joined(separator: "+"))  p \(ScoreFormat.short(candidate.probability))  \(candidate.date.prefix(10))  \(candidate.subject)  (\(candidate.author))\(branch)")
                lines += Self.changedLines(candidate.changedLines, terminal)
                for include in candidate.includes {
                    lines.append("            in included \(include.path):")
                    lines += Self.changedLines(include.changedLines, terminal)
                }
                for setting in candidate.settings {
                    lines.append("            in \(setting.path):")
                    lines += Self.changedLines(setting.changedLines, terminal)
                }
            }
        }
        return lines.joined(separator: "\n")
    }

    /// The first six of `changed`, coloured, and how many more there are.
    private static func changedLines(_ changed: [String], _ terminal: Terminal) -> [String] {
        let shown = changed.prefix(6).map { "            " + terminal.paint($0, $0.hasPrefix("+") ? .green : .red) }
        return shown + (changed.count > 6 ? ["            … \(changed.count - 6) more changed lines"] : [])
    }
}

extension RegressionBisectReport: TextRenderable {
    static let schema = OutputSchema.blameBisect

    func renderText(_ terminal: Terminal) -> String {
        guard let regression else { return "No ambiguous regression to bisect.\n\n" + report.renderText(terminal) }
        var lines = [terminal.paint("bisect of the regression at \(regression.prefix(8)): \(candidates) candidates, \(steps.count) run\(steps.count == 1 ? "" : "s") (bound \(runBound))", .bold)]
        for step in steps {
            lines.append("  \(terminal.paint(String(step.commit.prefix(8)), .yellow))  \(step.value.map(ScoreFormat.short) ?? "skipped (exit \(step.exitStatus))")")
        }
        return lines.joined(separator: "\n") + "\n\n" + report.renderText(terminal)
    }
}

extension BlameReport: TextRenderable {
    static let schema = OutputSchema.blame

    func renderText(_ terminal: Terminal) -> String {
        let byID = Dictionary(commits.map { ($0.version.commit, $0) }, uniquingKeysWith: { first, _ in first })
        let groups = commits.flatMap { $0.version.scores.map { ScoreGroup(suite: $0.suite, model: $0.model) } }
        let counts = Dictionary(groups.map { ($0, 1) }, uniquingKeysWith: +)
        let primary = counts.max { ($0.value, $1.key.suite) < ($1.value, $0.key.suite) }?.key
        let scoreTexts = byID.mapValues { $0.scoreChange(in: primary, metrics: primary == nil ? [] : metrics) }
        let scoreWidth = scoreTexts.values.map(\.count).max() ?? 0
        let authorWidth = commits.map(\.version.author.count).max() ?? 0
        let showsPath = lines.contains { $0.originalPath != prompt }
        let pathWidth = showsPath ? lines.map(\.originalPath.count).max() ?? 0 : 0
        let numberWidth = String(lines.count).count
        var output = [String]()
        if let primary {
            output.append(terminal.paint("scores: suite '\(primary.suite)'\(primary.model.map { ", model '\($0)'" } ?? ""); change each commit's version brought over the previous evaluated version", .dim))
        }
        for line in lines {
            guard let commit = byID[line.commit] else { continue }
            let id = (commit.isBoundary ? "^" : "") + String(line.commit.prefix(commit.isBoundary ? 7 : 8))
            var fields = [terminal.paint(id, .yellow)]
            if showsPath { fields.append(line.originalPath.padding(toLength: pathWidth, withPad: " ", startingAt: 0)) }
            fields.append("(" + commit.version.author.padding(toLength: authorWidth, withPad: " ", startingAt: 0) + " " + String(commit.version.date.prefix(10)))
            if scoreWidth > 0 { fields.append((scoreTexts[line.commit] ?? "").padding(toLength: scoreWidth, withPad: " ", startingAt: 0)) }
            let number = String(repeating: " ", count: numberWidth - String(line.line).count) + String(line.line)
            output.append(fields.joined(separator: " ") + " " + number + ") " + line.text)
        }
        return output.joined(separator: "\n")
    }
}

extension BlamedCommit {
    /// `accuracy +0.03, latency_ms -12` for the version this commit left, or `-` when it was not evaluated.
    func scoreChange(in group: ScoreGroup?, metrics: [String]) -> String {
        guard let group, let score = version.scores.first(where: { $0.suite == group.suite && $0.model == group.model }) else {
            return metrics.isEmpty ? "" : "-"
        }
        let parts = metrics.compactMap { name in
            score.metrics[name].map { value in "\(name) \(value.delta.map(ScoreFormat.signed) ?? "=" + ScoreFormat.short(value.mean))" }
        }
        return parts.isEmpty ? "-" : parts.joined(separator: ", ")
    }
}
