import ArgumentParser
import QuillKit

struct DiffCommand: ParsableCommand, JSONOutputCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Show what changed in prompts between two versions, and what it did to their scores.",
        discussion: HelpText.discussion(
            """
                Revisions as git diff takes them: none compares the work tree with HEAD; one compares the work tree \
                with it; two, or A..B, compare A with B; A...B compares the merge base of A and B with B. \
                Prompt paths after '--' limit the diff to those prompts or folders.
                """,
            examples: ["quill diff HEAD~3 HEAD --format markdown", "quill diff main...HEAD --format json -- prompts/support.prompt"]))

    static let schemas: [OutputSchema] = [.diff]

    @Argument(help: "The old side (default HEAD, the work tree being the new side), or a range A..B or A...B.")
    var from: String?

    @Argument(help: "The new side (default: the work tree).")
    var to: String?

    @Argument(parsing: .postTerminator, help: "Prompts or folders to limit the diff to.")
    var prompts: [String] = []

    @OptionGroup var output: OutputOptions

    func run() throws {
        let context = try CommandContext.open()
        try context.print(try context.workspace.diff(DiffRequest(revisions: [from, to].compactMap { $0 }, paths: prompts)), format: output.format)
    }
}
