import GitKit

/// Compares prompt versions' score summaries in a remote's store tree with their records, through one
/// repository handle: the per-version part of `ScoreSummaryCheck`, which hands each thread a run of versions.
struct VersionSummaries {
    let repository: Repository
    /// The remote's store tree.
    let tree: ObjectID
    /// The local tip's store tree when it is layout 3 (trusted: its summaries are their records' summaries).
    let known: ObjectID?
    /// The records whose provenance differs between `tree` and `known`; `nil` without `known`.
    let provenance: ProvenanceChanges?

    /// The path (`scores/….jsonl`) of the summary of the first of `versions` (`ab/cd/…`, the version's id
    /// split by the fan-out) that is not the summary of its records in `tree`, or of the first that has
    /// records and no summary; `nil` when all agree.
    func firstMismatch(among versions: ArraySlice<String>) throws -> String? {
        let store = EvalStore(repository: repository)
        let meta = try IndexReader(store: store, tree: tree, folder: StorePath.metaFolder)
        for version in versions {
            let summaryPath = "\(StorePath.scoresFolder)/\(version).jsonl"
            let records = try repository.treeEntry(atPath: "\(StorePath.byPromptFolder)/\(version)", inTree: tree)
            let ids = try records.map { try repository.treeEntries($0.id).compactMap { ObjectID(hex: $0.name) }.sorted() } ?? []
            let actual = try repository.treeEntry(atPath: summaryPath, inTree: tree).map { try repository.blobData($0.id) }
            guard let actual, !ids.isEmpty else {
                if actual != nil || !ids.isEmpty { return summaryPath }
                continue
            }
            // A record the local summary has a line for, with the same provenance here and there, has that line.
            var knownLines = [ObjectID: ArraySlice<UInt8>]()
            if let known, let provenance, let summary = try repository.treeEntry(atPath: summaryPath, inTree: known) {
                for line in try VersionSummaries.lines(of: [UInt8](repository.blobData(summary.id))) ?? [] {
                    let id = try VersionSummaries.recordID(ofTrusted: line) ?? ScoreLine(stored: line).id
                    if !provenance.differs(for: id) { knownLines[id] = line }
                }
            }
            guard let lines = VersionSummaries.lines(of: [UInt8](actual)), lines.count == ids.count else { return summaryPath }
            for (line, id) in zip(lines, ids) {
                if let knownLine = knownLines[id] {
                    guard line.elementsEqual(knownLine) else { return summaryPath }
                } else {
                    let entry = try (provenance?.changedEntry(for: id) ?? meta.entry(for: id, suffix: ".json")).flatMap { $0.mode == .tree ? nil : $0.id }
                    guard try line.elementsEqual(ScoreLine(id: id, record: store.record(id), meta: entry).canonicalData()) else { return summaryPath }
                }
            }
        }
        return nil
    }

    /// The lines of a summary blob without their line feeds; `nil` when it does not end in one (no summary does).
    private static func lines(of bytes: [UInt8]) -> [ArraySlice<UInt8>]? {
        guard bytes.last == 0x0A else { return nil }
        return Array(bytes.split(separator: 0x0A, omittingEmptySubsequences: false).dropLast())
    }

    /// The record id of a line of the local store's summary, found without parsing the line: its
    /// `"id"` key comes after `cases`, `commit` and `errors`, none of whose values holds a `"`, so the
    /// first `"id":"` is the key. For lines Quill wrote (the local tip is trusted); `nil` when not found.
    private static func recordID(ofTrusted line: ArraySlice<UInt8>) -> ObjectID? {
        let key = Array(#""id":""#.utf8)
        let digits = ObjectID.byteCount * 2
        var start = line.startIndex
        while start + key.count + digits <= line.endIndex {
            if line[start] == key[0], line[start..<start + key.count].elementsEqual(key) {
                let hex = start + key.count
                return ObjectID(hex: String(decoding: line[hex..<hex + digits], as: UTF8.self))
            }
            start += 1
        }
        return nil
    }
}
