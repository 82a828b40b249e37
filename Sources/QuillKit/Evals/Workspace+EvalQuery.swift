import Foundation
import GitKit

extension Workspace {
    /// Records for a commit, a prompt's versions across history, or both; all records when neither.
    ///
    /// Complexity: one index folder per commit or prompt version; with neither, the whole store.
    public func listEvaluations(prompt userPath: String?, commit revision: String?) throws -> EvalList {
        let store = EvalStore(repository: repository)
        guard let tree = try store.tipTree() else { return EvalList(records: []) }
        let path = try userPath.map(repositoryPath(forUserPath:))
        var ids = [ObjectID]()
        if let revision {
            ids = try store.recordIDs(forCommit: resolveUserCommit(revision), in: tree)
        } else if let path {
            // The walk alone: the versions' commits and scores, which a log reads, are not needed here.
            let blobs = try history(of: path, from: requireHead(), revision: "HEAD").compactMap { $0.blob?.id }
            var seen = Set<ObjectID>()
            let index = try PromptIndexReader(store: store, tree: tree)
            for blob in blobs where seen.insert(blob).inserted {
                ids += try index.recordIDs(forPromptBlob: blob)
            }
        } else {
            ids = try store.allRecordIDs(in: tree)
        }
        var summaries = [RecordSummary]()
        var provenance = try ProvenanceReader(store: store, tree: tree)
        for id in ids {
            let record = try store.record(id)
            if let path, revision != nil, record.prompt != path { continue }
            let recordedAt = try provenance.provenance(of: id)?.recordedAt
            summaries.append(RecordSummary(id: id.hex, record: record, isNew: nil, recordedAt: recordedAt))
        }
        return EvalList(records: summaries)
    }

    /// The record whose id starts with `prefix` (at least 4 hex digits), with its provenance and cases.
    public func showEvaluation(_ prefix: String) throws -> EvalDetail {
        let store = EvalStore(repository: repository)
        let lowered = prefix.lowercased()
        guard lowered.count >= 4, lowered.allSatisfy(\.isHexDigit) else {
            throw QuillError.badInput("'\(prefix)' is not a record id; expected at least 4 hex digits, as 'quill eval list' prints")
        }
        guard let tree = try store.tipTree() else {
            throw QuillError.badInput("no evaluation recorded yet; run 'quill eval record' first")
        }
        let matches = try store.recordIDs(withPrefix: lowered, in: tree)
        guard let id = matches.first else {
            throw QuillError.badInput("no record '\(prefix)'; expected an id from 'quill eval list'")
        }
        guard matches.count == 1 else {
            throw QuillError.badInput("record id '\(prefix)' is ambiguous (\(matches.count) records); give more digits")
        }
        let record = try store.record(id)
        return EvalDetail(id: id.hex, record: record, provenance: try store.provenance(of: id, in: tree), cases: try store.cases(of: record))
    }
}
