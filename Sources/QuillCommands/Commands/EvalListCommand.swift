import ArgumentParser
import QuillKit

struct EvalListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List evaluation records: of a prompt across its history, of a commit, or all.")

    @Argument(help: "A prompt: list the records of every version in its history.")
    var prompt: String?

    @Option(help: "List the records of this evaluated commit.")
    var commit: String?

    @OptionGroup var output: OutputOptions

    func run() throws {
        let context = try CommandContext.open()
        try context.print(try context.workspace.listEvaluations(prompt: prompt, commit: commit), format: output.format)
    }
}

extension EvalList: TextRenderable {
    func renderText(_ terminal: Terminal) -> String {
        guard !records.isEmpty else { return "No evaluation records." }
        return records.map { $0.renderLine(terminal) }.joined(separator: "\n")
    }
}
