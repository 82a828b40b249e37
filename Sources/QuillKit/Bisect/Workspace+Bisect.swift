import Foundation
import GitKit

extension Workspace {
    /// Where this work tree's bisect session is kept.
    private var bisectStateFile: BisectStateFile { BisectStateFile(gitDirectory: repository.gitDirectoryPath) }

    /// Runs `body` on the session file while holding the session's lock (`BisectLock`); when no session is
    /// left afterwards (a bad start, a reset), the lock file goes too.
    private func withLockedSession<Result>(_ body: (BisectStateFile) throws -> Result) throws -> Result {
        let file = bisectStateFile
        let lock = try file.lock()
        defer { if !FileManager.default.fileExists(atPath: file.path) { lock.removeFile() } }
        return try body(file)
    }

    /// Starts a bisect session with `request`, or resumes the one in progress (`request` nil or the same
    /// metric, command, prompt and suite), and evaluates candidates until the first bad commit is known.
    ///
    /// Candidates with records are read, not run. Each run exports the candidate's tree into a temporary
    /// folder; the work tree, index and HEAD are never touched. The session is saved after every step, so
    /// an interrupted session resumes where it stopped. One command at a time works on a session
    /// (`BisectLock`): another, started meanwhile, fails at once.
    /// Complexity: at most ceil(log2 n) + 1 runs for n candidates when none is skipped.
    public func bisect(_ request: BisectRequest?) throws -> BisectReport {
        try withLockedSession { file in
            var session: BisectSession
            if let stored = try file.load() {
                if let request, try !isSameBisect(request, as: stored) {
                    throw QuillError.badInput("a bisect session on '\(stored.setup.metric)' with a different setup is in progress; resume it with 'quill bisect', or end it with 'quill bisect reset'")
                }
                session = stored
                try discardCheckout(of: &session, in: file)
            } else {
                guard let request else {
                    throw QuillError.badInput("no bisect session in progress; start one with 'quill bisect --metric M --run CMD'")
                }
                session = try startBisect(request)
                try file.save(session)
            }
            let reader = MetricReader(store: EvalStore(repository: repository), metric: session.setup.metric)
            while true {
                let search = session.search
                var recorded = [Int: Double]()
                for index in search.open {
                    let candidate = session.candidates[index]
                    if let value = try reader.value(at: try commitID(candidate.commit), prompt: candidate.path, suite: session.setup.suite) {
                        recorded[index] = value
                    }
                }
                guard let index = search.next(free: Set(recorded.keys)) else { break }
                let step = try decide(session.candidates[index], recorded: recorded[index], session: &session, file: file)
                session.steps.append(step)
                try file.save(session)
            }
            return BisectReport(session)
        }
    }

    /// Marks a candidate as impossible to evaluate: `revision`, or the one the session would evaluate next.
    public func bisectSkip(_ revision: String?) throws -> BisectReport {
        try withLockedSession { file in
            guard var session = try file.load() else {
                throw QuillError.badInput("no bisect session in progress; start one with 'quill bisect --metric M --run CMD'")
            }
            let commit: String
            if let revision {
                commit = try resolveUserCommit(revision).hex
                guard session.candidates.contains(where: { $0.commit == commit }) else {
                    throw QuillError.badInput("'\(revision)' is not a candidate of this bisect; expected a commit from 'quill bisect status'")
                }
            } else {
                guard let next = session.search.next() else {
                    throw QuillError.badInput("nothing to skip: the bisect session is finished; see 'quill bisect status'")
                }
                commit = session.candidates[next].commit
            }
            try discardCheckout(of: &session, in: file)
            session.steps.append(BisectStep(commit: commit, verdict: .skipped, source: .skip, value: nil, exitStatus: nil))
            try file.save(session)
            return BisectReport(session)
        }
    }

    /// The session in progress, as it stands.
    public func bisectStatus() throws -> BisectReport {
        guard let session = try bisectStateFile.load() else {
            throw QuillError(.checkFailed, "no bisect session in progress")
        }
        return BisectReport(session)
    }

