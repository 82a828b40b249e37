/// What `quill review` was asked: the target branch, the pull request's head, and how strict to be.
public struct ReviewRequest: Sendable, Equatable {
    /// The branch the pull request merges into; nil for the remote's default branch (`origin/HEAD`).
    public var base: String?
    /// The pull request's head (default `HEAD`).
    public var head: String
    /// Whether a changed prompt without scores on both sides fails the gate.
    public var requireScores: Bool
    /// Bootstrap resamples per metric.
    public var resamples: Int
    /// How many of a prompt's newest versions its history charts show.
    public var historyLimit: Int
    /// Whether what a CI checkout lacks (the base branch, history down to the merge base, eval records)
    /// is fetched from the remote; when false, review names the fetch to run instead.
    public var fetch: Bool
    /// Whether each prompt's whole-file diff and its history of scores are read (the HTML and JSON
    /// reports show them: the side-by-side view and the charts). Without them `fileDiff` is nil and
    /// `history` empty, and review saves a history walk and a line diff per prompt.
    public var detailed: Bool

    /// The most commits review deepens a shallow clone's history by while looking for the merge base.
    public static let fetchDepthLimit = 2048

    public init(
        base: String? = nil, head: String = "HEAD", requireScores: Bool = false,
        resamples: Int = PairedBootstrap.defaultResamples, historyLimit: Int = 50,
        fetch: Bool = true, detailed: Bool = true
    ) {
        self.base = base
        self.head = head
        self.requireScores = requireScores
        self.resamples = resamples
        self.historyLimit = historyLimit
        self.fetch = fetch
        self.detailed = detailed
    }
}
