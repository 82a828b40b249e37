import Foundation
import GitKit

/// The evaluation records on `refs/quill/evals`: append-only writes by compare-and-swap, and lookups
/// by record, commit and prompt version that read only the index entries they need.
struct EvalStore {
    static let reference = "refs/quill/evals"
    /// From this many records on, a write stores its objects as one pack file rather than loose objects.
    static let packedBatchSize = 32
    /// From this many pack files on, a write consolidates them (`Repository.consolidatePacks`).
    static let packLimit = 16

    let repository: Repository

    /// A record ready to store: the record and its per-case results.
    struct Pending {
        let record: EvalRecord
        let cases: [EvalCase]
    }

    /// What an append did: every record as stored (with its cases reference) and its id, and which were new.
    struct AppendResult {
        let records: [(id: ObjectID, record: EvalRecord)]
        let newRecordIDs: [ObjectID]
        let storeCommit: ObjectID?
        /// The lines of the summaries the append rewrote that belong to the commits it recorded, by
        /// record id: what those commits' score notes show of records stored before.
        let commitLines: [ObjectID: ScoreLine]
    }

    /// Stores `records` in one commit on the ref (none when all are already there).
    ///
    /// Blobs are written first, then the tree and commit; the ref moves last, by compare-and-swap, so
    /// a crash at any point leaves the store as it was or with the whole batch.
    func append(_ records: [Pending], provenance: EvalProvenance, signature: Signature) throws -> AppendResult {
        var entries = [(id: ObjectID, record: EvalRecord)]()
        entries.reserveCapacity(records.count)
        for pending in records {
            var record = pending.record
            if !pending.cases.isEmpty {
                let id = try repository.writeBlob(try EvalCases.encode(pending.cases))
                record.cases = CasesReference(blob: id.hex, count: pending.cases.count)
            }
            entries.append((try repository.writeBlob(record.canonicalData()), record))
        }
        let provenanceID = try repository.writeBlob(try CanonicalJSON.encode(provenance))
        var newIDs = [ObjectID]()
        var commitLines = [ObjectID: ScoreLine]()
        let commits = Set(entries.map(\.record.commit))
        let commit = try CompareAndSwap(repository: repository, reference: EvalStore.reference).append { tip in
            // An older tip is migrated first, in a commit of its own under the batch's (`StoreMigration`).
            let (baseTree, parent) = try StoreMigration(repository: repository).latestLayout(tip, signature: signature)
            var updates = [TreeUpdate]()
            newIDs = []
            var seen = Set<ObjectID>()
            var newLines = [ObjectID: [ScoreLine]]()
            // Look-ups read the fan-out trees natively, and keep each tree they read for the update
            // below, which rewrites the same leaves: every tree is read from the packs once.
            let trees = TreeReadCache()
            let stored = try baseTree.map { try IndexReader(store: self, tree: $0, folder: StorePath.recordsFolder, trees: trees) }
            for entry in entries where seen.insert(entry.id).inserted {
                if try stored?.entry(for: entry.id, suffix: ".json") != nil { continue }
                newIDs.append(entry.id)
                // Records of different prompts can share a per-case blob (the same results): the tree
                // update takes a path given twice with the same object once.
                updates += try indexUpdates(for: entry.id, entry.record, provenance: provenanceID)
                if let blob = ObjectID(hex: entry.record.promptBlob) {
                    newLines[blob, default: []].append(ScoreLine(id: entry.id, record: entry.record, meta: provenanceID))
                }
            }
            guard !updates.isEmpty else { return nil }
            updates += try summaryUpdates(adding: newLines, to: baseTree, trees: trees) { line in
                if commits.contains(line.commit) { commitLines[line.id] = line }
            }
            if baseTree == nil { updates.append(.upsert(path: StorePath.layoutFile, id: try repository.writeBlob(StoreFanout.summaryMarker))) }
            let tree = try repository.updateTree(baseTree, applying: updates, reusing: trees)
            let added = Set(newIDs)
            let message = "quill: record \(newIDs.count) evaluation\(newIDs.count == 1 ? "" : "s")\n\n"
                + entries.lazy.filter { added.contains($0.id) }.prefix(50).map { "\($0.id.hex) \($0.record.prompt) @ \($0.record.commit.prefix(12))" }.joined(separator: "\n") + "\n"
            return try repository.createCommit(tree: tree, parents: parent.map { [$0] } ?? [], message: message, author: signature, committer: signature)
        }
        return AppendResult(records: entries, newRecordIDs: commit == nil ? [] : newIDs, storeCommit: commit, commitLines: commitLines)
    }

