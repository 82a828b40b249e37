import Foundation
import GitKit

extension Workspace {
    /// One side of a diff, resolved.
    private enum DiffSide {
        case commit(ObjectID, label: String)
        case workTree

        var report: DiffReport.Side {
            switch self {
            case .commit(let id, let label): DiffReport.Side(label: label, commit: id.hex)
            case .workTree: DiffReport.Side(label: "work tree", commit: nil)
            }
        }
    }

    /// The prompts that differ between two revisions (or a revision and the work tree), each with its
    /// prompt diff and its scores compared, as `quill diff` shows them.
    ///
    /// Complexity: one tree diff with rename detection, then per changed prompt two blob reads, two
    /// parses, one index folder read per version, and for each suite and model with per-case results
    /// on both sides O(resamples × cases) per metric.
    public func diff(_ request: DiffRequest) throws -> DiffReport {
        let (from, to) = try diffSides(request.revisions)
        guard case .commit(let fromCommit, _) = from else { preconditionFailure("the old side is always a commit") }
        let fromTree = try repository.treeID(ofCommit: fromCommit)
        let toTree: ObjectID?
        let changes: [TreeChange]
        switch to {
        case .commit(let id, _):
            toTree = try repository.treeID(ofCommit: id)
            changes = try repository.treeChanges(from: fromTree, to: toTree, detectRenames: true)
        case .workTree:
            toTree = nil
            changes = try repository.treeChangesToWorkTree(from: fromTree, detectRenames: true)
        }
        let limits = try request.paths.map(repositoryPath(forUserPath:))
        for limit in limits where try !exists(limit, in: fromTree) && !(toTree.map { try exists(limit, in: $0) } ?? existsOnDisk(limit)) {
            throw QuillError.badInput("path '\(limit)' is in neither '\(from.report.label)' nor '\(to.report.label)'; expected a prompt file or folder")
        }
        let store = EvalStore(repository: repository)
        let storeTree = try store.tipTree()
        let comparer = ScoreComparer(metrics: config.metrics, cases: store.cases(of:), resamples: request.resamples)
        var prompts = [PromptDiff]()
        for change in changes where selects(change, limits: limits) {
            let old = try change.kind == .added ? nil : change.oldID.map { ($0, try repository.blobData($0)) }
            let new = try newSide(of: change, isWorkTree: toTree == nil)
            if let old, let new, old.0 == new.0, change.oldPath == change.newPath { continue }
            let records = { (blob: ObjectID?) throws -> [EvalRecord] in
                guard let blob, let storeTree else { return [] }
                return try store.recordIDs(forPromptBlob: blob, in: storeTree).map(store.record)
            }
            prompts.append(try promptDiff(
                change, old: old, new: new,
                scores: comparer.compare(from: records(old?.0), to: records(new?.0))))
        }
        return DiffReport(from: from.report, to: to.report, prompts: prompts)
    }

    /// The two sides `git diff` would compare for these revision arguments.
    private func diffSides(_ revisions: [String]) throws -> (DiffSide, DiffSide) {
        func commit(_ spec: String) throws -> DiffSide {
            let spec = spec.isEmpty ? "HEAD" : spec
            return .commit(try resolveUserCommit(spec), label: spec)
        }
        switch revisions.count {
        case 0:
            return (.commit(try requireHead(), label: "HEAD"), .workTree)
        case 1:
            let spec = revisions[0]
            if let dots = spec.range(of: "...") {
                let left = String(spec[..<dots.lowerBound])
                let right = String(spec[dots.upperBound...])
                guard case .commit(let a, _) = try commit(left), case .commit(let b, let label) = try commit(right) else { preconditionFailure() }
                guard let base = try repository.mergeBase(a, b) else {
                    throw QuillError.badInput("'\(left.isEmpty ? "HEAD" : left)' and '\(label)' have no common ancestor; expected revisions that share history")
                }
                return (.commit(base, label: "merge-base of \(left.isEmpty ? "HEAD" : left) and \(label)"), .commit(b, label: label))
            }
            if let dots = spec.range(of: "..") {
                return (try commit(String(spec[..<dots.lowerBound])), try commit(String(spec[dots.upperBound...])))
            }
            return (try commit(spec), .workTree)
        case 2:
            if let range = revisions.first(where: { $0.contains("..") }) {
                throw QuillError.badInput("'\(range)' is a range; give either one range or two revisions")
            }
            return (try commit(revisions[0]), try commit(revisions[1]))
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

    /// The new side's blob id and bytes; nil when the file was deleted.
    private func newSide(of change: TreeChange, isWorkTree: Bool) throws -> (ObjectID, Data)? {
        guard change.kind != .deleted else { return nil }
        if isWorkTree {
            guard let data = FileManager.default.contents(atPath: root + "/" + change.newPath) else { return nil }
            return (try Repository.blobID(of: data), data)
        }
        guard let id = change.newID else { return nil }
        return (id, try repository.blobData(id))
    }

    private func exists(_ path: String, in tree: ObjectID) throws -> Bool {
        try repository.treeEntry(atPath: path, inTree: tree) != nil
    }

    private func existsOnDisk(_ path: String) -> Bool {
        FileManager.default.fileExists(atPath: root + "/" + path)
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
            return (try PromptParser.parse(data, path: path), nil)
        } catch {
            return (nil, error.description)
        }
    }
}
