import Foundation

/// One source document of a manifest: its id, content id and size, metadata, and chunks
/// (one canonical JSON line of `documents.jsonl`).
public struct ManifestDocument: Codable, Sendable, Equatable {
    /// The document's id in the store (a folder's relative path, a Chroma or LlamaIndex id).
    public var id: String
    /// The git blob id of the document's UTF-8 bytes, in hex.
    public var content: String
    /// The content's size in bytes.
    public var size: Int
    public var metadata: [String: JSONValue]?
    public var chunks: [ManifestChunk]

    public init(id: String, content: String, size: Int, metadata: [String: JSONValue]? = nil, chunks: [ManifestChunk]) {
        self.id = id
        self.content = content
        self.size = size
        self.metadata = metadata.flatMap { $0.isEmpty ? nil : $0 }
        self.chunks = chunks
    }

    /// The canonical JSON line (without its line feed); `path` names the source for an error.
    func canonicalLine(source path: String) throws -> [UInt8] {
        var members: [String: JSONValue] = [
            "id": .string(id), "content": .string(content), "size": .number(Double(size)),
            "chunks": .array(chunks.map(\.jsonValue)),
        ]
        if let metadata { members["metadata"] = .object(metadata) }
        do {
            return Array(try CanonicalJSON.encode(JSONValue.object(members)))
        } catch {
            throw QuillError.badInput("\(path): document '\(id)' has \(error); expected finite numbers in its metadata")
        }
    }
}

/// One chunk of a document: its id, its span of the document's bytes, and a checksum of its embedding.
public struct ManifestChunk: Codable, Sendable, Equatable {
    public var id: String
    /// The chunk's first byte and the byte after its last, in the document's UTF-8 bytes, when known.
    public var start: Int?
    public var end: Int?
    /// `sha256:<hex>` of the embedding's little-endian float32 values, when the store holds embeddings.
    public var embedding: String?

    public init(id: String, start: Int? = nil, end: Int? = nil, embedding: String? = nil) {
        self.id = id
        self.start = start
        self.end = end
        self.embedding = embedding
    }

    var jsonValue: JSONValue {
        var members: [String: JSONValue] = ["id": .string(id)]
        if let start { members["start"] = .number(Double(start)) }
        if let end { members["end"] = .number(Double(end)) }
        if let embedding { members["embedding"] = .string(embedding) }
        return .object(members)
    }
}
