import GitKit

/// The paths of `refs/quill/evals`' tree (docs/storage.md), sharded by an id's first two hex digits.
enum StorePath {
    static func record(_ id: ObjectID) -> String { "records/\(shard(id)).json" }
    static func cases(_ id: ObjectID) -> String { "cases/\(shard(id)).jsonl" }
    static func provenance(_ record: ObjectID) -> String { "meta/\(shard(record)).json" }
    static func byCommit(_ commit: ObjectID) -> String { "by-commit/\(shard(commit))" }
    static func byPrompt(_ blob: ObjectID) -> String { "\(byPromptFolder)/\(shard(blob))" }
    static let byPromptFolder = "by-prompt"

    /// `ab/cdef…`: the first two hex digits, a slash, the rest.
    static func shard(_ id: ObjectID) -> String {
        let hex = id.hex
        return "\(hex.prefix(2))/\(hex.dropFirst(2))"
    }
}
