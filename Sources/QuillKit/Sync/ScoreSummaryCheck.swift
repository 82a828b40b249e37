import Foundation
import GitKit
import Synchronization

/// Checks, before a sync takes in a remote's eval store, that each score summary it sent or changed
/// (`scores/…`) is exactly the summary of the records its prompt version holds (`by-prompt/…`, with
/// their `meta/` provenance): the one Quill builds from them. A summary is derived data that `log`,
/// `eval list` and `blame --metric` read instead of the records, so a remote whose summaries disagree
/// with its records (a line changed, added or left out) would make those commands contradict
/// `eval show`; it is refused instead.
///
/// Complexity: one read of each summary and record folder that differs from the local tip's, and of
/// each record in them the local summary has no line for with the same provenance (the records a sync
/// brings in); the other lines are compared with the local summary's (the local tip is trusted: Quill
/// wrote or checked it). Equal folders are skipped.
struct ScoreSummaryCheck {
    let repository: Repository
    /// Folder comparisons an earlier walk of the same trees kept (`rereadsFolder`), used instead of comparing again.
    var comparisons = FolderComparisons()
    /// The fewest versions a thread is given: with fewer changed versions than twice this, they are checked
    /// on the calling thread alone.
    var versionsPerWorker = 256

    /// Whether this check compares the folder at `path` (`scores/ab/`, with a trailing slash) of a store
    /// tree with the local one's: the fan-out folders of `scores/`, `by-prompt/` and `meta/`.
    static func rereadsFolder(_ path: String) -> Bool {
        let top = path.prefix { $0 != "/" }
        return [StorePath.scoresFolder, StorePath.byPromptFolder, StorePath.metaFolder].contains(String(top))
            && path.utf8.count(where: { $0 == UInt8(ascii: "/") }) <= StoreFanout.two.rawValue + 1
    }

    /// The path of the first summary of `tree` that is not its version's records' summary, or of a
    /// version with records and no summary; `nil` when all agree or the tree is not layout 3. The changed
    /// versions are checked in runs of the sorted list, one run a core (`VersionSummaries`), so the answer
    /// is the one a check of each version in turn gives.
    func firstMismatch(in tree: ObjectID, known: ObjectID?) throws -> String? {
        guard try StoreFanout.layout(of: tree, in: repository) == 3 else { return nil }
        let knownIsLayout3 = try known.map { try StoreFanout.layout(of: $0, in: repository) == 3 } ?? false
        let known = knownIsLayout3 ? known : nil
        var versions = Set<String>()
        for (folder, suffix) in [(StorePath.scoresFolder, ".jsonl"), (StorePath.byPromptFolder, "")] {
            let ours = try subtree(folder, of: tree), theirs = try known.flatMap { try subtree(folder, of: $0) }
            for leaf in try changedLeaves(of: ours, known: theirs, depth: 3) where leaf.hasSuffix(suffix) {
                versions.insert(String(leaf.dropLast(suffix.count)))
            }
        }
        let provenance = try known.map { try ProvenanceChanges(repository: repository, tree: tree, known: $0, comparisons: comparisons) }
        let sorted = versions.sorted()
        let workers = min(ProcessInfo.processInfo.activeProcessorCount, sorted.count / versionsPerWorker)
        guard workers > 1 else {
            return try VersionSummaries(repository: repository, tree: tree, known: known, provenance: provenance).firstMismatch(among: sorted[...])
        }
        // Each thread checks a run of the sorted versions through a handle of its own; the first run's mismatch wins.
        let location = repository.location
        let results = Mutex([Result<String?, any Error>?](repeating: nil, count: workers))
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            let run = sorted[sorted.count * worker / workers..<sorted.count * (worker + 1) / workers]
            let result = Result {
                try VersionSummaries(repository: location.open(), tree: tree, known: known, provenance: provenance).firstMismatch(among: run)
            }
            results.withLock { $0[worker] = result }
        }
        for result in results.withLock({ $0 }) {
            if let path = try result!.get() { return path }
        }
        return nil
    }

    /// The tree at `name` in `tree`, if it is one.
    private func subtree(_ name: String, of tree: ObjectID) throws -> ObjectID? {
        guard let entry = try repository.treeEntryTarget(named: name, inTree: tree), entry.mode == .tree else { return nil }
        return entry.id
    }

    /// The paths, `depth` levels down from `tree`, of the entries that differ from those at the same
    /// path of `known` (or are not there); subtrees equal to `known`'s are not read, and each pair of
    /// folders is compared in one pass over their bytes (`LoadedTree.changes`).
    private func changedLeaves(of tree: ObjectID?, known: ObjectID?, depth: Int) throws -> [String] {
        guard let tree, tree != known else { return [] }
        var leaves: [String] = []
        for change in try comparisons.changes(from: known, to: tree, in: repository) {
            guard let entry = change.after, entry.id != change.before?.id else { continue }
            if depth == 1 {
                leaves.append(entry.name)
            } else if entry.isTree {
                leaves += try changedLeaves(of: entry.id, known: change.before?.id, depth: depth - 1).map { entry.name + "/" + $0 }
            }
        }
        return leaves
    }
}
