import ArgumentParser
import QuillKit

struct LabelSetCommand: ParsableCommand, JSONOutputCommand {
    static let configuration = CommandConfiguration(
        commandName: "set",
        abstract: "Move a label to a prompt's version at a revision (HEAD by default), if quill.yaml's policy allows it.",
        discussion: HelpText.discussion(examples: ["quill label set production prompts/support.prompt@v1.2 -m 'Ship it'"]))

    static let schemas: [OutputSchema] = [.labelMove]

    @Argument(help: "The label, such as 'production'.")
    var name: String

    @Argument(help: "The prompt, optionally with a revision: prompts/support.prompt@v1.2.")
    var prompt: String

    @Option(name: .shortAndLong, help: "Why the label moves; kept in the move's commit.")
    var message: String?

    @OptionGroup var output: OutputOptions

    func run() throws {
        let context = try CommandContext.open()
        try Renderer.print(try context.workspace.setLabel(name, on: prompt, message: message), format: output.format)
    }
}

extension LabelMoveReport: TextRenderable {
    static let schema = OutputSchema.labelMove

    func renderText(_ terminal: Terminal) -> String {
        "\(terminal.paint(label, .yellow)) on \(prompt): \(LabelMoveReport.short(from)) -> \(LabelMoveReport.short(to))"
    }

    static func short(_ version: LabelVersion?) -> String {
        version.map { String($0.blob.prefix(7)) + " (commit \($0.commit.prefix(7)))" } ?? "none"
    }
}
