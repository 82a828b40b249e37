import ArgumentParser
import QuillKit

/// `quill bisect reset`: end the session.
struct BisectResetCommand: ParsableCommand, JSONOutputCommand {
    static let configuration = CommandConfiguration(
        commandName: "reset", abstract: "End the bisect session: remove its state and any temporary checkout.",
        discussion: HelpText.discussion(examples: ["quill bisect reset --format json"]))

    static let schemas: [OutputSchema] = [.bisectReset]

    @OptionGroup var output: OutputOptions

    func run() throws {
        try Renderer.print(try CommandContext.open().workspace.bisectReset(), format: output.format)
    }
}
