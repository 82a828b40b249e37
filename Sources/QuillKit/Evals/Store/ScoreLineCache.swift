import GitKit
import Synchronization

/// The score lines of prompt versions read from one store tree, kept for the next reader of the same
/// versions: `quill review` reads each changed prompt's two versions for the diff, then again for
/// the history of its charts.
final class ScoreLineCache: Sendable {
    /// The store tree the lines come from: a reader of another tree neither uses nor fills the cache.
    let tree: ObjectID
    private let lines = Mutex([ObjectID: [ScoreLine]]())

    init(tree: ObjectID) {
        self.tree = tree
    }

    /// The lines of the prompt version `blob`, read with `read` the first time.
    func lines(forPromptBlob blob: ObjectID, read: () throws -> [ScoreLine]) rethrows -> [ScoreLine] {
        if let known = lines.withLock({ $0[blob] }) { return known }
        let found = try read()
        lines.withLock { $0[blob] = found }
        return found
    }
}
