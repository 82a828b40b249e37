/// A bisect session as stored in the repository between invocations (docs/storage.md, "Bisect session").
public struct BisectSession: Codable, Sendable, Equatable {
    /// The state file's schema version.
    public static let schemaVersion = 1

    public var quill = BisectSession.schemaVersion
    public let setup: BisectSetup
    /// The commits strictly between good and bad on bad's first-parent path that changed the prompt, oldest first.
    public let candidates: [BisectCandidate]
    /// Whether the bad commit itself changed the prompt (then it is the last possible culprit).
    public let badChangedPrompt: Bool
    /// What each step learned, in order.
    public var steps: [BisectStep] = []
    /// The temporary folder of a run in progress, removed by the next invocation if the run never finished.
    public var checkout: String?

    /// The search over the candidates with every step taken so far.
    var search: BisectSearch {
        let index = Dictionary(candidates.enumerated().map { ($0.element.commit, $0.offset) }) { first, _ in first }
        var verdicts = [BisectStep.Verdict?](repeating: nil, count: candidates.count)
        for step in steps {
            if let position = index[step.commit] { verdicts[position] = step.verdict }
        }
        return BisectSearch(verdicts: verdicts)
    }

    /// Runs of the command for candidates, as counted against the bound.
    public var runs: Int { steps.filter { $0.source == .run }.count }

    /// The most runs a session without skips needs: ceil(log2 n) + 1 for n candidates.
    public var runBound: Int {
        let count = candidates.count + (badChangedPrompt ? 1 : 0)
        guard count > 0 else { return 0 }
        var bound = 0
        while (1 << bound) < count { bound += 1 }
        return bound + 1
    }
}
