import Foundation
import QuillKit

/// What every command that works on a repository needs, built once per invocation.
struct CommandContext {
    let workspace: Workspace

    /// Opens the repository containing the current folder.
    static func open() throws -> CommandContext {
        CommandContext(workspace: try Workspace.open(from: FileManager.default.currentDirectoryPath))
    }
}
