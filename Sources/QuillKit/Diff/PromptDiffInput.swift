import Foundation
import GitKit
import Synchronization

/// Everything a changed prompt's diff needs from the repository, read beforehand, so that the diff
/// itself (parsing both versions, the structured diff, the case tables and the paired bootstrap)
/// is pure work that runs on any thread.
struct PromptDiffInput: Sendable {
    let change: TreeChange
    /// The old version's blob id and bytes; nil for an added prompt.
    let old: (id: ObjectID, data: Data)?
    /// The new version's blob id and bytes; nil for a deleted prompt.
    let new: (id: ObjectID, data: Data)?
    /// How `quill.yaml` says to read each side's path.
    let oldReading: PromptReading
    let newReading: PromptReading
    let oldRecords: [EvalRecord]
    let newRecords: [EvalRecord]
    /// The bytes of the records' per-case blobs, by blob id (hex).
    let caseBlobs: [String: Data]
    /// The records' data manifests compared.
    let data: ManifestChange?

    /// The diffs of `inputs`, in their order, computed on every core. The first error in that order is thrown.
    static func diffs(_ inputs: [PromptDiffInput], metrics: [MetricSpec], resamples: Int) throws -> [PromptDiff] {
        let results = Mutex([Result<PromptDiff, any Error>?](repeating: nil, count: inputs.count))
        DispatchQueue.concurrentPerform(iterations: inputs.count) { index in
            let diff = Result { try inputs[index].diff(metrics: metrics, resamples: resamples) }
            results.withLock { $0[index] = diff }
        }
        return try results.withLock { $0 }.map { try $0!.get() }
    }

    /// The prompt's diff: its structured (or text) diff and its scores compared.
    func diff(metrics: [MetricSpec], resamples: Int) throws -> PromptDiff {
        let blobs = caseBlobs
        let comparer = ScoreComparer(metrics: metrics, caseBlob: { record in record.cases.flatMap { blobs[$0.blob] } }, resamples: resamples)
        var scores = try comparer.compare(from: oldRecords, to: newRecords)
        scores.data = data
        let kind = self.kind
        let oldParse = old.map { Self.parsed($0.data, path: change.oldPath, reading: oldReading) }
        let newParse = new.map { Self.parsed($0.data, path: change.newPath, reading: newReading) }
        let fromError = oldParse?.error
        let toError = newParse?.error
        let readable = fromError == nil && toError == nil
        return PromptDiff(
            path: new == nil ? change.oldPath : change.newPath,
            oldPath: [.renamed, .copied].contains(kind) ? change.oldPath : nil,
            change: kind,
            similarity: [.renamed, .copied].contains(kind) ? change.similarity : nil,
            fromBlob: old?.id.hex, toBlob: new?.id.hex,
            structure: readable ? try PromptStructureDiff.between(oldParse?.prompt, newParse?.prompt) : nil,
            fromError: fromError, toError: toError,
            text: readable ? nil : try TextDiff.between(
                String(decoding: old?.data ?? Data(), as: UTF8.self), String(decoding: new?.data ?? Data(), as: UTF8.self)),
            scores: scores)
    }

    /// What happened to the file: a pairing git made between two paths is a rename or a copy.
    private var kind: PromptDiff.Change {
        guard old != nil else { return .added }
        guard new != nil else { return .deleted }
        guard change.oldPath != change.newPath else { return .modified }
        switch change.kind {
        case .renamed: return .renamed
        case .copied: return .copied
        default: return .modified
        }
    }

    private static func parsed(_ data: Data, path: String, reading: PromptReading) -> (prompt: Prompt?, error: String?) {
        do {
            return (try PromptParser.parse(data, path: path, reading: reading), nil)
        } catch {
            return (nil, error.description)
        }
    }
}
