import Foundation
import GitKit

/// Compares two stored manifests. Documents are matched by a merge of the two `documents.jsonl`
/// files, whose lines are sorted by their bytes: equal lines are equal documents and are never
/// decoded, so the cost is one pass over both files plus the work for the documents that differ.
struct ManifestComparer {
    let store: ManifestStore
    /// At most this many changed documents get a word-level text diff.
    let textDiffLimit: Int

    /// The change from manifest `old` to manifest `new`. Complexity: O(size of both document lists
    /// + changed documents' texts).
    func compare(_ old: ObjectID, _ new: ObjectID) throws -> ManifestDiff {
        let headers = (try store.header(old), try store.header(new))
        let settings = FrontMatterChange.between(try settingsValue(headers.0), try settingsValue(headers.1))
        let (onlyOld, onlyNew) = try unmatchedLines(store.documentLines(old), store.documentLines(new))
        let decoder = JSONDecoder()
        let before = Dictionary(try onlyOld.map { try decoder.decode(ManifestDocument.self, from: Data($0)) }.map { ($0.id, $0) }) { first, _ in first }
        let after = Dictionary(try onlyNew.map { try decoder.decode(ManifestDocument.self, from: Data($0)) }.map { ($0.id, $0) }) { first, _ in first }
        var changed = [ManifestDiff.ChangedDocument]()
        var omitted = 0
        var diffed = 0
        for id in after.keys.sorted() {
            guard let was = before[id], let now = after[id] else { continue }
            var text: TextDiff?
            if was.content != now.content {
                if diffed < textDiffLimit,
                    let oldText = try store.content(was.content, of: old), let newText = try store.content(now.content, of: new) {
                    text = try TextDiff.between(String(decoding: oldText, as: UTF8.self), String(decoding: newText, as: UTF8.self))
                    diffed += 1
                } else {
                    omitted += 1
                }
            }
            let metadata = FrontMatterChange.between(was.metadata.map { YAMLValue(json: .object($0)) }, now.metadata.map { YAMLValue(json: .object($0)) })
            changed.append(ManifestDiff.ChangedDocument(
                id: id, fromSize: was.size, toSize: now.size, contentChanged: was.content != now.content, metadata: metadata,
                fromChunks: was.chunks.count, toChunks: now.chunks.count, chunksReembedded: reembedded(was.chunks, now.chunks), text: text))
        }
        func listed(_ side: [String: ManifestDocument], without other: [String: ManifestDocument]) -> [ManifestDiff.Document] {
            side.values.filter { other[$0.id] == nil }.sorted { $0.id < $1.id }.map { ManifestDiff.Document(id: $0.id, size: $0.size, chunks: $0.chunks.count) }
        }
        let added = listed(after, without: before)
        let removed = listed(before, without: after)
        let counts = ManifestDiff.Counts(
            fromDocuments: headers.0.documents, toDocuments: headers.1.documents, fromChunks: headers.0.chunks, toChunks: headers.1.chunks,
            added: added.count, removed: removed.count, changed: changed.count, unchanged: headers.1.documents - added.count - changed.count,
            chunksReembedded: changed.reduce(0) { $0 + $1.chunksReembedded })
        return ManifestDiff(
            from: old.hex, to: new.hex, settings: settings, added: added, removed: removed, changed: changed, counts: counts, textDiffsOmitted: omitted)
    }

    /// The header's settings as one value, without the counts (which the diff reports itself).
    private func settingsValue(_ header: ManifestHeader) throws -> YAMLValue {
        guard case .object(var members) = try JSONDecoder().decode(JSONValue.self, from: CanonicalJSON.encode(header)) else { return .null }
        for key in ["documents", "chunks", "quill"] { members[key] = nil }
        return YAMLValue(json: .object(members))
    }

    /// The lines only the old list has and those only the new one has: both lists are sorted by their
    /// bytes, so one merge finds them.
    private func unmatchedLines(_ old: [UInt8], _ new: [UInt8]) throws -> ([ArraySlice<UInt8>], [ArraySlice<UInt8>]) {
        let before = old.split(separator: 0x0A)
        let after = new.split(separator: 0x0A)
        var onlyOld = [ArraySlice<UInt8>]()
        var onlyNew = [ArraySlice<UInt8>]()
        var i = 0
        var j = 0
        while i < before.count || j < after.count {
            if i < before.count, j < after.count, before[i] == after[j] {
                i += 1
                j += 1
            } else if j == after.count || (i < before.count && before[i].lexicographicallyPrecedes(after[j])) {
                onlyOld.append(before[i])
                i += 1
            } else {
                onlyNew.append(after[j])
                j += 1
            }
        }
        return (onlyOld, onlyNew)
    }

    /// How many chunks keep their id and span but changed their embedding checksum.
    private func reembedded(_ old: [ManifestChunk], _ new: [ManifestChunk]) -> Int {
        let before = Dictionary(old.map { ($0.id, $0) }) { first, _ in first }
        return new.filter { chunk in
            guard let was = before[chunk.id], was.start == chunk.start, was.end == chunk.end,
                let oldEmbedding = was.embedding, let newEmbedding = chunk.embedding else { return false }
            return oldEmbedding != newEmbedding
        }.count
    }
}
