/// What `quill diff` was asked: revisions as `git diff` takes them, and the prompts to limit it to.
public struct DiffRequest: Sendable, Equatable {
    /// None (work tree vs HEAD), one (work tree vs it, or `A..B`, `A...B`), or two (A vs B).
    public var revisions: [String]
    /// Paths or folders to limit the diff to, as the user typed them (after `--`).
    public var paths: [String]
    /// Bootstrap resamples per metric (at least 2,000 by default).
    public var resamples: Int

    public init(revisions: [String] = [], paths: [String] = [], resamples: Int = PairedBootstrap.defaultResamples) {
        self.revisions = revisions
        self.paths = paths
        self.resamples = resamples
    }
}
