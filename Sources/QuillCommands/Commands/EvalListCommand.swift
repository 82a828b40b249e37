import ArgumentParser
import QuillKit

struct EvalListCommand: ParsableCommand, JSONOutputCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List evaluation records: of a prompt across its history, of a commit, or all.",
        discussion: HelpText.discussion(examples: ["quill eval list prompts/support.prompt", "quill eval list --commit HEAD --format json"]))

    static let schemas: [OutputSchema] = [.evalList]

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
    static let schema = OutputSchema.evalList

    func renderText(_ terminal: Terminal) -> String {
        guard !records.isEmpty else { return "No evaluation records." }
        // One string grown in place: a prompt's history lists tens of thousands of records, and their
        // lines gathered first, then joined, held the text three times over.
        var text = ""
        for record in records {
            if !text.isEmpty { text += "\n" }
            text += record.renderLine(terminal)
        }
        return text
    }
}
