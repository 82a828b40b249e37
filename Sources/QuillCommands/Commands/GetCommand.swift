import ArgumentParser
import Foundation
import QuillKit

struct GetCommand: ParsableCommand, JSONOutputCommand {
    static let configuration = CommandConfiguration(
        commandName: "get",
        abstract: "Print a prompt version by label or revision: its bytes, its parsed form, or rendered with variables.",
        usage: """
            quill get <prompt> [--repo <repo>] [--format <format>]
            quill get <prompt> [--repo <repo>] --render [--var <var> ...]
                  [--format <format>]
            """,
        discussion: HelpText.discussion(examples: ["quill get prompts/support.prompt@production", "quill get prompts/support.prompt --render --var name=Ann --format json"]))

    static let schemas: [OutputSchema] = [.get]

    @Argument(help: "The prompt and which version: prompts/support.prompt@production, …@v1.2, …@HEAD~1 (default HEAD).")
    var prompt: String

    @Option(help: "The repository (a work tree, a .git folder or a bare repository); PROMPT is then a path from its root.")
    var repo: String?

    @Flag(help: "Render the messages with the --var values (Mustache; unsupported template features are refused).")
    var render = false

    @Option(name: .customLong("var"), help: "A variable for --render, NAME=VALUE (repeatable; NAME may be dotted: customer.name=Ann).")
    var variables: [String] = []

    @OptionGroup var output: OutputOptions

    func validate() throws {
        for variable in variables where !variable.contains("=") {
            throw ValidationError("--var '\(variable)' has no '='; expected NAME=VALUE")
        }
        if !variables.isEmpty, !render {
            throw ValidationError("--var is only used with --render")
        }
    }

    func run() throws {
        let here = FileManager.default.currentDirectoryPath
        let library = try PromptLibrary.open(at: repo ?? here)
        let reference = repo == nil ? library.repositoryPath(prompt, typedIn: here) : prompt
        let loaded = try library.load(reference)
        if render {
            var values = [String: String]()
            for variable in variables {
                let parts = variable.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                values[String(parts[0])] = String(parts[1])
            }
            try Renderer.print(PromptContent(loaded, prompt: nil, rendered: try loaded.render(values)), format: output.format)
        } else if output.format == .text {
            FileHandle.standardOutput.write(loaded.data)
        } else {
            try Renderer.print(PromptContent(loaded, prompt: try loaded.parsed(), rendered: nil), format: output.format)
        }
    }
}

extension PromptContent: TextRenderable {
    static let schema = OutputSchema.get

    func renderText(_ terminal: Terminal) -> String {
        guard let rendered else { return prompt?.messages.map(\.text).joined(separator: "\n\n") ?? "" }
        if rendered.count == 1 { return rendered[0].text }
        return rendered.map { "\($0.role):\n\($0.text)" }.joined(separator: "\n\n")
    }
}
