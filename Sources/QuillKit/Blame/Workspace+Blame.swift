import Foundation
import GitKit

extension Workspace {
    /// Every line of the prompt at `userPath` as committed at `revision`, with the commit that last
    /// changed it exactly as `git blame` names it (renames of the whole file followed), and for each
    /// such commit the score change its version brought.
    ///
    /// Complexity: O(c) path look-ups for the c commits visited (see `LineBlameWalk`), one line diff
    /// per version change, and, when the prompt has evaluations, one `log` walk for the score deltas.
    public func blame(prompt userPath: String, revision: String = "HEAD") throws -> BlameReport {
        let path = try repositoryPath(forUserPath: userPath)
        let start = revision == "HEAD" ? try requireHead() : try resolveUserCommit(revision)
        let walk = LineBlameWalk(repository: repository)
        guard let (data, sources, unreadable) = try walk.blame(path: path, at: start) else {
            throw QuillError.badInput("'\(path)' is not a file at '\(revision)'; expected a prompt committed there (see 'quill log \(path)')")
        }
        warnIfShallow(sources.map(\.commit))
        warnIfRenamesIncomplete(also: unreadable)
        let texts = BlameText.lines(of: data)
        let lines = sources.enumerated().map { index, source in
            BlameLine(line: index + 1, text: texts[index], commit: source.commit.hex, originalLine: source.line, originalPath: source.path)
        }
        let scores = try blameScores(path: path, start: start, blobs: Set(sources.map(\.blob)))
        var counts = [ObjectID: Int]()
        var firstSource = [ObjectID: LineSource]()
        for source in sources {
            counts[source.commit, default: 0] += 1
            if firstSource[source.commit] == nil { firstSource[source.commit] = source }
        }
        var commits = [BlamedCommit]()
        for (id, source) in firstSource {
            let commit = try repository.commit(id)
            var version = PromptVersion(commit.summary, path: source.path, previousPath: source.previousPath, blob: source.blob, change: source.change)
            version.scores = scores[id] ?? []
            commits.append(BlamedCommit(version: version, isBoundary: commit.parentIDs.isEmpty, lines: counts[id] ?? 0))
        }
        commits.sort { ($0.version.date, $0.version.commitID) > ($1.version.date, $1.version.commitID) }
        let recorded = Set(commits.flatMap { $0.version.scores.flatMap(\.metrics.keys) })
        let configured = config.metrics.map(\.name).filter(recorded.contains)
        return BlameReport(prompt: path, commit: start.hex, lines: lines, commits: commits, metrics: configured.isEmpty ? recorded.sorted() : configured)
    }

    /// The scores of each version in the prompt's log, by commit, when any of `blobs` was evaluated.
    private func blameScores(path: String, start: ObjectID, blobs: Set<ObjectID>) throws -> [ObjectID: [VersionScore]] {
        let store = EvalStore(repository: repository)
        guard let tree = try store.tipTree(), try blobs.contains(where: { try !store.recordIDs(forPromptBlob: $0, in: tree).isEmpty }) else {
            return [:]
        }
        let steps = try RenameFollowingWalk(repository: repository).steps(from: start, path: path)
        let scores = try ScoreTimeline(store: store, tree: tree).scores(forBlobs: steps.map { $0.blob?.id })
        return Dictionary(zip(steps.map(\.commit), scores), uniquingKeysWith: { first, _ in first })
    }
}
