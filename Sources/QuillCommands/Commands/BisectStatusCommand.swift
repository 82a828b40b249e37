import ArgumentParser
import QuillKit

/// `quill bisect status`: the session in progress.
struct BisectStatusCommand: ParsableCommand, JSONOutputCommand {
    static let configuration = CommandConfiguration(commandName: "status", abstract: "Show the bisect session in progress.",
        discussion: HelpText.discussion(examples: ["quill bisect status --format json"]))

    static let schemas: [OutputSchema] = [.bisect]

    @OptionGroup var output: OutputOptions

    func run() throws {
        try Renderer.print(try CommandContext.open().workspace.bisectStatus(), format: output.format)
    }
}
