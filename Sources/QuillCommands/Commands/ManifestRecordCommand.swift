import ArgumentParser
import QuillKit

extension ManifestHeader.ContentMode: ExpressibleByArgument {}

struct ManifestRecordCommand: ParsableCommand, JSONOutputCommand {
    static let configuration = CommandConfiguration(
        commandName: "record",
        abstract: "Record a snapshot of a vector store as a manifest and print its id.",
        usage: """
            quill manifest record <source> [--name <name>]
                  [--collection <collection>] [--content <content>]
                  [--chunk-size <chunk-size>] [--overlap <overlap>]
                  [--embedding-model <embedding-model>]
                  [--embedding-dimension <embedding-dimension>]
                  [--distance <distance>] [--format <format>]
            """,
        discussion: HelpText.discussion(
            """
                SOURCE is a Chroma persistent directory (it holds chroma.sqlite3), a LlamaIndex storage folder \
                (docstore.json), a manifest file in Quill's format (.json or .jsonl, docs/schemas/manifest.schema.json), \
                or a folder of UTF-8 documents (every file below it whose path has no part starting with '.'; \
                links are not followed) split into chunks by Quill's utf8-window splitter (docs/storage.md). \
                A folder recorded before under the same name is read again only where files changed.
                """,
            "Exit status: 0 recorded, 2 bad input (nothing stored), 3 a repository problem.",
            examples: ["quill manifest record docs --name kb", "quill manifest record chroma --collection faq --format json"]))

    static let schemas: [OutputSchema] = [.manifestRecord]

    @Argument(help: "The store: a folder of documents, a Chroma or LlamaIndex folder, or a manifest file.")
    var source: String

    @Option(help: "The name to record the manifest under (default: the source's name).")
    var name: String?

    @Option(help: "The Chroma collection to read, when the database holds several.")
    var collection: String?

    @Option(help: "blobs: store document contents in the repository; hash: keep only their content ids and sizes.")
    var content: ManifestHeader.ContentMode = .blobs

    @Option(help: "Chunk size in UTF-8 bytes.")
    var chunkSize = 1000

    @Option(help: "Overlap of neighbouring chunks in UTF-8 bytes.")
    var overlap = 200

    @Option(help: "The embedding model the pipeline uses (noted in the manifest).")
    var embeddingModel: String?

    @Option(help: "The embedding dimension (noted in the manifest).")
    var embeddingDimension: Int?

    @Option(help: "The distance the index uses: cosine, l2, ip (noted in the manifest).")
    var distance: String?

    @OptionGroup var output: OutputOptions

    func run() throws {
        let context = try CommandContext.open()
        let request = ManifestRecordRequest(
            source: source, name: name, content: content, chunkSize: chunkSize, overlap: overlap,
            embedding: .init(model: embeddingModel, dimension: embeddingDimension, distance: distance), collection: collection)
        try context.print(try context.workspace.recordManifest(request), format: output.format)
    }
}

extension ManifestRecordReport: TextRenderable {
    static let schema = OutputSchema.manifestRecord

    func renderText(_ terminal: Terminal) -> String {
        let reuse = documentsReused > 0 ? ", \(documentsReused) unchanged since the last record" : ""
        return id + "\n" + terminal.paint(
            "\(isNew ? "recorded" : "already recorded") as '\(name)': \(documents) documents, \(chunks) chunks (\(documentsRead) read\(reuse))", .dim)
    }
}
