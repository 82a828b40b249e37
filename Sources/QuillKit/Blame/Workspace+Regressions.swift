import Foundation
import GitKit

extension Workspace {
    /// The regressions of `metric` for the prompt at `userPath`: its series over the evaluated commits
    /// of first-parent history from `revision` (back to `since`, exclusive, or to the commit that
    /// added the prompt; renames followed), the change points found
    /// by `ChangePointDetector` in the bad direction (`LevelShift`), and for each the commits that
    /// could explain it (`RegressionAttributor`): prompt, model, data, dataset or suite changes, each
    /// with its probability, and a culprit only when one is decisive.
    ///
    /// Complexity: O(c) path and store look-ups for the c first-parent commits, plus the detector's
    /// O(k × R × n log n) for n evaluated commits. After the first-parent walk, the repository reads
    /// packs for look-ups (`Repository.readPacksForLookUps()`).
    public func regressions(
        prompt userPath: String, metric: String, revision: String = "HEAD", since: String? = nil, suite: String? = nil
    ) throws -> RegressionReport {
        try regressions(prompt: userPath, metric: metric, revision: revision, since: since, suite: suite, detector: ChangePointDetector())
    }

    /// `regressions` with the change points found by `detector`.
    func regressions(
        prompt userPath: String, metric: String, revision: String, since: String?, suite: String?, detector: ChangePointDetector
    ) throws -> RegressionReport {
        let path = try repositoryPath(forUserPath: userPath)
        let start = revision == "HEAD" ? try requireHead() : try resolveUserCommit(revision)
        let stop = try since.map(resolveUserCommit)
        let chain = try firstParentChain(from: start, path: path, stop: stop)
        guard !chain.isEmpty else {
            throw QuillError.badInput("'\(path)' is not a file at '\(revision)'; expected a prompt committed there")
        }
        if let oldest = chain.last?.commit { warnIfShallow([oldest]) }
        // The summaries and records lie all over the store: read without the walk's index windows.
        repository.readPacksForLookUps()
        warnIfRenamesIncomplete()
        let points = try metricSeries(metric, chain: chain, suite: suite)
        guard !points.isEmpty else {
            throw QuillError.badInput("no evaluation of '\(metric)' recorded for '\(path)'\(suite.map { " in suite '\($0)'" } ?? ""); run 'quill eval record' first")
        }
        let direction = config.metrics.first { $0.name == metric }?.direction ?? .higher
        let store = EvalStore(repository: repository)
        var attributor = RegressionAttributor(
            repository: repository, config: config, store: store, tree: try store.tipTree()!, metric: metric, suite: suite, points: points, chain: chain)
        let regressions = try LevelShift.find(in: points.map(\.value), detector: detector)
            .filter { direction == .higher ? $0.change < 0 : $0.change > 0 }
            .map { try attributor.attribute($0) }
        return RegressionReport(
            prompt: path, metric: metric, direction: direction, suite: suite, evaluatedCommits: points.count, regressions: regressions)
    }

    /// One commit of a first-parent chain: the prompt's path there and its blob (the version).
    typealias ChainLink = (commit: ObjectID, path: String, blob: ObjectID)

    /// First-parent history from `start`, newest first, ending before `stop` or at the commit that
    /// added the prompt, with the prompt's path and blob in each commit (renames followed: where the parent
    /// lacks the path, the source of a rename to it, 50% similarity, gives the parent's path).
    func firstParentChain(from start: ObjectID, path: String, stop: ObjectID?) throws -> [ChainLink] {
        let walk = try DateOrderWalk(repository, from: [])
        var lookups = [String: EntryCache]()
        func file(_ path: String, in tree: ObjectID) throws -> ObjectID? {
            try lookups[path, default: EntryCache(repository: repository)].entry(atPath: path, inTree: tree).flatMap { $0.isFile ? $0.id : nil }
        }
        var node = try walk.node(start)
        guard let blob = try file(path, in: node.treeID) else { return [] }
        var chain = [ChainLink(commit: start, path: path, blob: blob)]
        while let parentID = node.parentIDs.first, parentID != stop {
            let parent = try walk.node(parentID)
            var path = chain[chain.count - 1].path
            var blob = try file(path, in: parent.treeID)
            if blob == nil {
                guard let source = try repository.renameSource(of: path, from: parent.treeID, to: node.treeID, detecting: .renames)?.oldPath,
                    let sourceBlob = try file(source, in: parent.treeID) else {
                    break
                }
                (path, blob) = (source, sourceBlob)
            }
            chain.append((parentID, path, blob!))
            node = parent
        }
        return chain
    }

    /// The evaluated commits of `chain` with records of `metric` for the prompt's path there, oldest first.
    ///
    /// Complexity: one score summary read per run of a version of the prompt in the chain (a version
    /// a revert brings back is read again; `CommitRecordLookup`); no record is read.
    private func metricSeries(_ metric: String, chain: [ChainLink], suite: String?) throws -> [MetricPoint] {
        let store = EvalStore(repository: repository)
        guard let tree = try store.tipTree() else { return [] }
        var lookup = try CommitRecordLookup(store: store, tree: tree)
        var points = [MetricPoint]()
        for (commit, path, blob) in chain.reversed() {
            let lines = try lookup.records(ofBlob: blob, at: commit).filter {
                $0.prompt == path && (suite == nil || $0.suite == suite) && $0.metrics[metric] != nil
            }
            guard !lines.isEmpty else { continue }
            let values = lines.compactMap { $0.metrics[metric] }
            points.append(MetricPoint(commit: commit, recordIDs: lines.map(\.id), value: values.reduce(0, +) / Double(values.count)))
        }
        return points
    }
}
