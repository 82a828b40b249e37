import ArgumentParser
import QuillKit

/// How `quill manifest diff` prints.
enum ManifestDiffFormat: String, ExpressibleByArgument, CaseIterable, Sendable {
    case text, markdown, json, html
}

struct ManifestDiffCommand: ParsableCommand, JSONOutputCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Show what changed between two manifests: settings, documents added, removed and changed, chunks re-embedded.",
        usage: """
            quill manifest diff <old> <new> [--text-diffs <text-diffs>]
                  [--format <format>]
            """,
        discussion: HelpText.discussion(
            "Exit status: 0 shown (whether or not anything changed), 2 bad input, 3 a repository problem.",
            examples: ["quill manifest diff 1a2b3c4d latest:kb --format html > kb.html"]))

    static let schemas: [OutputSchema] = [.manifestDiff]

    @Argument(help: "The old manifest: an id (4 or more hex digits) or latest:NAME.")
    var old: String

    @Argument(help: "The new manifest.")
    var new: String

    @Option(help: "At most this many changed documents get a word-level diff of their text.")
    var textDiffs = 20

    @Option(help: "Output format: text, markdown, json or html (one self-contained page).")
    var format: ManifestDiffFormat = .text

    func run() throws {
        let context = try CommandContext.open()
        let diff = try context.workspace.diffManifests(old, new, textDiffs: textDiffs)
        switch format {
        case .text: Console.out(diff.renderText(.current))
        case .markdown: Console.out(diff.renderMarkdown())
        case .json: Console.out(try Renderer.json(diff))
        case .html: Console.out(diff.renderHTML())
        }
    }
}
