import ArgumentParser
import QuillKit

struct ManifestShowCommand: ParsableCommand, JSONOutputCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show a manifest: its settings and its documents.",
        discussion: HelpText.discussion(examples: ["quill manifest show latest:kb --format json"]))

    static let schemas: [OutputSchema] = [.manifestShow]

    @Argument(help: "The manifest: an id (4 or more hex digits) or latest:NAME.")
    var manifest: String

    @OptionGroup var output: OutputOptions

    func run() throws {
        let context = try CommandContext.open()
        try context.print(try context.workspace.manifest(manifest), format: output.format)
    }
}

extension ManifestShowReport: TextRenderable {
    static let schema = OutputSchema.manifestShow

    /// At most this many documents are listed in text (JSON has them all).
    static let listedDocuments = 100

    func renderText(_ terminal: Terminal) -> String {
        var lines = [terminal.paint("manifest \(id)", .yellow)]
        for name in names { lines.append("name: \(name.name) (recorded \(name.recordedAt) by \(name.recordedBy))") }
        lines.append("store: \(header.store.kind)" + (header.store.collection.map { " collection \($0)" } ?? ""))
        if let embedding = header.embedding {
            lines.append("embedding: " + [embedding.model, embedding.dimension.map { "dimension \($0)" }, embedding.distance.map { "distance \($0)" }]
                .compactMap { $0 }.joined(separator: ", "))
        }
        lines.append("chunking: \(header.chunking.method)" + (header.chunking.size.map { " size \($0)" } ?? "") + (header.chunking.overlap.map { " overlap \($0)" } ?? ""))
        lines.append("content: \(header.content.rawValue)")
        lines.append("\(header.documents) documents, \(header.chunks) chunks")
        for document in documents.prefix(ManifestShowReport.listedDocuments) {
            lines.append("  \(document.content.prefix(7))  \(document.size) bytes  \(document.chunks.count) chunks  \(document.id)")
        }
        if documents.count > ManifestShowReport.listedDocuments {
            lines.append("  … and \(documents.count - ManifestShowReport.listedDocuments) more (--format json lists all)")
        }
        return lines.joined(separator: "\n")
    }
}
