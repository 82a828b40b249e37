import Foundation
import GitKit

/// The one-line score summary written as a commit's note.
enum ScoreNote {
    /// `quill: prompts/a.prompt [smoke, gpt-4o] accuracy=0.91 latency_ms=120; prompts/b.prompt […] …`
    static func line(for records: [ScoreLine]) -> String {
        let parts = records.sorted { ($0.prompt, $0.suite, $0.model ?? "") < ($1.prompt, $1.suite, $1.model ?? "") }.map { record in
            let label = [record.suite, record.model].compactMap { $0 }.joined(separator: ", ")
            let metrics = record.metrics.keys.sorted().map { "\($0)=\(ScoreFormat.short(record.metrics[$0]!))" }.joined(separator: " ")
            return "\(record.prompt) [\(label)] \(metrics)"
        }
        return "quill: " + parts.joined(separator: "; ")
    }
}

extension EvalStore {
    /// The score note of each commit that has records in the store tree `tree` (commits without records are left out).
    ///
    /// Shared by `eval record`, which rewrites the notes of the commits it recorded, and `sync`, which
    /// recomputes a note two sides wrote differently. Complexity: one index folder read per commit.
    ///
    /// `known` holds the score lines of records already in memory (a record id names its content, so
    /// they need no read; a note shows only what a record's line holds).
    func scoreNotes(for commits: some Sequence<ObjectID>, in tree: ObjectID, known: [ObjectID: ScoreLine] = [:]) throws -> [ObjectID: String] {
        var notes = [ObjectID: String]()
        for commit in commits {
            let records = try recordIDs(forCommit: commit, in: tree).map { try known[$0] ?? ScoreLine(id: $0, record: record($0), meta: nil) }
            if !records.isEmpty { notes[commit] = ScoreNote.line(for: records) }
        }
        return notes
    }
}
