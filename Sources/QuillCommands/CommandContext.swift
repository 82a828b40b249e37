import Foundation
import QuillKit

/// What every command that works on a repository needs, built once per invocation.
struct CommandContext {
    let workspace: Workspace

    /// Opens the repository containing the current folder.
    static func open() throws -> CommandContext {
        CommandContext(workspace: try Workspace.open(from: FileManager.default.currentDirectoryPath))
    }

    /// Prints a command's result on stdout in `format`, then each of the workspace's warnings on
    /// stderr as one `warning: …` line.
    func print(_ value: some TextRenderable, format: OutputFormat) throws {
        try Renderer.print(value, format: format)
        for warning in workspace.warnings { Console.error("warning: " + warning) }
    }
}
