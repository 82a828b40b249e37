import Foundation
import GitKit

/// Merges two sides' score summaries of one prompt version (`scores/…`) in a sync: every line of
/// both, one per record; a record both sides hold with different provenance keeps the line whose
/// provenance is earlier (then the smaller blob id), the rule `meta/` follows, so the merged summary
/// names the merged store's provenance and both machines build the same blob.
struct ScoreSummaryUnion {
    let repository: Repository

    /// The union of the summaries `ours` and `theirs` at `path`; a record whose lines differ in
    /// anything but provenance means a corrupt store (`remote` names the other side).
    func union(_ ours: ObjectID, _ theirs: ObjectID, path: String, remote: String) throws -> ObjectID {
        var lines = Dictionary(try ScoreSummary.decode(repository.blobData(ours)).map { ($0.id, $0) }) { first, _ in first }
        var provenance = [ObjectID: (String, ObjectID)]()
        for line in try ScoreSummary.decode(repository.blobData(theirs)) {
            guard let known = lines[line.id], known != line else {
                lines[line.id] = line
                continue
            }
            guard known.with(meta: nil) == line.with(meta: nil), let mine = known.meta, let other = line.meta else {
                throw QuillError(
                    .repository,
                    "'\(EvalStore.reference)' summarises the record \(line.id.abbreviated()) differently here and on '\(remote)' at '\(path)'; the store is corrupt, run 'git fsck'")
            }
            let order = try [mine, other].map { id in
                try provenance[id] ?? (JSONDecoder().decode(EvalProvenance.self, from: repository.blobData(id)).recordedAt, id)
            }
            provenance[mine] = order[0]
            provenance[other] = order[1]
            if order[1] < order[0] { lines[line.id] = line }
        }
        return try repository.writeBlob(ScoreSummary.encode(lines.values))
    }
}
