import ArgumentParser
import Foundation
import QuillKit

struct InitCommand: ParsableCommand, JSONOutputCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Set up Quill: a repository if there is none, a commented quill.yaml, notes carried across rebases.",
        discussion: HelpText.discussion(examples: ["quill init --git-diff", "quill init prompts-repo --format json"]))

    static let schemas: [OutputSchema] = [.initialize]

    @Argument(help: "The folder to set up (default: the current folder).")
    var directory: String?

    @Flag(name: .customLong("git-diff"), help: "Also make 'git diff' and 'git log -p' show prompts in Quill's normalised form (a textconv diff driver, 'quill textconv', found on PATH).")
    var gitDiff = false

    @OptionGroup var output: OutputOptions

    func run() throws {
        let folder = directory ?? FileManager.default.currentDirectoryPath
        var report = try Workspace.initialize(at: folder)
        if gitDiff {
            report.diffDriver = try Workspace.open(from: folder).registerDiffDriver()
        }
        try Renderer.print(report, format: output.format)
    }
}

extension InitReport: TextRenderable {
    static let schema = OutputSchema.initialize

    func renderText(_ terminal: Terminal) -> String {
        var lines = [createdRepository ? "Initialized empty git repository in \(root)" : "Using git repository in \(root)"]
        lines.append(wroteConfig ? "Wrote \(configPath) (edit the prompt globs and metrics there)" : "Kept existing \(configPath)")
        lines.append("Score notes follow amend and rebase (notes.rewriteRef = refs/notes/quill)")
        if let driver = diffDriver {
            lines.append("git diff shows prompts through '\(driver.textconv)' (diff=quill in \(driver.attributesPath))")
        }
        return lines.joined(separator: "\n")
    }
}
