import ArgumentParser
import QuillKit

struct LabelLogCommand: ParsableCommand, JSONOutputCommand {
    static let configuration = CommandConfiguration(
        commandName: "log",
        abstract: "Every move of a label: who, when, from which version to which, why, and both versions' scores.",
        discussion: HelpText.discussion(examples: ["quill label log production --format markdown"]))

    static let schemas: [OutputSchema] = [.labelLog]

    @Argument(help: "The label.")
    var name: String

    @Argument(help: "Only the moves on this prompt.")
    var prompt: String?

    @OptionGroup var output: OutputOptions

    func run() throws {
        let context = try CommandContext.open()
        try Renderer.print(try context.workspace.labelLog(name, prompt: prompt), format: output.format)
    }
}

extension LabelLog: TextRenderable {
    static let schema = OutputSchema.labelLog

    func renderText(_ terminal: Terminal) -> String {
        moves.map { move in
            var lines = [
                terminal.paint(String(move.id.prefix(7)), .yellow) + "  \(move.movedAt)  \(move.movedBy)" + (move.isCurrent ? "  " + terminal.paint("(current)", .green) : ""),
                "    \(move.prompt): \(LabelMoveReport.short(move.from)) -> \(LabelMoveReport.short(move.to))",
            ]
            if let message = move.message {
                lines += message.split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 }
            }
            lines += LabelLog.scoreLines(move)
            return lines.joined(separator: "\n")
        }.joined(separator: "\n\n")
    }

    /// One line per suite and model either version was evaluated in: `    smoke: accuracy 0.81 -> 0.86`.
    private static func scoreLines(_ move: LabelMoveReport) -> [String] {
        let keys = Set((move.fromScores + move.toScores).map { ScoreKey(suite: $0.suite, model: $0.model) }).sorted { ($0.suite, $0.model ?? "") < ($1.suite, $1.model ?? "") }
        return keys.map { key in
            let from = move.fromScores.first { ScoreKey(suite: $0.suite, model: $0.model) == key }
            let to = move.toScores.first { ScoreKey(suite: $0.suite, model: $0.model) == key }
            let metrics = Set((from?.metrics.keys.map { $0 } ?? []) + (to?.metrics.keys.map { $0 } ?? [])).sorted()
            let cells = metrics.map { metric in
                "\(metric) \(from?.metrics[metric].map { ScoreFormat.short($0.mean) } ?? "-") -> \(to?.metrics[metric].map { ScoreFormat.short($0.mean) } ?? "-")"
            }
            return "    \(key.suite)\(key.model.map { ", \($0)" } ?? ""): " + cells.joined(separator: ", ")
        }
    }

    private struct ScoreKey: Hashable {
        let suite: String
        let model: String?
    }
}