    /// Ends the session: removes its state and the temporary folder of an unfinished run.
    public func bisectReset() throws -> BisectResetReport {
        try withLockedSession { file in
            let checkout = (try? file.load())?.flatMap(\.checkout)
            if let checkout { try removeCheckout(checkout) }
            return BisectResetReport(hadSession: try file.remove(), removedCheckout: checkout)
        }
    }

    /// Evaluates one candidate: its records, else a run of the command.
    private func decide(_ candidate: BisectCandidate, recorded: Double?, session: inout BisectSession, file: BisectStateFile) throws -> BisectStep {
        if let recorded {
            return BisectStep(commit: candidate.commit, verdict: session.setup.isBad(recorded) ? .bad : .good, source: .record, value: recorded, exitStatus: nil)
        }
        guard candidate.hasPrompt else {
            return BisectStep(commit: candidate.commit, verdict: .skipped, source: .absent, value: nil, exitStatus: nil)
        }
        var tracked = session
        let outcome = try evaluate(
            commit: try commitID(candidate.commit), path: candidate.path, command: session.setup.command, metric: session.setup.metric,
            suite: session.setup.suite
        ) { folder in
            tracked.checkout = folder
            try file.save(tracked)
        }
        session.checkout = nil
        switch outcome {
        case .value(let value):
            return BisectStep(commit: candidate.commit, verdict: session.setup.isBad(value) ? .bad : .good, source: .run, value: value, exitStatus: 0)
        case .skipped:
            return BisectStep(commit: candidate.commit, verdict: .skipped, source: .run, value: nil, exitStatus: Workspace.skipStatus)
        case .failed(let status, _) where session.setup.skipFailures:
            return BisectStep(commit: candidate.commit, verdict: .skipped, source: .run, value: nil, exitStatus: status)
        case .failed(_, let reason):
            throw QuillError(.checkFailed, "'\(session.setup.command)' \(reason) at '\(candidate.commit.prefix(7))' (\(candidate.subject)); fix it and run 'quill bisect' to retry, or 'quill bisect skip' to skip this commit")
        case .interrupted(let signal):
            throw BisectInterruption(signal: signal, commit: candidate.commit)
        }
    }

    /// Whether `request` describes the session in progress (so running the same command again resumes it).
    private func isSameBisect(_ request: BisectRequest, as session: BisectSession) throws -> Bool {
        guard request.metric == session.setup.metric, request.command == session.setup.command else { return false }
        if let suite = request.suite, suite != session.setup.suite { return false }
        if let prompt = request.prompt, try repositoryPath(forUserPath: prompt) != session.setup.prompt { return false }
        if let good = request.good, try resolveUserCommit(good).hex != session.setup.good.commit { return false }
        if let bad = request.bad, try resolveUserCommit(bad).hex != session.setup.bad.commit { return false }
        return true
    }

    /// Removes the folder of a run that never finished (Quill was killed) and forgets it.
    private func discardCheckout(of session: inout BisectSession, in file: BisectStateFile) throws {
        guard let checkout = session.checkout else { return }
        try removeCheckout(checkout)
        session.checkout = nil
        try file.save(session)
    }

    /// Removes a run's temporary folder; only folders Quill names `quill-bisect-…` are ever removed.
    private func removeCheckout(_ folder: String) throws {
        guard (folder as NSString).lastPathComponent.hasPrefix("quill-bisect-"), FileManager.default.fileExists(atPath: folder) else { return }
        do {
            try FileManager.default.removeItem(atPath: folder)
        } catch {
            throw QuillError(.repository, "cannot remove the bisect checkout '\(folder)': \(error.localizedDescription)")
        }
    }

    private func commitID(_ hex: String) throws -> ObjectID {
        guard let id = ObjectID(hex: hex) else { throw QuillError(.repository, "the bisect session names an invalid commit '\(hex)'; run 'quill bisect reset'") }
        return id
    }
}
