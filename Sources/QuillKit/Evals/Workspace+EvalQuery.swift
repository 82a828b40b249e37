import Foundation
import GitKit

extension Workspace {
    /// Records for a commit, a prompt's versions across history, or both; all records when neither.
    ///
    /// Complexity: one index folder per commit, or one score summary per prompt version (no record
    /// read); with neither, the whole store. After a prompt's history walk, the repository reads
    /// packs for look-ups (`Repository.readPacksForLookUps()`).
    public func listEvaluations(prompt userPath: String?, commit revision: String?) throws -> EvalList {
        let store = EvalStore(repository: repository)
        guard let tree = try store.tipTree() else { return EvalList(records: []) }
        let path = try userPath.map(repositoryPath(forUserPath:))
        var ids = [ObjectID]()
        if let revision {
            ids = try store.recordIDs(forCommit: resolveUserCommit(revision), in: tree)
        } else if let path {
            return EvalList(records: try promptEvaluations(path, store: store, tree: tree))
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

    /// The records of every version of the prompt at `path` (renames followed), from the versions'
    /// score summaries; each provenance blob is decoded once (a batch's records share one).
    private func promptEvaluations(_ path: String, store: EvalStore, tree: ObjectID) throws -> [RecordSummary] {
        // The walk alone: the versions' commits and scores, which a log reads, are not needed here.
        let blobs = try history(of: path, from: requireHead(), revision: "HEAD").compactMap { $0.blob?.id }
        // The summaries lie all over the store: read without the walk's index windows.
        repository.readPacksForLookUps()
        var seen = Set<ObjectID>()
        let index = try ScoreIndex(store: store, tree: tree)
        var recordedAt = [ObjectID: String]()
        var summaries = [RecordSummary]()
        for blob in blobs where seen.insert(blob).inserted {
            // One string shared by the version's records.
            let promptBlob = blob.hex
            for line in try index.lines(forPromptBlob: blob) {
                var when: String?
                if let meta = line.meta {
                    when = try recordedAt[meta] ?? JSONDecoder().decode(EvalProvenance.self, from: repository.blobData(meta)).recordedAt
                    recordedAt[meta] = when
                }
                summaries.append(RecordSummary(id: line.id.hex, line: line, promptBlob: promptBlob, recordedAt: when))
            }
        }
        return summaries
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
