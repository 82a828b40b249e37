import ArgumentParser
import QuillKit

struct ManifestListCommand: ParsableCommand, JSONOutputCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the manifests recorded, newest first.",
        discussion: HelpText.discussion(examples: ["quill manifest list --name kb --format json"]))

    static let schemas: [OutputSchema] = [.manifestList]

    @Option(help: "Only the manifests recorded under this name.")
    var name: String?

    @OptionGroup var output: OutputOptions

    func run() throws {
        let context = try CommandContext.open()
        try context.print(try context.workspace.manifests(named: name), format: output.format)
    }
}

extension ManifestList: TextRenderable {
    static let schema = OutputSchema.manifestList

    func renderText(_ terminal: Terminal) -> String {
        guard !manifests.isEmpty else { return "No manifests." }
        let width = manifests.map(\.name.count).max() ?? 0
        return manifests.map { entry in
            terminal.paint(String(entry.id.prefix(12)), .yellow) + "  " + entry.name.padding(toLength: width, withPad: " ", startingAt: 0)
                + "  \(entry.kind)  \(entry.documents) documents, \(entry.chunks) chunks  \(entry.recordedAt)  \(entry.recordedBy)"
        }.joined(separator: "\n")
    }
}
