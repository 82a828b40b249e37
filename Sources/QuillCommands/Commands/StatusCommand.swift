import ArgumentParser
import QuillKit

struct StatusCommand: ParsableCommand, JSONOutputCommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: "Show changed prompts and prompts that do not parse.",
        discussion: HelpText.discussion(examples: ["quill status --format json | jq -r '.unparseable[]'"]))

    static let schemas: [OutputSchema] = [.status]

    @OptionGroup var output: OutputOptions

    func run() throws {
        let context = try CommandContext.open()
        try context.print(try context.workspace.status(), format: output.format)
    }
}

extension StatusReport: TextRenderable {
    static let schema = OutputSchema.status

    func renderText(_ terminal: Terminal) -> String {
        var lines = [branch.map { "On branch \($0)" } ?? "HEAD detached at \(head.map { String($0.prefix(7)) } ?? "nothing")"]
        if head == nil { lines.append("No commits yet") }
        if changes.isEmpty {
            lines.append("No prompt changes.")
        } else {
            lines.append("Prompt changes:")
            for change in changes {
                let state = [change.staged.map { "staged \($0)" }, change.unstaged.map { "unstaged \($0)" }]
                    .compactMap { $0 }.joined(separator: ", ")
                let name = change.headPath.map { "\($0) -> \(change.path)" } ?? change.path
                let color: Terminal.Color = change.staged != nil ? .green : .red
                lines.append("  \(terminal.paint(name, color))  (\(state))")
            }
        }
        if !unparseable.isEmpty {
            lines.append("Prompts that do not parse:")
            lines += unparseable.map { "  " + terminal.paint($0, .red) }
        }
        return lines.joined(separator: "\n")
    }
}
