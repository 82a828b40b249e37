import Foundation
import GitKit

extension Workspace {
    /// The regressions of `metric` for the prompt at `userPath`: its series over the evaluated commits
    /// of first-parent history from `revision` (back to `since`, exclusive, or to the commit that
    /// added the prompt; renames followed), the change points found
    /// by `ChangePointDetector` in the bad direction (`LevelShift`), and for each the commits that
    /// could explain it, classified as prompt, data or model changes, with one named as the culprit.
    ///
    /// Complexity: O(c) path and store look-ups for the c first-parent commits, plus the detector's
    /// O(k × R × n log n) for n evaluated commits.
    public func regressions(
        prompt userPath: String, metric: String, revision: String = "HEAD", since: String? = nil, suite: String? = nil
    ) throws -> RegressionReport {
        let path = try repositoryPath(forUserPath: userPath)
        let start = revision == "HEAD" ? try requireHead() : try resolveUserCommit(revision)
        let stop = try since.map(resolveUserCommit)
        let chain = try firstParentChain(from: start, path: path, stop: stop)
        guard !chain.isEmpty else {
            throw QuillError.badInput("'\(path)' is not a file at '\(revision)'; expected a prompt committed there")
        }
        if let oldest = chain.last?.commit { warnIfShallow([oldest]) }
        warnIfRenamesIncomplete()
        let points = try metricSeries(metric, chain: chain, suite: suite)
        guard !points.isEmpty else {
            throw QuillError.badInput("no evaluation of '\(metric)' recorded for '\(path)'\(suite.map { " in suite '\($0)'" } ?? ""); run 'quill eval record' first")
        }
        let direction = config.metrics.first { $0.name == metric }?.direction ?? .higher
        let position = Dictionary(chain.enumerated().map { ($1.commit, $0) }, uniquingKeysWith: { first, _ in first })
        var regressions = [MetricRegression]()
        for shift in LevelShift.find(in: points.map(\.value)) where direction == .higher ? shift.change < 0 : shift.change > 0 {
            let good = points[shift.index - 1]
            let bad = points[shift.index]
            let candidates = try (position[bad.commit]!..<position[good.commit]!).compactMap { index in
                try candidate(chain[index], parentPath: chain.indices.contains(index + 1) ? chain[index + 1].path : nil,
                              records: index == position[bad.commit] ? (good.records, bad.records) : nil)
            }
            let culprit = candidates.filter { !$0.kinds.contains(.data) || $0.kinds.count > 1 }
                .max { $0.changedLineCount < $1.changedLineCount } ?? candidates.first
            regressions.append(MetricRegression(
                before: shift.before, after: shift.after, change: shift.change, pValue: shift.pValue,
                lastGood: good.commit.hex, firstBad: bad.commit.hex, candidates: candidates, culprit: culprit?.commit))
        }
        return RegressionReport(
            prompt: path, metric: metric, direction: direction, suite: suite, evaluatedCommits: points.count, regressions: regressions)
    }

    /// First-parent history from `start`, newest first, ending before `stop` or at the commit that
    /// added the prompt, with the prompt's path in each commit (renames followed: where the parent
    /// lacks the path, the source of a rename to it, 50% similarity, gives the parent's path).
    func firstParentChain(from start: ObjectID, path: String, stop: ObjectID?) throws -> [(commit: ObjectID, path: String)] {
        let walk = try DateOrderWalk(repository, from: [])
        var lookups = [String: EntryCache]()
        func exists(_ path: String, in tree: ObjectID) throws -> Bool {
            try lookups[path, default: EntryCache(repository: repository)].entry(atPath: path, inTree: tree)?.isFile == true
        }
        var node = try walk.node(start)
        guard try exists(path, in: node.treeID) else { return [] }
        var chain = [(commit: start, path: path)]
        while let parentID = node.parentIDs.first, parentID != stop {
            let parent = try walk.node(parentID)
            var path = chain[chain.count - 1].path
            if try !exists(path, in: parent.treeID) {
                guard let source = try repository.renameSource(of: path, from: parent.treeID, to: node.treeID, detecting: .renames)?.oldPath else {
                    break
                }
                path = source
            }
            chain.append((parentID, path))
            node = parent
        }
        return chain
    }

