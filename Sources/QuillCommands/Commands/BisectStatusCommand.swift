import ArgumentParser
import QuillKit

/// `quill bisect status`: the session in progress.
struct BisectStatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "status", abstract: "Show the bisect session in progress.")

    @OptionGroup var output: OutputOptions

    func run() throws {
        try Renderer.print(try CommandContext.open().workspace.bisectStatus(), format: output.format)
    }
}
