import Foundation

/// A LlamaIndex persisted storage folder (`StorageContext.persist`): `docstore.json` (the nodes),
/// `default__vector_store.json` (their embeddings) and `index_store.json`. Only these three files in
/// the folder are read, whatever paths they mention.
///
/// LlamaIndex keeps chunks (nodes), not the source documents: each source document (a node's
/// `ref_doc_id`) becomes one manifest document whose content is its nodes' texts in order of
/// `start_char_idx`, joined by line feeds, with one chunk per node (its id, its character span as
/// LlamaIndex records it, and the checksum of its embedding). Chunking is `as-stored`.
struct LlamaIndexSource {
    static let docstore = "docstore.json"
    static let vectorStore = "default__vector_store.json"
    static let indexStore = "index_store.json"

    let root: String
    let shown: String

    func read() throws -> ManifestSnapshot {
        let docstore = try object(LlamaIndexSource.docstore)
        guard case .object(let nodes)? = docstore["docstore/data"] else {
            throw unknownShape(LlamaIndexSource.docstore, "an object with 'docstore/data'")
        }
        var refInfo = [String: JSONValue]()
        if case .object(let info)? = docstore["docstore/ref_doc_info"] { refInfo = info }
        var embeddings = [String: [Double]]()
        if FileManager.default.fileExists(atPath: root + "/" + LlamaIndexSource.vectorStore) {
            let vectors = try object(LlamaIndexSource.vectorStore)
            guard case .object(let dictionary)? = vectors["embedding_dict"] else {
                throw unknownShape(LlamaIndexSource.vectorStore, "an object with 'embedding_dict'")
            }
            for (id, value) in dictionary {
                guard case .array(let items) = value else { throw unknownShape(LlamaIndexSource.vectorStore, "'embedding_dict' of number lists") }
                embeddings[id] = try items.map { item in
                    guard case .number(let number) = item else { throw unknownShape(LlamaIndexSource.vectorStore, "'embedding_dict' of number lists") }
                    return number
                }
            }
        }
        var grouped = [String: [Node]]()
        for (key, value) in nodes {
            let node = try Node(key: key, value: value, file: shown + "/" + LlamaIndexSource.docstore)
            grouped[node.document, default: []].append(node)
        }
        guard !grouped.isEmpty else {
            throw QuillError.badInput("'\(shown)/\(LlamaIndexSource.docstore)' holds no nodes; expected at least one document to record")
        }
        var documents = [ManifestSnapshot.Document]()
        var dimension: Int?
        for (id, members) in grouped {
            let ordered = members.sorted { ($0.start ?? 0, $0.id) < ($1.start ?? 0, $1.id) }
            let text = ordered.map(\.text).joined(separator: "\n")
            var chunks = [ManifestChunk]()
            for node in ordered {
                let vector = embeddings[node.id] ?? node.embedding
                if let vector { dimension = vector.count }
                chunks.append(ManifestChunk(id: node.id, start: node.start, end: node.end, embedding: try vector.map(EmbeddingChecksum.of(values:))))
            }
            var metadata: [String: JSONValue]?
            if case .object(let info)? = refInfo[id], case .object(let values)? = info["metadata"] { metadata = values }
            documents.append(.init(id: id, bytes: Array(text.utf8), metadata: metadata ?? ordered.first?.metadata, chunks: chunks))
        }
        var index: [String: JSONValue]?
        if FileManager.default.fileExists(atPath: root + "/" + LlamaIndexSource.indexStore),
            case .object(let stores)? = try object(LlamaIndexSource.indexStore)["index_store/data"] {
            let types = Set(stores.values.compactMap { store -> String? in
                if case .object(let fields) = store, case .string(let type)? = fields["__type__"] { return type }
                return nil
            })
            index = ["type": .array(types.sorted().map(JSONValue.string))]
        }
        return ManifestSnapshot(
            store: .init(kind: "llamaindex"), embedding: .init(dimension: dimension), chunking: .init(method: "as-stored"), index: index, documents: documents)
    }

    /// One node of the docstore.
    private struct Node {
        let id: String
        let document: String
        let text: String
        let start: Int?
        let end: Int?
        let metadata: [String: JSONValue]?
        let embedding: [Double]?

        init(key: String, value: JSONValue, file: String) throws {
            func refuse(_ expected: String) -> QuillError {
                QuillError.badInput("'\(file)': node '\(key)' is not a LlamaIndex node; expected \(expected)")
            }
            guard case .object(let wrapper) = value, case .object(let data)? = wrapper["__data__"] else { throw refuse("an object with '__data__'") }
            guard case .string(let text)? = data["text"] else { throw refuse("a 'text' string") }
            id = { if case .string(let id)? = data["id_"], !id.isEmpty { id } else { key } }()
            self.text = text
            var source: String?
            if case .object(let relationships)? = data["relationships"], case .object(let parent)? = relationships["1"],
                case .string(let parentID)? = parent["node_id"] {
                source = parentID
            }
            document = source ?? id
            start = { if case .number(let number)? = data["start_char_idx"] { Int(number) } else { nil } }()
            end = { if case .number(let number)? = data["end_char_idx"] { Int(number) } else { nil } }()
            metadata = { if case .object(let values)? = data["metadata"] { values } else { nil } }()
            var vector: [Double]?
            if case .array(let items)? = data["embedding"] {
                vector = items.compactMap { item -> Double? in
                    guard case .number(let number) = item else { return nil }
                    return number
                }
            }
            embedding = vector
        }
    }

    private func object(_ name: String) throws -> [String: JSONValue] {
        guard let data = FileManager.default.contents(atPath: root + "/" + name) else {
            throw QuillError.badInput("cannot read '\(shown)/\(name)'; expected a LlamaIndex storage folder")
        }
        guard let value = try? JSONDecoder().decode(JSONValue.self, from: data), case .object(let members) = value else {
            throw unknownShape(name, "a JSON object")
        }
        return members
    }

    private func unknownShape(_ name: String, _ expected: String) -> QuillError {
        QuillError.badInput("'\(shown)/\(name)' is not LlamaIndex storage Quill knows; expected \(expected)")
    }
}
