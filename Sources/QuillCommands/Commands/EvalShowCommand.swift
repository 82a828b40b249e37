import ArgumentParser
import QuillKit

struct EvalShowCommand: ParsableCommand, JSONOutputCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Show one evaluation record with its provenance and per-case results.",
        discussion: HelpText.discussion(examples: ["quill eval show 1a2b --format json"]))

    static let schemas: [OutputSchema] = [.evalShow]

    @Argument(help: "The record id or a unique prefix of at least 4 digits.")
    var id: String

    @OptionGroup var output: OutputOptions

    func run() throws {
        let context = try CommandContext.open()
        try context.print(try context.workspace.showEvaluation(id), format: output.format)
    }
}

extension EvalDetail: TextRenderable {
    static let schema = OutputSchema.evalShow

    func renderText(_ terminal: Terminal) -> String {
        var lines = [
            terminal.paint("record \(id)", .yellow),
            "prompt:  \(record.prompt) (version \(record.promptBlob.prefix(7)))",
            "commit:  \(record.commit)",
            "suite:   \(record.suite)" + (record.model.map { ", model \($0)" } ?? ""),
            "source:  \(record.source)",
        ]
        if let dataset = record.dataset { lines.append("dataset: \(dataset.name)" + (dataset.id.map { " (\($0))" } ?? "")) }
        if let manifest = record.manifest { lines.append("manifest: \(manifest)") }
        if let provenance { lines.append("recorded: \(provenance.recordedAt) by \(provenance.recordedBy) from \(provenance.files.joined(separator: ", "))") }
        lines.append("metrics:")
        lines += record.metrics.keys.sorted().map { "  \($0): \(ScoreFormat.short(record.metrics[$0]!))" }
        if !cases.isEmpty {
            let errorText = record.errors.map { ", \($0) error\($0 == 1 ? "" : "s"): in no metric and not in pass_rate" } ?? ""
            lines.append("cases (\(cases.count)\(errorText)):")
            for item in cases {
                let pass = item.pass.map { $0 ? terminal.paint("pass", .green) : terminal.paint("FAIL", .red) } ?? "    "
                let values = item.metrics.keys.sorted().map { "\($0)=\(ScoreFormat.short(item.metrics[$0]!))" }.joined(separator: " ")
                let repeatText = item.repeatIndex.map { " #\($0)" } ?? ""
                if let error = item.error {
                    lines.append("  \(terminal.paint("ERR ", .red))  \(item.id)\(repeatText)  \(error.escapingControlCharacters)")
                } else {
                    lines.append("  \(pass)  \(item.id)\(repeatText)  \(values)")
                }
            }
        }
        return lines.joined(separator: "\n")
    }
}