    /// The evaluated commits of `chain` with records of `metric` for the prompt's path there, oldest first.
    private func metricSeries(_ metric: String, chain: [(commit: ObjectID, path: String)], suite: String?) throws -> [MetricPoint] {
        let store = EvalStore(repository: repository)
        guard let tree = try store.tipTree() else { return [] }
        var index = CommitIndexReader(repository: repository, tree: tree)
        var points = [MetricPoint]()
        for (commit, path) in chain.reversed() {
            let records = try index.recordIDs(forCommit: commit).map(store.record).filter {
                $0.prompt == path && (suite == nil || $0.suite == suite) && $0.metrics[metric] != nil
            }
            guard !records.isEmpty else { continue }
            let values = records.compactMap { $0.metrics[metric] }
            points.append(MetricPoint(commit: commit, records: records, value: values.reduce(0, +) / Double(values.count)))
        }
        return points
    }

    /// What `commit` changed of the prompt and the files it includes (against its first parent)
    /// and, for the first bad commit, of the records' data and model against the last good one;
    /// `nil` when it changed none of these.
    func candidate(
        _ link: (commit: ObjectID, path: String), parentPath: String?, records: (good: [EvalRecord], bad: [EvalRecord])?
    ) throws -> RegressionCandidate? {
        let commit = link.commit
        let details = try repository.commit(commit)
        let tree = try repository.treeID(ofCommit: commit)
        let parentTree = try details.parentIDs.first.map { try repository.treeID(ofCommit: $0) }
        let now = try repository.treeEntry(atPath: link.path, inTree: tree)
        let before = try parentTree.flatMap { tree in try parentPath.flatMap { try repository.treeEntry(atPath: $0, inTree: tree) } }
        var kinds = Set<RegressionCandidate.Kind>()
        var changedLines = [String]()
        if now?.id != before?.id {
            changedLines = try self.changedLines(from: before?.id, to: now?.id)
            kinds.formUnion(try promptChangeKinds(from: before?.id, to: now?.id, path: link.path))
        }
        let includes = try includeChanges(of: (now, link.path), and: (before, parentPath), tree: tree, parentTree: parentTree)
        if !includes.isEmpty { kinds.insert(.prompt) }
        if let records {
            if try manifestChange(from: records.good.compactMap(\.manifest), to: records.bad.compactMap(\.manifest))?.differs == true {
                kinds.insert(.data)
            }
            if Set(records.good.map(\.model)) != Set(records.bad.map(\.model)) || Set(records.good.map(\.parameters)) != Set(records.bad.map(\.parameters)) {
                kinds.insert(.model)
            }
        }
        guard !kinds.isEmpty else { return nil }
        return RegressionCandidate(
            commit: commit.hex, author: details.author.name, date: ISODate.format(details.author), subject: details.subject,
            kinds: [.prompt, .data, .model].filter(kinds.contains), changedLines: changedLines, includes: includes)
    }

    /// The files either version of the prompt includes that differ between `tree` and `parentTree`.
    private func includeChanges(
        of version: (entry: TreeEntry?, path: String), and parent: (entry: TreeEntry?, path: String?),
        tree: ObjectID, parentTree: ObjectID?
    ) throws -> [IncludedFileChange] {
        var paths = Set<String>()
        // Most candidates leave the prompt as it was: its one blob is then read and scanned once.
        let isUnchanged = parent.entry?.id == version.entry?.id && parent.path == version.path
        for (entry, path) in [(version.entry, Optional(version.path))] + (isUnchanged ? [] : [(parent.entry, parent.path)]) {
            guard let entry, let path, entry.isFile, let text = String(validating: try repository.blobData(entry.id), as: UTF8.self) else { continue }
            paths.formUnion(PromptIncludes.paths(in: text, promptPath: path))
        }
        return try paths.subtracting([version.path, parent.path].compactMap { $0 }).sorted().compactMap { path in
            let new = try repository.treeEntry(atPath: path, inTree: tree).flatMap { $0.isFile ? $0 : nil }
            let old = try parentTree.flatMap { try repository.treeEntry(atPath: path, inTree: $0) }.flatMap { $0.isFile ? $0 : nil }
            guard new?.id != old?.id else { return nil }
            return IncludedFileChange(path: path, changedLines: try changedLines(from: old?.id, to: new?.id))
        }
    }

    /// The lines of a blob diff, `-` removed and `+` added.
    private func changedLines(from old: ObjectID?, to new: ObjectID?) throws -> [String] {
        try repository.lineDiff(from: old, to: new).hunks.flatMap(\.lines).compactMap { line in
            line.kind == .added ? "+" + line.text : line.kind == .removed ? "-" + line.text : nil
        }
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
