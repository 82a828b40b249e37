import GitKit

extension Workspace {
    /// Settles the newest ambiguous regression of `metric` by evaluating its candidates: runs `command` (as
    /// `quill bisect` runs it, in an export of the commit) on the commit the attribution says to evaluate
    /// next, records the result, attributes again, and repeats until a culprit is named. Every kind of
    /// candidate is eligible (prompt, model, data, dataset, suite changes), branch commits of merges too.
    ///
    /// Complexity: at most ceil(log2 n) runs for n candidates, each followed by one `regressions` call.
    public func bisectRegression(
        prompt userPath: String, metric: String, command: String, revision: String = "HEAD", since: String? = nil, suite: String? = nil
    ) throws -> RegressionBisectReport {
        var report = try regressions(prompt: userPath, metric: metric, revision: revision, since: since, suite: suite)
        guard let first = report.regressions.last(where: \.ambiguous) else {
            return RegressionBisectReport(regression: nil, candidates: 0, runBound: 0, steps: [], report: report)
        }
        let path = try repositoryPath(forUserPath: userPath)
        let start = revision == "HEAD" ? try requireHead() : try resolveUserCommit(revision)
        let chain = try firstParentChain(from: start, path: path, stop: try since.map(resolveUserCommit))
        let paths = Dictionary(chain.map { ($0.commit.hex, $0.path) }, uniquingKeysWith: { first, _ in first })
        let reader = MetricReader(store: EvalStore(repository: repository), metric: metric)
        let recordedSuite = try suite ?? reader.records(at: try resolveUserCommit(first.firstBad)).first { $0.prompt == paths[first.firstBad] }?.suite ?? "default"
        var bound = 0
        while (1 << bound) < first.candidates.count { bound += 1 }
        var steps = [RegressionBisectReport.Step]()
        var current = first
        while steps.count < bound, current.ambiguous, let next = current.evaluateNext, !steps.contains(where: { $0.commit == next }) {
            // A branch commit has the prompt where the merge that brought it has it.
            let merge = current.candidates.first { $0.commit == next }?.merge
            guard let commitPath = paths[next] ?? merge.flatMap({ paths[$0] }), let commit = ObjectID(hex: next) else { break }
            let outcome = try evaluate(commit: commit, path: commitPath, command: command, metric: metric, suite: recordedSuite) { _ in }
            switch outcome {
            case .value(let value): steps.append(.init(commit: next, value: value, exitStatus: 0))
            case .skipped: steps.append(.init(commit: next, value: nil, exitStatus: Workspace.skipStatus))
            case .failed(_, let reason):
                throw QuillError(.checkFailed, "'\(command)' \(reason) at '\(next.prefix(7))'; the runs before it are recorded: fix the command and run again")
            case .interrupted(let signal):
                throw BisectInterruption(signal: signal, commit: next)
            }
            report = try regressions(prompt: userPath, metric: metric, revision: revision, since: since, suite: suite)
            guard let again = report.regressions.min(by: { distance($0, first) < distance($1, first) }) else { break }
            current = again
        }
        return RegressionBisectReport(regression: first.firstBad, candidates: first.candidates.count, runBound: bound, steps: steps, report: report)
    }

    /// How far apart two regressions are: 0 when they share a candidate, else 1.
    private func distance(_ one: MetricRegression, _ other: MetricRegression) -> Int {
        Set(one.candidates.map(\.commit)).isDisjoint(with: other.candidates.map(\.commit)) ? 1 : 0
    }
}
