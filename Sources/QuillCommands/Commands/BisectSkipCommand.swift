import ArgumentParser
import QuillKit

/// `quill bisect skip [REV]`: mark a candidate as impossible to evaluate.
struct BisectSkipCommand: ParsableCommand, JSONOutputCommand {
    static let configuration = CommandConfiguration(
        commandName: "skip",
        abstract: "Mark a candidate as impossible to evaluate (default: the next one); run 'quill bisect' to go on.",
        discussion: HelpText.discussion(examples: ["quill bisect skip 1a2b3c4"]))

    static let schemas: [OutputSchema] = [.bisect]

    @Argument(help: "The candidate to skip.")
    var revision: String?

    @OptionGroup var output: OutputOptions

    func run() throws {
        try Renderer.print(try CommandContext.open().workspace.bisectSkip(revision), format: output.format)
    }
}
