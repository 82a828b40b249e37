import Foundation
import GRDB

/// Where a Chroma collection's embeddings and distance come from.
extension ChromaSource {
    /// The checksum of each record's embedding: the HNSW segment's vectors, then the queue's entries
    /// newer than them in order (the last operation on an id wins, a deletion drops it).
    func embeddings(_ database: Database, collectionID: String, dimension: Int?, cosine: Bool) throws -> [String: String] {
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
    static func space(_ database: Database, collectionID: String, metadata: [String: JSONValue]) throws -> String? {
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
}
