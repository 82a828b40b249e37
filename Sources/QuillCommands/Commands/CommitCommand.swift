import ArgumentParser
import QuillKit

struct CommitCommand: ParsableCommand, JSONOutputCommand {
    static let configuration = CommandConfiguration(
        commandName: "commit",
        abstract: "Stage and commit prompt files; every staged prompt must parse.",
        discussion: HelpText.discussion(
            """
                With PATHs, exactly those files are committed (other staged changes stay staged), like \
                'git commit PATH...'. Without, every changed prompt is staged and the index is committed.
                """,
            examples: ["quill commit -m 'Cite the refund policy' prompts/support.prompt", "quill commit -m 'Update every prompt' --format json"]))

    static let schemas: [OutputSchema] = [.commit]

    @Option(name: .shortAndLong, help: "The commit message; several are joined as paragraphs.")
    var message: [String] = []

    @Argument(help: "Files or folders to commit.")
    var paths: [String] = []

    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard !message.isEmpty else { throw ValidationError("missing -m MESSAGE; quill commit needs a commit message") }
    }

    func run() throws {
        let context = try CommandContext.open()
        let report = try context.workspace.commit(message: message.joined(separator: "\n\n"), paths: paths)
        try context.print(report, format: output.format)
    }
}

extension CommitReport: TextRenderable {
    static let schema = OutputSchema.commit

    func renderText(_ terminal: Terminal) -> String {
        let header = "[\(branch ?? "detached HEAD") \(terminal.paint(String(commit.prefix(7)), .yellow))] \(subject)"
        let files = changes.map { " \($0.change) \($0.path)" }
        return ([header, " \(changes.count) file\(changes.count == 1 ? "" : "s") changed"] + files).joined(separator: "\n")
    }
}
