@testable import GitKit

/// A commit-graph file read by `CommitGraph`: every commit's entry, and each id found again.
enum CommitGraphTarget {
    static let target = FuzzTarget(name: "commit-graph", summary: "objects/info/commit-graph through CommitGraph") { bytes in
        ScratchGitFolder.write(bytes, to: "objects/info/commit-graph")
        guard let graph = CommitGraph(gitDirectory: ScratchGitFolder.path) else { return }
        for position in 0..<min(graph.count, 256) {
            guard let entry = graph.entry(at: position) else { continue }
            for parent in entry.parentPositions { _ = graph.entry(at: parent) }
            let found = graph.position(of: entry.node.id)
            Invariant.require(found.flatMap(graph.entry(at:))?.node.id ?? entry.node.id == entry.node.id, "position(of:) found another commit")
        }
    }
}
