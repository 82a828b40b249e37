import Foundation
import GitKit

extension Workspace {
    /// Finds the first commit between `good` and `bad` (first-parent history) that made `metric` of
    /// the prompt at `userPath` go bad, by binary search over the commits that changed the prompt or
    /// its model settings. Each step uses the candidate's stored records of `metric`, or else writes
    /// the candidate's files to a temporary folder, runs `command` there (`CandidateCheckout`) and
    /// records the results file it writes, in any format `eval record` reads; a run that fails is
    /// skipped. A value closer to the bad endpoint's than to the good one's is bad. The user's work
    /// tree, index and HEAD are never touched. Without `good`, the last regression `regressions`
    /// finds gives both endpoints. The session is kept in the git folder until `resetBisect`, so an
    /// interrupted bisection resumes where it stopped (finished runs are in the eval store).
    ///
    /// Complexity: at most ⌈log₂(n + 1)⌉ runs for n candidates, plus one per skipped run.
    public func bisect(prompt userPath: String, metric: String, command: String, good: String?, bad: String?) throws -> BisectReport {
        let path = try repositoryPath(forUserPath: userPath)
        var session = try startSession(path: path, metric: metric, good: good, bad: bad)
        let goodCommit = try resolveUserCommit(session.good)
        let badCommit = try resolveUserCommit(session.bad)
        // First-parent history from bad down to good inclusive, with the prompt's path in each commit.
        let chain = try firstParentChain(from: badCommit, path: path, stop: repository.parentIDs(ofCommit: goodCommit).first)
        guard let goodLink = chain.last, goodLink.commit == goodCommit, chain.count > 1 else {
            throw QuillError.badInput("'\(session.good)' is not an older first-parent ancestor of '\(session.bad)' with '\(path)'; expected the last good commit")
        }
        let goodValue = try requireValue(metric, at: goodCommit, path: goodLink.path, spec: session.good)
        let badValue = try requireValue(metric, at: badCommit, path: path, spec: session.bad)
        let links = Array(chain.reversed())
        var candidates = [(commit: ObjectID, path: String)]()
        for index in links.indices.dropFirst() where try candidate(links[index], parentPath: links[index - 1].path, records: nil) != nil {
            candidates.append(links[index])
        }

        var steps = [BisectStep]()
        var low = 0
        var high = candidates.count
        while low < high {
            let open = (low..<high).filter { !session.skipped.contains(candidates[$0].commit.hex) }
            guard !open.isEmpty else { break }
            let middle = open.min { abs($0 - (low + high) / 2) < abs($1 - (low + high) / 2) }!
            let (commit, candidatePath) = candidates[middle]
            var value = try metricValue(metric, at: commit, path: candidatePath)
            let ran = value == nil
            if value == nil {
                let checkout = try CandidateCheckout(repository: repository, commit: commit)
                defer { checkout.remove() }
                let status = try checkout.run(command, prompt: candidatePath, commit: commit)
                if status == 0, FileManager.default.fileExists(atPath: checkout.output) {
                    _ = try recordEvaluations(RecordRequest(files: [checkout.output], prompt: candidatePath, commit: commit.hex))
                    value = try metricValue(metric, at: commit, path: candidatePath)
                }
            }
            guard let value else {
                session.skipped.append(commit.hex)
                try session.save(gitDirectory: repository.gitDirectoryPath)
                steps.append(BisectStep(commit: commit.hex, value: nil, verdict: .skipped, ranCommand: ran))
                continue
            }
            let isBad = abs(value - badValue) < abs(value - goodValue)
            steps.append(BisectStep(commit: commit.hex, value: value, verdict: isBad ? .bad : .good, ranCommand: ran))
            if isBad { high = middle } else { low = middle + 1 }
        }
        return BisectReport(
            prompt: path, metric: metric, good: goodCommit.hex, bad: badCommit.hex, goodValue: goodValue, badValue: badValue,
            candidates: candidates.map(\.commit.hex), steps: steps, culprit: low == high && low < candidates.count ? candidates[low].commit.hex : nil)
    }

    /// Ends the bisection in progress; `false` when there was none.
    public func resetBisect() throws -> Bool {
        try BisectSession.remove(gitDirectory: repository.gitDirectoryPath)
    }

    /// The session in progress for this prompt and metric, or a new one (saved).
    private func startSession(path: String, metric: String, good: String?, bad: String?) throws -> BisectSession {
        if let session = try BisectSession.load(gitDirectory: repository.gitDirectoryPath) {
            guard session.prompt == path, session.metric == metric, good.map({ $0 == session.good }) ?? true, bad.map({ $0 == session.bad }) ?? true else {
                throw QuillError.badInput("a bisection of '\(session.metric)' for '\(session.prompt)' is in progress; run 'quill bisect reset' first")
            }
            return session
        }
        var endpoints = (good: good, bad: bad ?? "HEAD")
        if good == nil {
            guard let last = try regressions(prompt: path, metric: metric, revision: endpoints.bad).regressions.last else {
                throw QuillError.badInput("no regression of '\(metric)' found for '\(path)'; give the endpoints with --good REV (and --bad REV)")
            }
            endpoints = (last.lastGood, last.firstBad)
        }
        let session = BisectSession(prompt: path, metric: metric, good: endpoints.good!, bad: endpoints.bad)
        try session.save(gitDirectory: repository.gitDirectoryPath)
        return session
    }

    /// The mean of `metric` over the records of `commit` for `path`, if any.
    private func metricValue(_ metric: String, at commit: ObjectID, path: String) throws -> Double? {
        let store = EvalStore(repository: repository)
        guard let tree = try store.tipTree() else { return nil }
        let values = try store.recordIDs(forCommit: commit, in: tree).map(store.record)
            .filter { $0.prompt == path }.compactMap { $0.metrics[metric] }
        return values.isEmpty ? nil : values.reduce(0, +) / Double(values.count)
    }

    private func requireValue(_ metric: String, at commit: ObjectID, path: String, spec: String) throws -> Double {
        guard let value = try metricValue(metric, at: commit, path: path) else {
            throw QuillError.badInput("no evaluation of '\(metric)' recorded for '\(path)' at '\(spec)'; run 'quill eval record' for it first")
        }
        return value
    }
}
