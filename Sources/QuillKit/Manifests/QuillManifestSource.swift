import Foundation
import GitKit

/// Quill's own manifest file, for any pipeline (schema: docs/schemas/manifest.schema.json): a
/// `.json` object `{"quill-manifest": 1, "store": …, "embedding": …, "chunking": …, "index": …,
/// "documents": [...]}`, or `.jsonl` whose first line is that object without `documents` and whose
/// other lines are one document each. A document gives its `text` (or, for `--content hash`, its
/// `content` id and `size`), optional `metadata`, and optional `chunks`; without chunks its text is
/// split by Quill's splitter.
struct QuillManifestSource {
    let path: String
    let shown: String
    let splitter: TextSplitter
    let content: ManifestHeader.ContentMode

    struct Settings: Decodable {
        let quillManifest: Int
        let store: ManifestHeader.Store?
        let embedding: ManifestHeader.Embedding?
        let chunking: ManifestHeader.Chunking?
        let index: [String: JSONValue]?
        let documents: [Entry]?

        enum CodingKeys: String, CodingKey {
            case quillManifest = "quill-manifest", store, embedding, chunking, index, documents
        }
    }

    struct Entry: Decodable {
        let id: String
        let text: String?
        let content: String?
        let size: Int?
        let metadata: [String: JSONValue]?
        let chunks: [Chunk]?
    }

    struct Chunk: Decodable {
        let id: String
        let start: Int?
        let end: Int?
        /// The vector itself, or its checksum as a manifest keeps it.
        let embedding: JSONValue?
    }

    func read() throws -> ManifestSnapshot {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw QuillError.badInput("cannot read '\(shown)'; expected a readable manifest file")
        }
        guard String(validating: Array(data), as: UTF8.self) != nil else {
            throw QuillError.badInput("'\(shown)' is not UTF-8 text; expected a JSON or JSON Lines manifest")
        }
        let settings: Settings
        var entries: [(line: Int?, entry: Entry)]
        if path.hasSuffix(".jsonl") {
            let lines = data.split(separator: 0x0A, omittingEmptySubsequences: false)
            guard let first = lines.first else { throw malformed(line: 1, "a first line with 'quill-manifest'") }
            settings = try decode(Settings.self, Data(first), line: 1, expected: "a first line {\"quill-manifest\": 1, …}")
            entries = []
            for (offset, line) in lines.enumerated().dropFirst() where !line.allSatisfy({ $0 == 0x20 || $0 == 0x0D }) {
                entries.append((offset + 1, try decode(Entry.self, Data(line), line: offset + 1, expected: "a document {\"id\": …, \"text\": …}")))
            }
        } else {
            settings = try decode(Settings.self, data, line: nil, expected: "an object {\"quill-manifest\": 1, \"documents\": [...]}")
            entries = (settings.documents ?? []).map { (nil, $0) }
        }
        guard settings.quillManifest == 1 else { throw malformed(line: 1, "'quill-manifest': 1 (this Quill reads version 1)") }
        var documents = [ManifestSnapshot.Document]()
        var usedSplitter = false
        for (line, entry) in entries {
            let bytes: [UInt8]
            var given: (content: ObjectID, size: Int)?
            if let text = entry.text {
                bytes = Array(text.utf8)
            } else if let hex = entry.content, let id = ObjectID(hex: hex), hex.utf8.count == ObjectID.byteCount * 2, let size = entry.size, size >= 0 {
                guard content == .hash else {
                    throw QuillError.badInput("\(shown)\(line.map { ":\($0)" } ?? ""): document '\(entry.id)' gives a content id without its text; record with --content hash, or give 'text'")
                }
                bytes = []
                given = (id, size)
            } else {
                throw malformed(line: line, "document '\(entry.id)' with a 'text', or a 'content' id and a 'size'")
            }
            guard !entry.id.isEmpty else { throw malformed(line: line, "a document with a non-empty 'id'") }
            let chunks: [ManifestChunk]
            if let given = entry.chunks {
                chunks = try given.map { chunk in
                    ManifestChunk(id: chunk.id, start: chunk.start, end: chunk.end, embedding: try checksum(chunk.embedding, line: line, document: entry.id))
                }
            } else {
                usedSplitter = true
                chunks = splitter.chunks(of: bytes, id: entry.id)
            }
            documents.append(.init(id: entry.id, bytes: bytes, metadata: entry.metadata, chunks: chunks, given: given))
        }
        let chunking = settings.chunking ?? (usedSplitter
            ? .init(method: TextSplitter.method, size: splitter.size, overlap: splitter.overlap) : .init(method: "as-stored"))
        return ManifestSnapshot(
            store: settings.store ?? .init(kind: "quill"), embedding: settings.embedding, chunking: chunking, index: settings.index, documents: documents)
    }

    private func checksum(_ embedding: JSONValue?, line: Int?, document: String) throws -> String? {
        switch embedding {
        case nil, .null?: return nil
        case .string(let checksum)?: return checksum
        case .array(let items)?:
            return try EmbeddingChecksum.of(values: items.map { item in
                guard case .number(let number) = item else { throw malformed(line: line, "document '\(document)': an embedding of numbers") }
                return number
            })
        default: throw malformed(line: line, "document '\(document)': an embedding as a list of numbers or a checksum string")
        }
    }

    private func decode<T: Decodable>(_ type: T.Type, _ data: Data, line: Int?, expected: String) throws -> T {
        do {
            return try JSONDecoder().decode(type, from: data)
        } catch {
            throw malformed(line: line, expected)
        }
    }

    private func malformed(line: Int?, _ expected: String) -> QuillError {
        QuillError.badInput("\(shown)\(line.map { ":\($0)" } ?? ""): not a Quill manifest; expected \(expected)")
    }
}
