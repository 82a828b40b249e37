import GitKit

/// The paths of `refs/quill/evals`' tree (docs/storage.md), sharded by an id's leading hex digits: one
/// two-digit folder level in layout 1 (`ab/cdef…`), two in layout 2 (`ab/cd/ef…`).
enum StorePath {
    static func record(_ id: ObjectID, _ fanout: StoreFanout) -> String { "\(recordsFolder)/\(shard(id, fanout)).json" }
    static func cases(_ id: ObjectID, _ fanout: StoreFanout) -> String { "cases/\(shard(id, fanout)).jsonl" }
    static func provenance(_ record: ObjectID, _ fanout: StoreFanout) -> String { "\(metaFolder)/\(shard(record, fanout)).json" }
    static func byCommit(_ commit: ObjectID, _ fanout: StoreFanout) -> String { "\(byCommitFolder)/\(shard(commit, fanout))" }
    static func byPrompt(_ blob: ObjectID, _ fanout: StoreFanout) -> String { "\(byPromptFolder)/\(shard(blob, fanout))" }
    static func scores(_ blob: ObjectID) -> String { "\(scoresFolder)/\(shard(blob, .two)).jsonl" }
    static let recordsFolder = "records"
    static let byCommitFolder = "by-commit"
    static let scoresFolder = "scores"
    static let byPromptFolder = "by-prompt"
    static let metaFolder = "meta"
    /// The folders whose entries are named by ids, so sharded.
    static let shardedFolders = [recordsFolder, "cases", metaFolder, byCommitFolder, byPromptFolder]
    /// The file at the root of a layout-2 tree that says so (`StoreFanout.marker`).
    static let layoutFile = "layout.json"

    /// The id of the record file `name` in the records shard whose folder names, joined, are `shard`
    /// (`abcd` for `records/ab/cd/`); `nil` for any other name.
    static func recordID(shard: some StringProtocol, fileName name: String) -> ObjectID? {
        guard name.hasSuffix(".json") else { return nil }
        return ObjectID(hex: String(shard) + name.dropLast(5))
    }

    /// `ab/cdef…` (one level) or `ab/cd/ef…` (two levels): two hex digits a level, a slash after each, the rest.
    static func shard(_ id: ObjectID, _ fanout: StoreFanout = .one) -> String {
        let hex = id.hex
        let split = hex.index(hex.startIndex, offsetBy: 2 * fanout.rawValue)
        return stride(from: 0, to: 2 * fanout.rawValue, by: 2).map { offset in
            let start = hex.index(hex.startIndex, offsetBy: offset)
            return String(hex[start..<hex.index(start, offsetBy: 2)]) + "/"
        }.joined() + hex[split...]
    }
}
