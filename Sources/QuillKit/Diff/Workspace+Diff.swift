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

    /// The prompts that differ between two revisions (or a revision and the work tree), each with its
    /// prompt diff and its scores compared, as `quill diff` shows them.
    ///
    /// Complexity: one tree diff with rename detection, then per changed prompt two blob reads, two
    /// parses, one index folder read per version, and for each suite and model with per-case results
    /// on both sides O(resamples × cases) per metric.
    public func diff(_ request: DiffRequest) throws -> DiffReport {
        let (revisions, paths) = try separatePaths(request.revisions, request.paths)
        let (from, to) = try diffSides(revisions)
        let fromTree = try repository.treeID(ofCommit: from.commit)
        let toTree = try to.commit.map(repository.treeID(ofCommit:))
        if toTree == nil { _ = try workTree(for: "a diff against the work tree") }
        let changes = try toTree.map { try repository.treeChanges(from: fromTree, to: $0, detecting: .renames) }
            ?? repository.treeChangesToWorkTree(from: fromTree, detectRenames: true)
        warnIfRenamesIncomplete()
        let limits = try paths.map(repositoryPath(forUserPath:))
        for limit in limits where try !exists(limit, in: fromTree) && !(toTree.map { try exists(limit, in: $0) } ?? existsOnDisk(limit)) {
            throw QuillError.badInput("path '\(limit)' is in neither '\(from.label)' nor '\(to.label)'; expected a prompt file or folder")
        }
        let store = EvalStore(repository: repository)
        let storeTree = try store.tipTree()
        // One reader for every prompt version: the index's upper trees are read once, not per look-up.
        let index = try storeTree.map { try ScoreIndex(store: store, tree: $0) }
        let comparer = ScoreComparer(metrics: config.metrics, caseBlob: store.casesBlob(of:), resamples: request.resamples)
        var prompts = [PromptDiff]()
        for change in changes where selects(change, limits: limits) {
            let old = try change.kind == .added ? nil : change.oldID.map {
                ($0, try MissingObject.data(of: $0, path: change.oldPath, commit: from.commit, in: repository, bound: .prompt))
            }
            let new = try newSide(of: change, commit: to.commit)
            if let old, let new, old.0 == new.0, change.oldPath == change.newPath { continue }
            let records = { (blob: ObjectID?) throws -> [EvalRecord] in
                guard let blob, let index else { return [] }
                return try index.lines(forPromptBlob: blob).map { try store.record($0.id) }
            }
            let (oldRecords, newRecords) = (try records(old?.0), try records(new?.0))
            var scores = try comparer.compare(from: oldRecords, to: newRecords)
            scores.data = try manifestChange(from: oldRecords.compactMap(\.manifest), to: newRecords.compactMap(\.manifest))
            prompts.append(try promptDiff(change, old: old, new: new, scores: scores))
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

    private func promptDiff(_ change: TreeChange, old: (ObjectID, Data)?, new: (ObjectID, Data)?, scores: ScoreComparison) throws -> PromptDiff {
        let kind: PromptDiff.Change =
            old == nil ? .added : new == nil ? .deleted : change.kind == .renamed && change.oldPath != change.newPath ? .renamed : .modified
        let oldParse = old.map { parsed($0.1, path: change.oldPath) }
        let newParse = new.map { parsed($0.1, path: change.newPath) }
        let fromError = oldParse?.error
        let toError = newParse?.error
        let readable = fromError == nil && toError == nil
        return PromptDiff(
            path: new == nil ? change.oldPath : change.newPath,
            oldPath: kind == .renamed ? change.oldPath : nil,
            change: kind,
            similarity: kind == .renamed ? change.similarity : nil,
            fromBlob: old?.0.hex, toBlob: new?.0.hex,
            structure: readable ? try PromptStructureDiff.between(oldParse?.prompt, newParse?.prompt) : nil,
            fromError: fromError, toError: toError,
            text: readable ? nil : try TextDiff.between(
                String(decoding: old?.1 ?? Data(), as: UTF8.self), String(decoding: new?.1 ?? Data(), as: UTF8.self)),
            scores: scores)
    }

    private func parsed(_ data: Data, path: String) -> (prompt: Prompt?, error: String?) {
        do {
            return (try PromptParser.parse(data, path: path, reading: config.reading(for: path)), nil)
        } catch {
            return (nil, error.description)
        }
    }
}
