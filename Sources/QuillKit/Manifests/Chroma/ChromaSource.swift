import Foundation
import GRDB
import GitKit

/// A Chroma persistent directory, read through SQLite's library (GRDB) from its `chroma.sqlite3`:
/// the collection, its records (ids, documents, metadata) and a checksum of each record's embedding,
/// as Chroma returns it (`ChromaEmbedding`), from the collection's HNSW segment folder
/// (`ChromaVectorSegment`) and from the write-ahead queue (`embeddings_queue`), whose entries newer
/// than the segment files win. Nothing else in the folder is opened, and the segment folder is found
/// by the segment's id, never by a path the database holds.
///
/// Each Chroma record is one document with one chunk (Chroma stores chunks as records), so the
/// chunking is `as-stored`. Known schema: the migrations Chroma 0.5 to 1.5 apply (`sysdb` up to 10,
/// `metadb` up to 6, `embeddings_queue` up to 2); a newer database is refused rather than misread.
struct ChromaSource {
    static let fileName = "chroma.sqlite3"
    static let knownMigrations = ["sysdb": 10, "metadb": 6, "embeddings_queue": 2]

    /// The folder, absolute, and as the user named it.
    let root: String
    let shown: String
    let collection: String?

    private var file: String { shown + "/" + ChromaSource.fileName }

    func read() throws -> ManifestSnapshot {
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .immediateError
        do {
            let queue = try DatabaseQueue(path: root + "/" + ChromaSource.fileName, configuration: configuration)
            return try queue.read { database in try snapshot(database) }
        } catch let error as DatabaseError {
            throw refusal(error)
        }
    }

    private func snapshot(_ database: Database) throws -> ManifestSnapshot {
        try checkSchema(database)
        let collections = try Row.fetchAll(database, sql: "SELECT id, name, dimension FROM collections ORDER BY name")
        let chosen: Row
        if let collection {
            guard let row = collections.first(where: { $0["name"] == collection }) else {
                throw QuillError.badInput("'\(file)' has no collection '\(collection)'; expected one of: \(names(collections))")
            }
            chosen = row
        } else {
            guard collections.count == 1 else {
                throw QuillError.badInput(collections.isEmpty
                    ? "'\(file)' holds no collection; expected a Chroma database with one"
                    : "'\(file)' holds \(collections.count) collections (\(names(collections))); expected --collection NAME")
            }
            chosen = collections[0]
        }
        let collectionID: String = chosen["id"]
        let name: String = chosen["name"]
        var index = [String: JSONValue]()
        for row in try Row.fetchAll(database, sql: "SELECT key, str_value, int_value, float_value, bool_value FROM collection_metadata WHERE collection_id = ?", arguments: [collectionID]) {
            index[row["key"]] = ChromaSource.value(row, string: "str_value")
        }
        let records = try Row.fetchAll(database, sql: """
            SELECT e.id, e.embedding_id FROM embeddings e JOIN segments s ON e.segment_id = s.id
            WHERE s.collection = ? AND s.scope = 'METADATA' ORDER BY e.embedding_id
            """, arguments: [collectionID])
        guard !records.isEmpty else {
            throw QuillError.badInput("collection '\(name)' in '\(file)' holds no records; expected at least one document to record")
        }
        var metadata = [Int64: [String: JSONValue]]()
        var texts = [Int64: String]()
        for row in try Row.fetchAll(database, sql: """
            SELECT m.id, m.key, m.string_value, m.int_value, m.float_value, m.bool_value FROM embedding_metadata m
            JOIN embeddings e ON m.id = e.id JOIN segments s ON e.segment_id = s.id WHERE s.collection = ? AND s.scope = 'METADATA'
            """, arguments: [collectionID]) {
            let id: Int64 = row["id"]
            let key: String = row["key"]
            if key == "chroma:document" {
                texts[id] = row["string_value"]
            } else if let value = ChromaSource.value(row, string: "string_value") {
                metadata[id, default: [:]][key] = value
            }
        }
        let space = try ChromaSource.space(database, collectionID: collectionID, metadata: index)
        let embeddings = try self.embeddings(database, collectionID: collectionID, dimension: chosen["dimension"], cosine: space == "cosine")
        var documents = [ManifestSnapshot.Document]()
        for row in records {
            let rowID: Int64 = row["id"]
            guard let id: String = row["embedding_id"], !id.isEmpty else {
                throw QuillError.badInput("'\(file)': a record of collection '\(name)' has no id; expected every record to have one")
            }
            let bytes = Array((texts[rowID] ?? "").utf8)
            let chunk = ManifestChunk(id: id, start: 0, end: bytes.count, embedding: embeddings[id])
            documents.append(.init(id: id, bytes: bytes, metadata: metadata[rowID], chunks: [chunk]))
        }
        let dimension: Int? = chosen["dimension"]
        return ManifestSnapshot(
            store: .init(kind: "chroma", collection: name), embedding: .init(dimension: dimension, distance: space),
            chunking: .init(method: "as-stored"), index: index, documents: documents)
    }

