import ArgumentParser
import QuillKit

struct LabelRemoveCommand: ParsableCommand, JSONOutputCommand {
    static let configuration = CommandConfiguration(
        commandName: "rm",
        abstract: "Remove a label from a prompt; the removal is kept in the label's history.",
        usage: """
            quill label rm <name> [<prompt>] [--message <message>]
                  [--format <format>]
            """,
        discussion: HelpText.discussion(examples: ["quill label rm staging prompts/support.prompt --format json"]))

    static let schemas: [OutputSchema] = [.labelMove]

    @Argument(help: "The label.")
    var name: String

    @Argument(help: "The prompt (may be left out when the label is on one prompt only).")
    var prompt: String?

    @Option(name: .shortAndLong, help: "Why the label is removed; kept in the move's commit.")
    var message: String?

    @OptionGroup var output: OutputOptions

    func run() throws {
        let context = try CommandContext.open()
        try Renderer.print(try context.workspace.removeLabel(name, from: prompt, message: message), format: output.format)
    }
}