    /// The score summaries of the versions `lines` adds to, each the tree's summary (if any) with the lines put in.
    /// The trees read are kept in `trees`, and each line read is handed to `read`.
    /// Complexity: one summary read and written per version the batch touches.
    private func summaryUpdates(
        adding lines: [ObjectID: [ScoreLine]], to tree: ObjectID?, trees: TreeReadCache, read: (ScoreLine) -> Void
    ) throws -> [TreeUpdate] {
        let summaries = try tree.map { try IndexReader(store: self, tree: $0, folder: StorePath.scoresFolder, trees: trees) }
        return try lines.map { blob, added in
            let existing = try summaries?.entry(for: blob, suffix: ".jsonl").map { try ScoreSummary.decode(repository.blobData($0.id)) } ?? []
            existing.forEach(read)
            return .upsert(path: StorePath.scores(blob), id: try repository.writeBlob(ScoreSummary.encode(ScoreSummary.merged(existing, adding: added))))
        }
    }

    private func indexUpdates(for id: ObjectID, _ record: EvalRecord, provenance: ObjectID) throws -> [TreeUpdate] {
        guard let commit = ObjectID(hex: record.commit), let prompt = ObjectID(hex: record.promptBlob) else {
            throw QuillError(.repository, "record \(id.hex) names an invalid commit or prompt blob")
        }
        var updates: [TreeUpdate] = [
            .upsert(path: StorePath.record(id, .two), id: id),
            .upsert(path: StorePath.provenance(id, .two), id: provenance),
            .upsert(path: "\(StorePath.byCommit(commit, .two))/\(id.hex)", id: id),
            .upsert(path: "\(StorePath.byPrompt(prompt, .two))/\(id.hex)", id: id),
        ]
        if let cases = record.cases.flatMap({ ObjectID(hex: $0.blob) }) {
            updates.append(.upsert(path: StorePath.cases(cases, .two), id: cases))
        }
        return updates
    }

    /// The tree of the store's tip, or `nil` when nothing was ever recorded.
    func tipTree() throws -> ObjectID? {
        try repository.referenceTarget(EvalStore.reference).map(repository.treeID(ofCommit:))
    }

    /// The ids of the records for an evaluated commit. Complexity: one index folder read.
    func recordIDs(forCommit commit: ObjectID, in tree: ObjectID) throws -> [ObjectID] {
        try indexFolder(StorePath.byCommit(commit, StoreFanout(of: tree, in: repository)), in: tree)
    }

    /// The ids of the records for a prompt version. Complexity: one index folder read (for many
    /// versions of one prompt, `ScoreIndex` reads their score summaries).
    func recordIDs(forPromptBlob blob: ObjectID, in tree: ObjectID) throws -> [ObjectID] {
        try indexFolder(StorePath.byPrompt(blob, StoreFanout(of: tree, in: repository)), in: tree)
    }

    /// Every record id in the store, in id order whatever the store's fan-out: a folder's subfolders
    /// are visited in the order the tree lists them (two hex digits each, so by id).
    func allRecordIDs(in tree: ObjectID) throws -> [ObjectID] {
        guard let records = try repository.treeEntry(atPath: "records", inTree: tree) else { return [] }
        var ids = [ObjectID]()
        var pending = [(prefix: "", id: records.id, levels: try StoreFanout(of: tree, in: repository).rawValue)]
        while let (prefix, folder, levels) = pending.popLast() {
            let entries = try repository.treeEntries(folder)
            if levels > 0 {
                pending += entries.reversed().filter(\.isTree).map { (prefix + $0.name, $0.id, levels - 1) }
            } else {
                ids += entries.compactMap { StorePath.recordID(shard: prefix, fileName: $0.name) }
            }
        }
        return ids
    }

    /// The record ids that start with `prefix` (lower-case hex, at least four digits).
    func recordIDs(withPrefix prefix: String, in tree: ObjectID) throws -> [ObjectID] {
        let levels = try StoreFanout(of: tree, in: repository).rawValue
        let folders = stride(from: 0, to: 2 * levels, by: 2).map { String(prefix.dropFirst($0).prefix(2)) }
        guard let shard = try repository.treeEntry(atPath: "records/" + folders.joined(separator: "/"), inTree: tree), shard.isTree else { return [] }
        return try repository.treeEntries(shard.id).compactMap { entry in
            StorePath.recordID(shard: folders.joined(), fileName: entry.name).flatMap { $0.hex.hasPrefix(prefix) ? $0 : nil }
        }
    }

    /// The record `id`.
    func record(_ id: ObjectID) throws -> EvalRecord {
        try EvalRecord(stored: repository.blobData(id))
    }

    /// The per-case results of a record (empty when it has none).
    func cases(of record: EvalRecord) throws -> [EvalCase] {
        guard let reference = record.cases, let id = ObjectID(hex: reference.blob) else { return [] }
        return try EvalCases.decode(repository.blobData(id))
    }

    /// Who recorded `id` and when.
    func provenance(of id: ObjectID, in tree: ObjectID) throws -> EvalProvenance? {
        var reader = try ProvenanceReader(store: self, tree: tree)
        return try reader.provenance(of: id)
    }

    private func indexFolder(_ path: String, in tree: ObjectID) throws -> [ObjectID] {
        guard let folder = try repository.treeEntry(atPath: path, inTree: tree), folder.isTree else { return [] }
        return try repository.treeEntries(folder.id).compactMap { ObjectID(hex: $0.name) }
    }
}
