import QuillKit

extension ManifestDiff: MarkdownRenderable {
    static let schema = OutputSchema.manifestDiff

    /// `3 added, 1 removed, 2 changed, 94 unchanged documents; 4 chunks re-embedded`.
    var summary: String {
        var text = "\(counts.added) added, \(counts.removed) removed, \(counts.changed) changed, \(counts.unchanged) unchanged documents"
        if counts.chunksReembedded > 0 { text += "; \(DiffCells.count(counts.chunksReembedded, "chunk")) re-embedded" }
        return text
    }

    func renderText(_ terminal: Terminal) -> String {
        var lines = ["manifest diff \(from.prefix(12)) → \(to.prefix(12)): " + summary]
        lines.append("documents \(counts.fromDocuments) → \(counts.toDocuments), chunks \(counts.fromChunks) → \(counts.toChunks)")
        for change in settings {
            lines.append("  setting \(change.path): " + terminal.paint(DiffCells.value(change.old), .red) + " → " + terminal.paint(DiffCells.value(change.new), .green))
        }
        for document in added { lines.append(terminal.paint("+ \(document.id)", .green) + "  \(document.size) bytes, \(DiffCells.count(document.chunks, "chunk"))") }
        for document in removed { lines.append(terminal.paint("- \(document.id)", .red) + "  \(document.size) bytes, \(DiffCells.count(document.chunks, "chunk"))") }
        for document in changed {
            lines.append(terminal.paint("~ \(document.id)", .bold) + "  " + details(document))
            for change in document.metadata {
                lines.append("    metadata \(change.path): " + DiffCells.value(change.old) + " → " + DiffCells.value(change.new))
            }
            if let text = document.text { lines += TextDiffLines(terminal: terminal).lines(text, indent: 4) }
        }
        if textDiffsOmitted > 0 { lines.append("(\(textDiffsOmitted) changed documents shown without their text diff; raise --text-diffs)") }
        return lines.joined(separator: "\n")
    }

    func renderMarkdown() -> String {
        var lines = ["### Manifest \(Markdown.code(String(from.prefix(12)))) → \(Markdown.code(String(to.prefix(12))))", "", Markdown.cell(summary), ""]
        if !settings.isEmpty {
            lines += Markdown.table(header: ["setting", "old", "new"], alignRight: [], rows: settings.map {
                [Markdown.code($0.path), Markdown.code(DiffCells.value($0.old)), Markdown.code(DiffCells.value($0.new))]
            })
            lines.append("")
        }
        let rows = added.map { ["added", Markdown.code($0.id), "\($0.size)"] } + removed.map { ["removed", Markdown.code($0.id), "\($0.size)"] }
            + changed.map { ["changed", Markdown.code($0.id), "\($0.fromSize) → \($0.toSize)"] }
        if !rows.isEmpty {
            lines += Markdown.table(header: ["change", "document", "bytes"], alignRight: [2], rows: rows)
            lines.append("")
        }
        for document in changed {
            guard let text = document.text else { continue }
            lines.append("<details><summary>\(Markdown.html(document.id))</summary>")
            lines.append("")
            lines += Markdown.diffBlock(text)
            lines.append("</details>")
            lines.append("")
        }
        return lines.joined(separator: "\n")
    }

    private func details(_ document: ChangedDocument) -> String {
        var parts = [String]()
        if document.contentChanged { parts.append("content \(document.fromSize) → \(document.toSize) bytes") }
        if !document.metadata.isEmpty { parts.append("metadata") }
        if document.fromChunks != document.toChunks { parts.append("chunks \(document.fromChunks) → \(document.toChunks)") }
        if document.chunksReembedded > 0 { parts.append("\(DiffCells.count(document.chunksReembedded, "chunk")) re-embedded") }
        return parts.joined(separator: ", ")
    }
}
