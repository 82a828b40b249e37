import ArgumentParser
import QuillKit

struct LogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "log",
        abstract: "List a prompt's versions across history, following renames; without PROMPT, every prompt's latest version.")

    @Argument(help: "The prompt file.")
    var prompt: String?

    @Option(name: .long, help: "Start from this revision instead of HEAD.")
    var rev: String = "HEAD"

    @OptionGroup var output: OutputOptions

    func run() throws {
        let context = try CommandContext.open()
        if let prompt {
            try Renderer.print(try context.workspace.log(prompt: prompt, revision: rev), format: output.format)
        } else {
            try Renderer.print(try context.workspace.latestVersions(revision: rev), format: output.format)
        }
    }
}

extension PromptVersion {
    /// One line: short commit, date, blob, change, subject, author; the path when it differs from `prompt`.
    func renderLine(_ terminal: Terminal, prompt: String) -> String {
        let blobText = blob.map { String($0.prefix(7)) } ?? "(gone) "
        let change = terminal.paint(self.change.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0), .cyan)
        var subjectText = subject
        if let previousPath { subjectText += terminal.paint("  [from \(previousPath)]", .dim) }
        if path != prompt, previousPath == nil { subjectText += terminal.paint("  [as \(path)]", .dim) }
        return "\(terminal.paint(String(commit.prefix(7)), .yellow))  \(date.prefix(10))  \(blobText)  \(change)  \(subjectText)  \(terminal.paint("(\(author))", .dim))"
    }
}

extension PromptLog: TextRenderable {
    func renderText(_ terminal: Terminal) -> String {
        let header = terminal.paint("\(prompt): \(versions.count) version\(versions.count == 1 ? "" : "s")", .bold)
        let columns = terminal.paint("commit   date        blob     change    subject", .dim)
        return ([header, columns] + versions.map { $0.renderLine(terminal, prompt: prompt) }).joined(separator: "\n")
    }
}

extension PromptCatalog: TextRenderable {
    func renderText(_ terminal: Terminal) -> String {
        guard !prompts.isEmpty else { return "No prompts at \(commit.prefix(7)); check the 'prompts' globs in quill.yaml." }
        let width = prompts.map(\.path.count).max() ?? 0
        return prompts.map { version in
            let padded = version.path.padding(toLength: width, withPad: " ", startingAt: 0)
            return "\(terminal.paint(padded, .bold))  \(terminal.paint(String(version.commit.prefix(7)), .yellow))  \(version.date.prefix(10))  \(version.blob.map { String($0.prefix(7)) } ?? "")  \(version.subject)"
        }.joined(separator: "\n")
    }
}
