import GitKit

extension Workspace {
    /// Checks `request` and builds a new session: the metric's direction, the prompt and suite, both
    /// endpoints with their values (running the command on an endpoint without records), the threshold
    /// and the candidates. Nothing is written but eval records of endpoint runs.
    func startBisect(_ request: BisectRequest) throws -> BisectSession {
        guard let spec = config.metrics.first(where: { $0.name == request.metric }) else {
            let known = config.metrics.map { "'\($0.name)'" }.joined(separator: ", ")
            throw QuillError.badInput("unknown metric '\(request.metric)'; expected one declared in quill.yaml\(known.isEmpty ? "" : " (\(known))")")
        }
        let badRevision = request.bad ?? "HEAD"
        let bad = badRevision == "HEAD" ? try requireHead() : try resolveUserCommit(badRevision)
        let good = try request.good.map(resolveUserCommit)
        let reader = MetricReader(store: EvalStore(repository: repository), metric: request.metric)
        let recordsAtBad = try reader.records(at: bad)
        let prompt = try bisectPrompt(request, records: recordsAtBad, badRevision: badRevision)
        guard try repository.treeEntry(atPath: prompt, inCommit: bad) != nil else {
            throw QuillError.badInput("prompt '\(prompt)' does not exist at '\(badRevision)'; expected a prompt committed there")
        }
        let suites = Set(recordsAtBad.filter { $0.prompt == prompt }.map(\.suite))
        guard request.suite != nil || suites.count <= 1 else {
            throw QuillError.badInput("'\(badRevision)' has '\(request.metric)' records in suites \(suites.sorted().map { "'\($0)'" }.joined(separator: ", ")); pass --suite")
        }
        let suite = request.suite ?? suites.first ?? "default"
        let walk = CandidateWalk(repository: repository)
        var found: CandidateWalk.Found?
        if let good {
            guard good != bad else { throw QuillError.badInput("good and bad are the same commit '\(bad.abbreviated())'; expected an older good commit") }
            found = try walk.walk(from: bad, path: prompt, until: { commit, _ in commit == good })
            guard found != nil else {
                throw QuillError.badInput("good '\(request.good!)' is not on the first-parent history of bad '\(badRevision)'; expected a first-parent ancestor\(try shallowNote(firstParentsOf: bad))")
            }
        }
        let badValue = try endpointValue(bad, path: prompt, request: request, suite: suite, reader: reader, role: "bad")
        let isBetter = { (value: Double) in spec.direction == .higher ? value > badValue : value < badValue }
        if found == nil {
            found = try walk.walk(from: bad, path: prompt, until: { commit, path in
                try reader.value(at: commit, prompt: path, suite: suite).map(isBetter) ?? false
            })
        }
        guard let found else {
            throw QuillError.badInput("no evaluated first-parent ancestor of '\(badRevision)' scores better on '\(request.metric)' in suite '\(suite)'; pass --good REV\(try shallowNote(firstParentsOf: bad))")
        }
        let goodValue = try endpointValue(found.end, path: found.endPath, request: request, suite: suite, reader: reader, role: "good")
        guard isBetter(goodValue) else {
            throw QuillError.badInput("good '\(request.good ?? found.end.abbreviated())' (\(request.metric) \(ScoreFormat.short(goodValue))) is not better than bad '\(badRevision)' (\(ScoreFormat.short(badValue))); '\(request.metric)' is \(spec.direction.rawValue)-is-better in quill.yaml")
        }
        let threshold = request.threshold ?? (goodValue + badValue) / 2
        let setup = try BisectSetup(
            metric: request.metric, direction: spec.direction, suite: suite, prompt: prompt, command: request.command,
            threshold: threshold, skipFailures: request.skipFailures,
            good: endpoint(found.end, path: found.endPath, value: goodValue),
            bad: endpoint(bad, path: prompt, value: badValue))
        guard setup.isBad(badValue), !setup.isBad(goodValue) else {
            throw QuillError.badInput("threshold \(ScoreFormat.short(threshold)) does not separate good (\(ScoreFormat.short(goodValue))) from bad (\(ScoreFormat.short(badValue))); expected a value between them")
        }
        return BisectSession(
            setup: setup, candidates: found.candidates.filter { $0.commit != bad.hex }.reversed(),
            badChangedPrompt: found.candidates.first?.commit == bad.hex)
    }

    /// The prompt the user named, else the only prompt with records of the metric at the bad commit.
    private func bisectPrompt(_ request: BisectRequest, records: [EvalRecord], badRevision: String) throws -> String {
        if let prompt = request.prompt { return try repositoryPath(forUserPath: prompt) }
        let prompts = Set(records.filter { request.suite == nil || $0.suite == request.suite }.map(\.prompt))
        guard prompts.count == 1, let prompt = prompts.first else {
            throw QuillError.badInput(prompts.isEmpty
                ? "no '\(request.metric)' records at '\(badRevision)' name a prompt; pass --prompt PROMPT"
                : "'\(badRevision)' has '\(request.metric)' records for several prompts; pass --prompt PROMPT")
        }
        return prompt
    }

    /// The metric's value at an endpoint: its records, else one run of the command.
    private func endpointValue(
        _ commit: ObjectID, path: String, request: BisectRequest, suite: String, reader: MetricReader, role: String
    ) throws -> Double {
        if let value = try reader.value(at: commit, prompt: path, suite: suite) { return value }
        let outcome = try evaluate(commit: commit, path: path, command: request.command, metric: request.metric, suite: suite) { _ in }
        switch outcome {
        case .value(let value):
            return value
        case .interrupted(let signal):
            throw BisectInterruption(signal: signal, commit: commit.hex)
        case .skipped:
            throw QuillError(.checkFailed, "'\(request.command)' skipped the \(role) commit '\(commit.abbreviated())' (exit status 125); a bisect needs both ends evaluated")
        case .failed(_, let reason):
            throw QuillError(.checkFailed, "'\(request.command)' \(reason) on the \(role) commit '\(commit.abbreviated())'; fix it and start again")
        }
    }

    private func endpoint(_ commit: ObjectID, path: String, value: Double) throws -> BisectEndpoint {
        BisectEndpoint(commit: commit.hex, subject: try repository.commit(commit).subject, path: path, value: value)
    }
}
