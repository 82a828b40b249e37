/// How a test repository's commit-graph is laid out, so that tests of history run on every shape
/// git leaves: none, one file (`git gc`), or a split chain of two layers with the newest commits
/// outside the graph (`git fetch` with `fetch.writeCommitGraph`, then more commits).
public enum CommitGraphLayout: CaseIterable, Sendable, CustomStringConvertible {
    case none, single, split

    /// The layout for the `index`-th seed of a test: each in turn.
    public static func forSeed(_ index: Int) -> CommitGraphLayout { allCases[index % allCases.count] }

    public var description: String {
        switch self {
        case .none: "no commit-graph"
        case .single: "one commit-graph file"
        case .split: "a split commit-graph chain"
        }
    }
}

extension TestRepository {
    /// Writes the commit-graph of `layout` for the history reachable from every ref: for `split`, a
    /// first layer up to `HEAD~10`, a second up to `HEAD~3`, and `HEAD`'s last three first-parent
    /// commits left outside the graph.
    public func writeCommitGraph(_ layout: CommitGraphLayout) throws {
        switch layout {
        case .none:
            return
        case .single:
            try git("commit-graph", "write", "--reachable")
        case .split:
            try git(["commit-graph", "write", "--stdin-commits", "--split"], input: try git("rev-parse", "HEAD~10") + "\n")
            try git(["commit-graph", "write", "--stdin-commits", "--split=no-merge"], input: try git("rev-parse", "HEAD~3") + "\n")
        }
    }
}
