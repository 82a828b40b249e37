import Foundation
import GitKit

extension Workspace {
    /// One side of a diff, resolved: a commit, or the work tree.
    private struct DiffSide {
        /// The commit; nil for the work tree.
        let commit: ObjectID?
        let label: String

        static let workTree = DiffSide(commit: nil, label: "work tree")

        var report: DiffReport.Side { DiffReport.Side(label: label, commit: commit?.hex) }
    }

    /// Changed prompts read from the repository before being diffed together in parallel.
    static let diffBatch = 64

    /// The prompts that differ between two revisions (or a revision and the work tree), each with its
    /// prompt diff and its scores compared, as `quill diff` shows them.
    ///
    /// Complexity: one tree diff with rename detection, then per changed prompt two blob reads, two
    /// parses, one index folder read per version, and for each suite and model with per-case results
    /// on both sides O(resamples × cases) per metric.
    public func diff(_ request: DiffRequest) throws -> DiffReport {
        try diff(request, scoreLines: nil)
    }

    /// `diff(_:)`, keeping the score lines it reads in `scoreLines` (when that cache is of the store's tree).
    func diff(_ request: DiffRequest, scoreLines: ScoreLineCache?) throws -> DiffReport {
        let (revisions, paths) = try separatePaths(request.revisions, request.paths)
        let (from, to) = try diffSides(revisions)
        let fromTree = try repository.treeID(ofCommit: from.commit)
        let toTree = try to.commit.map(repository.treeID(ofCommit:))
        if toTree == nil { _ = try workTree(for: "a diff against the work tree") }
        let changes = try toTree.map { try repository.treeChanges(from: fromTree, to: $0, detecting: repository.diffRenameDetection()) }
            ?? repository.treeChangesToWorkTree(from: fromTree, renameReadLimit: FileSizeBound.prompt.bytes)
        warnIfRenamesIncomplete()
        let limits = try paths.map(repositoryPath(forUserPath:))
        for limit in limits where try !exists(limit, in: fromTree) && !(toTree.map { try exists(limit, in: $0) } ?? existsOnDisk(limit)) {
            throw QuillError.badInput("path '\(limit)' is in neither '\(from.label)' nor '\(to.label)'; expected a prompt file or folder")
        }
        let store = EvalStore(repository: repository)
        let storeTree = try store.tipTree()
        // One reader for every prompt version: the index's upper trees are read once, not per look-up.
        let index = try storeTree.map { try ScoreIndex(store: store, tree: $0, lines: scoreLines) }
        var prompts = [PromptDiff]()
        let selected = changes.filter { selects($0, limits: limits) }
        // In batches: the repository is read on this thread, then the batch's prompts are diffed on
        // every core; memory holds one batch's blobs at a time.
        for start in stride(from: 0, to: selected.count, by: Self.diffBatch) {
            var inputs = [PromptDiffInput]()
            for change in selected[start..<min(start + Self.diffBatch, selected.count)] {
                let old = try change.kind == .added ? nil : change.oldID.map {
                    (id: $0, data: try MissingObject.data(of: $0, path: change.oldPath, commit: from.commit, in: repository, bound: .prompt))
                }
                let new = try newSide(of: change, commit: to.commit).map { (id: $0.0, data: $0.1) }
                if let old, let new, old.id == new.id, change.oldPath == change.newPath { continue }
                let records = { (blob: ObjectID?) throws -> [EvalRecord] in
                    guard let blob, let index else { return [] }
                    return try index.lines(forPromptBlob: blob).map { try store.record($0.id) }
                }
                let (oldRecords, newRecords) = (try records(old?.id), try records(new?.id))
                var caseBlobs = [String: Data]()
                for record in oldRecords + newRecords {
                    if let reference = record.cases, caseBlobs[reference.blob] == nil { caseBlobs[reference.blob] = try store.casesBlob(of: record) }
                }
                inputs.append(PromptDiffInput(
                    change: change, old: old, new: new, oldReading: config.reading(for: change.oldPath),
                    newReading: config.reading(for: change.newPath), oldRecords: oldRecords, newRecords: newRecords, caseBlobs: caseBlobs,
                    data: try manifestChange(from: oldRecords.compactMap(\.manifest), to: newRecords.compactMap(\.manifest))))
            }
            prompts += try PromptDiffInput.diffs(inputs, metrics: config.metrics, resamples: request.resamples)
        }
        return DiffReport(from: DiffSide(commit: from.commit, label: from.label).report, to: to.report, prompts: prompts)
    }

