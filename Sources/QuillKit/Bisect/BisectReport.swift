/// Where a bisect session stands, as `quill bisect` and `quill bisect status` print it.
public struct BisectReport: Codable, Sendable, Equatable {
    /// How far the session got.
    public enum Status: String, Codable, Sendable {
        /// Candidates remain to be evaluated; `next` names the next one.
        case inProgress = "in-progress"
        /// `firstBad` is the first bad commit.
        case found
        /// Skipped candidates leave several possible first bad commits (`possible`).
        case ambiguous
        /// Every candidate is good: no change to the prompt between good and bad made the metric worse.
        case noPromptChange = "no-prompt-change"
    }

    /// One evaluated (or skipped) candidate.
    public struct Step: Codable, Sendable, Equatable {
        public let commit: String
        public let subject: String
        public let path: String
        public let verdict: BisectStep.Verdict
        public let source: BisectStep.Source
        public let value: Double?
        public let exitStatus: Int32?
    }

    public let status: Status
    /// The metric, prompt, suite, command, endpoints and threshold.
    public let setup: BisectSetup
    /// How many commits changed the prompt between good (excluded) and bad (included).
    public let candidates: Int
    /// Runs of the command for candidates so far, and the most a session without skips needs.
    public let runs: Int
    public let runBound: Int
    /// The steps taken, in order.
    public let steps: [Step]
    /// The first bad commit, when found.
    public let firstBad: BisectReport.Culprit?
    /// The commits that may be the first bad one, when skips leave more than one.
    public let possible: [String]
    /// The candidate to be evaluated next, while in progress.
    public let next: String?

    /// The first bad commit and what it scored.
    public struct Culprit: Codable, Sendable, Equatable {
        public let commit: String
        public let subject: String
        public let path: String
        /// Its value, when it was evaluated (the bad commit's value when it is the bad commit).
        public let value: Double?
        /// The value of the last good commit before it (a candidate's or the good commit's).
        public let previousValue: Double?
    }
}

extension BisectReport {
    /// The report of `session` as it stands.
    init(_ session: BisectSession) {
        let search = session.search
        let byCommit = Dictionary(session.candidates.map { ($0.commit, $0) }) { first, _ in first }
        let steps = session.steps.map { step in
            let candidate = byCommit[step.commit]
            return Step(
                commit: step.commit, subject: candidate?.subject ?? "", path: candidate?.path ?? session.setup.prompt,
                verdict: step.verdict, source: step.source, value: step.value, exitStatus: step.exitStatus)
        }
        let values = Dictionary(session.steps.compactMap { step in step.value.map { (step.commit, $0) } }) { _, last in last }
        let count = session.candidates.count
        var status = Status.inProgress
        var culprit: Culprit?
        var possible = [String]()
        var next: String?
        if let index = search.next() {
            next = session.candidates[index].commit
        } else {
            let positions = search.possibleFirstBad
            possible = positions.compactMap { position in
                position < count ? session.candidates[position].commit : (session.badChangedPrompt ? session.setup.bad.commit : nil)
            }
            if positions == [count], !session.badChangedPrompt {
                status = .noPromptChange
            } else if positions.count == 1, let position = positions.first {
                status = .found
                let lastGood = search.lastKnownGood
                let previous = lastGood < 0 ? session.setup.good.value : values[session.candidates[lastGood].commit]
                if position < count {
                    let candidate = session.candidates[position]
                    culprit = Culprit(commit: candidate.commit, subject: candidate.subject, path: candidate.path, value: values[candidate.commit], previousValue: previous)
                } else {
                    culprit = Culprit(commit: session.setup.bad.commit, subject: session.setup.bad.subject, path: session.setup.bad.path, value: session.setup.bad.value, previousValue: previous)
                }
            } else {
                status = .ambiguous
            }
        }
        self.init(
            status: status, setup: session.setup,
            candidates: count + (session.badChangedPrompt ? 1 : 0), runs: session.runs, runBound: session.runBound,
            steps: steps, firstBad: culprit, possible: status == .ambiguous ? possible : [], next: next)
    }
}
