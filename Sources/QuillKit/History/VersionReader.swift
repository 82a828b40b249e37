import Foundation
import GitKit
import Synchronization

/// Reads each version's commit and evaluation records on a thread of its own, with a repository
/// of its own, while the history walk that finds the versions goes on. When the walk is over, the
/// calling thread helps: it reads versions from the last one backwards until it meets the reader.
/// The two share the store's loaded index shards.
final class VersionReader: Sendable {
    /// One version as read: the version, its scores without deltas (`ScoreTimeline.summaries(of:)`),
    /// and in layout 3 its prompt blob's score cache entry (`ScoreCache`).
    struct Read: Sendable {
        let version: PromptVersion
        let scores: [VersionScore]
        let cached: (blob: ObjectID, entry: ScoreCache.Entry)?
    }

    /// Which steps each thread has taken: the reader from the front, the caller from the back.
    private struct Claims {
        /// The first step the reader has not taken.
        var front = 0
        /// The last step the caller has not taken, plus one.
        var back = Int.max

        mutating func takeFromFront(_ index: Int) -> Bool {
            guard index < back else { return false }
            front = index + 1
            return true
        }

        mutating func takeFromBack(_ index: Int) -> Bool {
            guard index >= front else { return false }
            back = index
            return true
        }
    }

    private let storeTree: ObjectID?
    private let known: ScoreCache
    private let scoresTree: ObjectID?
    private let shards = ShardCache()
    private let steps = BatchChannel<RenameFollowingWalk.Step>()
    /// Every step added, in order (the caller reads from the back of it), and how many of them
    /// were sent to the reader: it is woken once per `batch` steps, not per step, since waking a
    /// thread costs more than reading one version.
    private let added = Mutex((all: [RenameFollowingWalk.Step](), sent: 0))
    private static let batch = 64
    private let claims = Mutex(Claims())
    /// What the reader read, one entry per step, `nil` for the steps the caller took.
    private let outcome = Mutex<Result<[Read?], any Error>>(.success([]))
    private let ended = DispatchSemaphore(value: 0)

    /// Starts the reader on the repository at `gitDirectory`; records are looked up in the store
    /// tree `storeTree`, none when it is `nil`, and scores taken from `known` where it holds them
    /// (`scoresTree`: the store tree's `scores/` folder, `nil` before layout 3).
    init(gitDirectory: String, storeTree: ObjectID?, known: ScoreCache = ScoreCache(), scoresTree: ObjectID? = nil) {
        self.storeTree = storeTree
        self.known = known
        self.scoresTree = scoresTree
        let thread = Thread { [self] in
            defer { ended.signal() }
            do {
                let reads = try readUntilClosed(gitDirectory)
                outcome.withLock { $0 = .success(reads) }
            } catch {
                outcome.withLock { $0 = .failure(error) }
            }
        }
        thread.start()
    }

    /// Reads the versions of walks that are over, on the calling thread through `repository`, with
    /// one look-up for all of them (no reader thread, no second repository: for many short histories
    /// those cost more than the reads).
    /// Walks of several prompts meet the same commits, each read once; score lines found in `lines`
    /// are not read again.
    static func read(
        _ walks: [[RenameFollowingWalk.Step]], through repository: Repository, storeTree: ObjectID?, lines: ScoreLineCache? = nil
    ) throws -> [[Read]] {
        var versions = try VersionLookup(
            repository: repository, storeTree: storeTree, shards: ShardCache(), known: ScoreCache(), scoresTree: nil, lines: lines)
        versions.commits = [:]
        return try walks.map { steps in try steps.map { try versions.read($0) } }
    }

    /// Queues `step` to be read.
    func add(_ step: RenameFollowingWalk.Step) {
        added.withLock { added in
            added.all.append(step)
            if added.all.count - added.sent == Self.batch { sendUnsent(&added) }
        }
    }

    /// Reads versions from the last step backwards through `repository` until it meets the reader,
    /// then waits for the reader and returns every step read, in the order they were added.
    /// Call it, or `stop`, once; after it the reader is stopped.
    func finish(helpingWith repository: Repository) throws -> [Read] {
        closeSteps()
        let helped: [Int: Read]
        do {
            helped = try readFromBack(repository)
        } catch {
            ended.wait()
            throw error
        }
        ended.wait()
        let reads = try outcome.withLock { $0 }.get()
        // Every step was taken by one thread or the other.
        return reads.enumerated().map { index, read in read ?? helped[index]! }
    }

    /// Stops the reader without waiting for what it read; for a walk that failed.
    func stop() {
        closeSteps()
        ended.wait()
    }

    private func closeSteps() {
        added.withLock { sendUnsent(&$0) }
        steps.close()
    }

    private func sendUnsent(_ added: inout (all: [RenameFollowingWalk.Step], sent: Int)) {
        steps.send(Array(added.all[added.sent...]))
        added.sent = added.all.count
    }

    /// The last steps, read until the reader has taken the step before.
    private func readFromBack(_ repository: Repository) throws -> [Int: Read] {
        let all = added.withLock { $0.all }
        var versions = try VersionLookup(repository: repository, storeTree: storeTree, shards: shards, known: known, scoresTree: scoresTree)
        var helped = [Int: Read]()
        var index = all.count - 1
        while index >= 0, claims.withLock({ $0.takeFromBack(index) }) {
            helped[index] = try versions.read(all[index])
            index -= 1
        }
        return helped
    }

    private func readUntilClosed(_ gitDirectory: String) throws -> [Read?] {
        var versions = try VersionLookup(
            repository: Repository.open(at: gitDirectory), storeTree: storeTree, shards: shards, known: known, scoresTree: scoresTree)
        var reads = [Read?]()
        while let batch = try steps.receive() {
            for step in batch {
                let isMine = claims.withLock { $0.takeFromFront(reads.count) }
                reads.append(isMine ? try versions.read(step) : nil)
            }
        }
        return reads
    }
}

/// Reads one step's version and records through one repository.
private struct VersionLookup {
    let repository: Repository
    var scores: ScoreLookup?
    let known: ScoreCache
    let scoresTree: ObjectID?
    /// When set, the versions read so far by commit, whose commit's fields later versions of the same
    /// commit copy instead of reading and formatting them again.
    var commits: [ObjectID: PromptVersion]?

    init(
        repository: Repository, storeTree: ObjectID?, shards: ShardCache, known: ScoreCache, scoresTree: ObjectID?, lines: ScoreLineCache? = nil
    ) throws {
        self.repository = repository
        self.known = known
        self.scoresTree = scoresTree
        scores = try storeTree.map { try ScoreLookup(store: EvalStore(repository: repository), tree: $0, shards: shards, lines: lines) }
    }

    mutating func read(_ step: RenameFollowingWalk.Step) throws -> VersionReader.Read {
        let version: PromptVersion
        if let known = commits?[step.commit] {
            version = PromptVersion(commitOf: known, path: step.path, previousPath: step.previousPath, blob: step.blob?.id, change: step.change)
        } else {
            version = PromptVersion(
                try repository.commitSummary(step.commit, object: step.object), path: step.path, previousPath: step.previousPath,
                blob: step.blob?.id, change: step.change)
            commits?[step.commit] = version
        }
        if let blob = step.blob?.id, let entry = try scores?.entry(forBlob: blob, known: known, scoresTree: scoresTree) {
            return VersionReader.Read(version: version, scores: entry.scores, cached: (blob, entry))
        }
        return VersionReader.Read(version: version, scores: ScoreTimeline.summaries(of: try scores?.records(forBlob: step.blob?.id) ?? [:]), cached: nil)
    }
}