    /// Trailing revision arguments that name no revision but a file in the work tree are paths, as
    /// git takes `git diff HEAD prompts/a.md` without `--`.
    private func separatePaths(_ revisions: [String], _ paths: [String]) throws -> ([String], [String]) {
        var revisions = revisions
        var paths = paths
        while let last = revisions.last, !last.contains(".."), (try? repository.resolveCommit(last)) == nil,
            let root = workTreeRoot, WorkTreeFile.exists(try repositoryPath(forUserPath: last), in: root) {
            paths.insert(revisions.removeLast(), at: 0)
        }
        return (revisions, paths)
    }

    /// The two sides `git diff` would compare for these revision arguments; the old side is always a commit.
    private func diffSides(_ revisions: [String]) throws -> (from: (commit: ObjectID, label: String), to: DiffSide) {
        func commit(_ spec: String) throws -> (commit: ObjectID, label: String) {
            let spec = spec.isEmpty ? "HEAD" : spec
            return (try resolveUserCommit(spec), spec)
        }
        func side(_ resolved: (commit: ObjectID, label: String)) -> DiffSide {
            DiffSide(commit: resolved.commit, label: resolved.label)
        }
        switch revisions.count {
        case 0:
            return ((try requireHead(), "HEAD"), .workTree)
        case 1:
            let spec = revisions[0]
            if let dots = spec.range(of: "...") {
                let left = try commit(String(spec[..<dots.lowerBound]))
                let right = try commit(String(spec[dots.upperBound...]))
                guard let base = try repository.mergeBase(left.commit, right.commit) else {
                    throw noMergeBase(left.label, right.label)
                }
                return ((base, "merge-base of \(left.label) and \(right.label)"), side(right))
            }
            if let dots = spec.range(of: "..") {
                return (try commit(String(spec[..<dots.lowerBound])), side(try commit(String(spec[dots.upperBound...]))))
            }
            return (try commit(spec), .workTree)
        case 2:
            if let range = revisions.first(where: { $0.contains("..") }) {
                throw QuillError.badInput("'\(range)' is a range; give either one range or two revisions")
            }
            return (try commit(revisions[0]), side(try commit(revisions[1])))
        default:
            throw QuillError.badInput("too many revisions (\(revisions.count)); expected at most two, then '--' and prompt paths")
        }
    }

    /// Whether `change` is a prompt to show: named by a limit when there are limits, else matched by the globs.
    private func selects(_ change: TreeChange, limits: [String]) -> Bool {
        guard [.added, .deleted, .modified, .renamed, .typeChanged, .copied].contains(change.kind) else { return false }
        let paths = [change.oldPath, change.newPath]
        guard !limits.isEmpty else { return paths.contains(where: isPrompt) }
        return paths.contains { path in limits.contains { path == $0 || path.hasPrefix($0 + "/") } }
    }

    /// The new side's blob id and bytes at `commit` (the work tree when `nil`); nil when the file was deleted.
    private func newSide(of change: TreeChange, commit: ObjectID?) throws -> (ObjectID, Data)? {
        guard change.kind != .deleted else { return nil }
        guard let commit else {
            guard let data = try workTreeData(change.newPath) else { return nil }
            return (try Repository.blobID(of: data), data)
        }
        guard let id = change.newID else { return nil }
        return (id, try MissingObject.data(of: id, path: change.newPath, commit: commit, in: repository, bound: .prompt))
    }

    private func exists(_ path: String, in tree: ObjectID) throws -> Bool {
        try repository.treeEntry(atPath: path, inTree: tree) != nil
    }

    private func existsOnDisk(_ path: String) -> Bool {
        workTreeRoot.map { WorkTreeFile.exists(path, in: $0) } ?? false
    }
}