    /// Refuses a database whose migrations are not Chroma's, or newer than Quill knows.
    private func checkSchema(_ database: Database) throws {
        guard try database.tableExists("migrations"), try database.tableExists("collections"), try database.tableExists("embeddings") else {
            throw QuillError.badInput("'\(file)' is not a Chroma database (no 'migrations', 'collections' or 'embeddings' table); expected the chroma.sqlite3 of a Chroma persistent directory")
        }
        for row in try Row.fetchAll(database, sql: "SELECT dir, MAX(version) AS version FROM migrations GROUP BY dir") {
            let dir: String = row["dir"]
            let version: Int = row["version"]
            guard let known = ChromaSource.knownMigrations[dir], version <= known else {
                let expected = ChromaSource.knownMigrations.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
                throw QuillError.badInput("'\(file)' has Chroma schema '\(dir)' version \(version), which Quill does not know; expected at most \(expected) (Chroma 0.5 to 1.5)")
            }
        }
    }

    /// The checksum of each record's embedding: the HNSW segment's vectors, then the queue's entries
    /// newer than them in order (the last operation on an id wins, a deletion drops it).
    private func embeddings(_ database: Database, collectionID: String, dimension: Int?, cosine: Bool) throws -> [String: String] {
        var checksums = [String: String]()
        var after: Int64?
        if let segment = try String.fetchOne(database, sql: "SELECT id FROM segments WHERE collection = ? AND scope = 'VECTOR'", arguments: [collectionID]),
            let vectors = try ChromaVectorSegment.read(id: segment, root: root, shown: shown, dimension: dimension, cosine: cosine)
        {
            checksums = vectors.checksums
            after = try vectors.maxSeqID ?? ChromaSource.maxSeqID(database, segment: segment)
        }
        guard try database.tableExists("embeddings_queue") else { return checksums }
        for row in try Row.fetchAll(database, sql: """
            SELECT id, operation, vector, encoding FROM embeddings_queue WHERE topic LIKE ? AND seq_id > ? ORDER BY seq_id
            """, arguments: ["%/" + collectionID, after ?? Int64.min]) {
            let id: String = row["id"]
            let operation: Int = row["operation"]
            let vector: Data? = row["vector"]
            let encoding: String? = row["encoding"]
            if operation == 3 {
                checksums[id] = nil
            } else if let vector, encoding == nil || encoding == "FLOAT32" {
                checksums[id] = try ChromaEmbedding.checksum(queued: vector, cosine: cosine)
            }
        }
        return checksums
    }

    /// The last queue entry segment `segment` holds, from the `max_seq_id` table (an integer, or
    /// 8 big-endian bytes as Chroma 0.4 wrote it).
    private static func maxSeqID(_ database: Database, segment: String) throws -> Int64? {
        guard try database.tableExists("max_seq_id"),
            let value = try DatabaseValue.fetchOne(database, sql: "SELECT seq_id FROM max_seq_id WHERE segment_id = ?", arguments: [segment])
        else { return nil }
        switch value.storage {
        case .int64(let number): return number
        case .blob(let bytes) where bytes.count == 8: return Int64(bitPattern: bytes.reduce(UInt64(0)) { $0 << 8 | UInt64($1) })
        default: return nil
        }
    }

    /// The collection's distance: its `hnsw:space` metadata, else the space its schema (Chroma 1.x)
    /// or configuration (0.6 to 1.x) names; `nil` when none does (Chroma's default is `l2`).
    private static func space(_ database: Database, collectionID: String, metadata: [String: JSONValue]) throws -> String? {
        if case .string(let space)? = metadata["hnsw:space"] { return space }
        let columns = Set(try database.columns(in: "collections").map(\.name))
        for column in ["schema_str", "config_json_str"] where columns.contains(column) {
            guard let text = try String.fetchOne(database, sql: "SELECT \(column) FROM collections WHERE id = ?", arguments: [collectionID]),
                let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
            else { continue }
            let keys = object["keys"] as? [String: Any]
            let vectorIndex = ((keys?["#embedding"] as? [String: Any])?["float_list"] as? [String: Any])?["vector_index"] as? [String: Any]
            let candidates = [
                (vectorIndex?["config"] as? [String: Any])?["space"],
                (object["hnsw"] as? [String: Any])?["space"],
                (object["hnsw_configuration"] as? [String: Any])?["space"],
            ]
            if let space = candidates.lazy.compactMap({ $0 as? String }).first { return space }
        }
        return nil
    }

    /// A metadata value from the row's typed columns.
    private static func value(_ row: Row, string column: String) -> JSONValue? {
        if let text: String = row[column] { return .string(text) }
        if let number: Int64 = row["int_value"] { return .number(Double(number)) }
        if let number: Double = row["float_value"] { return .number(number) }
        if let flag: Bool = row["bool_value"] { return .bool(flag) }
        return nil
    }

    private func names(_ collections: [Row]) -> String {
        collections.map { "'\($0["name"] as String)'" }.joined(separator: ", ")
    }

    /// One line for an SQLite failure, naming the file.
    private func refusal(_ error: DatabaseError) -> QuillError {
        switch error.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            QuillError.badInput("'\(file)' is locked by another process (\(error.message ?? "busy")); expected a Chroma database no one is writing, try again when Chroma is done")
        case .SQLITE_NOTADB, .SQLITE_CORRUPT:
            QuillError.badInput("'\(file)' is not a readable SQLite database (\(error.message ?? "corrupt")); expected the chroma.sqlite3 of a Chroma persistent directory")
        case .SQLITE_CANTOPEN:
            QuillError.badInput("cannot open '\(file)'; expected a readable Chroma database")
        default:
            QuillError.badInput("'\(file)': SQLite failed (\(error.message ?? "\(error.resultCode)")); expected a Chroma database")
        }
    }
}
