import ArgumentParser
import Foundation
import QuillKit

/// `quill textconv FILE`: the normalised form of a prompt file, for git's textconv diff driver
/// (`quill init --git-diff`). Hidden from help: git runs it, people run `quill show`.
struct TextconvCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "textconv",
        abstract: "Print a prompt file in Quill's normalised form, for git's textconv diff driver.",
        shouldDisplay: false)

    @Argument(help: "The file to convert (git passes a temporary copy named after the prompt).")
    var file: String

    func run() throws {
        // A file past the prompt bound is refused (exit 2): git diff then stops, as quill diff does.
        guard let data = try PromptParser.fileContents(atPath: file) else {
            throw QuillError.badInput("cannot read '\(file)'; expected a readable file")
        }
        // Outside a repository, or with a quill.yaml that does not parse, the extension decides.
        let reading = (try? Workspace.open(from: FileManager.default.currentDirectoryPath))?.textconvReading(for: file) ?? PromptReading()
        // A file that does not parse is shown as it is, so git diff still works on it.
        guard let prompt = try? PromptParser.parse(data, path: file, reading: reading) else {
            FileHandle.standardOutput.write(data)
            return
        }
        Console.out(PromptText.lines(prompt, Terminal(usesColor: false), lineNumbers: false).joined(separator: "\n"))
    }
}
