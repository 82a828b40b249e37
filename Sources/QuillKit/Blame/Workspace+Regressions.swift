import Foundation
import GitKit

extension Workspace {
    /// The regressions of `metric` for the prompt at `userPath`: its series over the evaluated commits
    /// of first-parent history from `revision` (back to `since`, exclusive), the change points found
    /// by `ChangePointDetector` in the bad direction (`LevelShift`), and for each the commits that
    /// could explain it, classified as prompt, data or model changes, with one named as the culprit.
    ///
    /// Complexity: O(c) store look-ups for the c first-parent commits, plus the detector's
    /// O(k × R × n log n) for n evaluated commits.
    public func regressions(
        prompt userPath: String, metric: String, revision: String = "HEAD", since: String? = nil, suite: String? = nil
    ) throws -> RegressionReport {
        let path = try repositoryPath(forUserPath: userPath)
        let start = revision == "HEAD" ? try requireHead() : try resolveUserCommit(revision)
        let stop = try since.map(resolveUserCommit)
        let steps = try RenameFollowingWalk(repository: repository).steps(from: start, path: path)
        guard !steps.isEmpty else {
            throw QuillError.badInput("prompt '\(path)' has no history at '\(revision)'; expected a path that some commit added")
        }
        let paths = [path] + Set(steps.map(\.path) + steps.compactMap(\.previousPath)).subtracting([path]).sorted()
        let chain = try firstParentChain(from: start, stop: stop)
        let points = try metricSeries(metric, chain: chain, paths: Set(paths), suite: suite)
        guard !points.isEmpty else {
            throw QuillError.badInput("no evaluation of '\(metric)' recorded for '\(path)'\(suite.map { " in suite '\($0)'" } ?? ""); run 'quill eval record' first")
        }
        let direction = config.metrics.first { $0.name == metric }?.direction ?? .higher
        let position = Dictionary(chain.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        var regressions = [MetricRegression]()
        for shift in LevelShift.find(in: points.map(\.value)) where direction == .higher ? shift.change < 0 : shift.change > 0 {
            let good = points[shift.index - 1]
            let bad = points[shift.index]
            let between = chain[position[bad.commit]!..<position[good.commit]!]
            let candidates = try between.compactMap { commit in
                try candidate(commit, paths: paths, records: commit == bad.commit ? (good.records, bad.records) : nil)
            }
            let culprit = candidates.filter { !$0.kinds.contains(.data) || $0.kinds.count > 1 }
                .max { $0.changedLines.count < $1.changedLines.count } ?? candidates.first
            regressions.append(MetricRegression(
                before: shift.before, after: shift.after, change: shift.change, pValue: shift.pValue,
                lastGood: good.commit.hex, firstBad: bad.commit.hex, candidates: candidates, culprit: culprit?.commit))
        }
        return RegressionReport(
            prompt: path, metric: metric, direction: direction, suite: suite, evaluatedCommits: points.count, regressions: regressions)
    }

    /// First-parent history from `start`, newest first, ending before `stop`.
    private func firstParentChain(from start: ObjectID, stop: ObjectID?) throws -> [ObjectID] {
        let walk = try DateOrderWalk(repository, from: [])
        var chain = [ObjectID]()
        var next: ObjectID? = start
        while let commit = next, commit != stop {
            chain.append(commit)
            next = try walk.node(commit).parentIDs.first
        }
        return chain
    }

    /// The evaluated commits of `chain` with records of `metric` for one of `paths`, oldest first.
    private func metricSeries(_ metric: String, chain: [ObjectID], paths: Set<String>, suite: String?) throws -> [MetricPoint] {
        let store = EvalStore(repository: repository)
        guard let tree = try store.tipTree() else { return [] }
        var points = [MetricPoint]()
        for commit in chain.reversed() {
            let records = try store.recordIDs(forCommit: commit, in: tree).map(store.record).filter {
                paths.contains($0.prompt) && (suite == nil || $0.suite == suite) && $0.metrics[metric] != nil
            }
            guard !records.isEmpty else { continue }
            let values = records.compactMap { $0.metrics[metric] }
            points.append(MetricPoint(commit: commit, records: records, value: values.reduce(0, +) / Double(values.count)))
        }
        return points
    }

    /// What `commit` changed of the prompt (against its first parent) and, for the first bad commit,
    /// of the records' data and model against the last good one; `nil` when it changed none of these.
    private func candidate(_ commit: ObjectID, paths: [String], records: (good: [EvalRecord], bad: [EvalRecord])?) throws -> RegressionCandidate? {
        let details = try repository.commit(commit)
        let tree = try repository.treeID(ofCommit: commit)
        let parentTree = try details.parentIDs.first.map(repository.treeID(ofCommit:))
        let now = try paths.lazy.compactMap { try self.repository.treeEntry(atPath: $0, inTree: tree) }.first
        let before = try parentTree.flatMap { parent in try paths.lazy.compactMap { try self.repository.treeEntry(atPath: $0, inTree: parent) }.first }
        var kinds = Set<RegressionCandidate.Kind>()
        var changedLines = [String]()
        if now?.id != before?.id {
            let diff = try repository.lineDiff(from: before?.id, to: now?.id)
            changedLines = diff.hunks.flatMap(\.lines).compactMap { line in
                line.kind == .added ? "+" + line.text : line.kind == .removed ? "-" + line.text : nil
            }
            kinds.formUnion(try promptChangeKinds(from: before?.id, to: now?.id, path: paths[0]))
        }
        if let records {
            if Set(records.good.map(\.manifest)) != Set(records.bad.map(\.manifest)) { kinds.insert(.data) }
            if Set(records.good.map(\.model)) != Set(records.bad.map(\.model)) || Set(records.good.map(\.parameters)) != Set(records.bad.map(\.parameters)) {
                kinds.insert(.model)
            }
        }
        guard !kinds.isEmpty else { return nil }
        return RegressionCandidate(
            commit: commit.hex, author: details.author.name, date: ISODate.format(details.author), subject: details.subject,
            kinds: [.prompt, .data, .model].filter(kinds.contains), changedLines: changedLines)
    }

    /// `model` when the front matter (model, parameters) differs, `prompt` when the messages do;
    /// `prompt` alone when either side does not parse.
    private func promptChangeKinds(from old: ObjectID?, to new: ObjectID?, path: String) throws -> Set<RegressionCandidate.Kind> {
        guard let old, let new,
              let before = try? PromptParser.parse(repository.blobData(old), path: path),
              let after = try? PromptParser.parse(repository.blobData(new), path: path) else { return [.prompt] }
        var kinds = Set<RegressionCandidate.Kind>()
        if before.frontMatter != after.frontMatter || before.model != after.model { kinds.insert(.model) }
        if before.messages != after.messages { kinds.insert(.prompt) }
        return kinds.isEmpty ? [.prompt] : kinds
    }
}
