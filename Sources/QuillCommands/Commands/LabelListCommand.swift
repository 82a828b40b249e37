import ArgumentParser
import QuillKit

struct LabelListCommand: ParsableCommand, JSONOutputCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the labels that are set, with their versions and who moved them there.",
        discussion: HelpText.discussion(examples: ["quill label list --format json"]))

    static let schemas: [OutputSchema] = [.labelList]

    @Argument(help: "Only the labels on this prompt.")
    var prompt: String?

    @OptionGroup var output: OutputOptions

    func run() throws {
        let context = try CommandContext.open()
        try Renderer.print(try context.workspace.labels(prompt: prompt), format: output.format)
    }
}

extension LabelList: TextRenderable {
    static let schema = OutputSchema.labelList

    func renderText(_ terminal: Terminal) -> String {
        guard !labels.isEmpty else { return "No labels." }
        let width = labels.map(\.label.count).max() ?? 0
        return labels.map { entry in
            var line = terminal.paint(entry.label.padding(toLength: width, withPad: " ", startingAt: 0), .yellow)
                + "  \(entry.prompt)  \(entry.version.blob.prefix(7)) (commit \(entry.version.commit.prefix(7)))  \(entry.movedAt)  \(entry.movedBy)"
            switch entry.problem {
            case .promptGoneAtHead?: line += "  " + terminal.paint("[prompt no longer at HEAD]", .red)
            case .versionMissing?: line += "  " + terminal.paint("[version missing from this repository]", .red)
            case nil: break
            }
            return line
        }.joined(separator: "\n")
    }
}
