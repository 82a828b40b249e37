import Foundation
import GitKit

/// Git's line blame (`blame.c` without `-M`, `-C` or `-w`), over the whole commit graph.
///
/// Every line starts as a suspect of the blamed commit. Commits are taken newest first by commit
/// date; each one hands its suspects to its parents in order. A parent whose file at the same path
/// (or, failing that, at the path a whole-file rename came from, 50% similarity as `git diff -M`)
/// is byte-identical takes every suspect; otherwise the file is diffed against the parent's (Myers
/// with the indent heuristic, as git does) and the lines outside the changed ranges pass to it. What
/// no parent takes is the commit's own. Merges hand blame to every parent, first parent first.
///
/// The search for each origin's parent files runs ahead on another thread (`HandoffPlanner`), which
/// hands the versions to diff to a third (`BlobPrefetcher`); this thread diffs and moves the lines.
///
/// Complexity: O(c) path look-ups for the c commits blame reaches (all ancestors that still hold a
/// suspect, often the whole history), plus one blob read and one line diff per version change.
struct LineBlameWalk {
    let repository: Repository

    /// One suspect line: its number in the final file and in the suspect origin's blob (both 0-based).
    private struct Suspect {
        let final: Int
        let line: Int
    }

    /// The suspects an origin holds.
    private struct Suspects {
        var lines = [Suspect]()
        var isSorted = true
    }

    /// The source of every line of `path` at commit `start`, the file's bytes there, and the blobs
    /// the rename searches blame relied on could not read (taken as not similar); `nil` when `start`
    /// has no file at `path`.
    func blame(path: String, at start: ObjectID) throws -> (data: Data, sources: [LineSource], unreadable: Set<ObjectID>)? {
        var search = try HandoffSearch(repository: repository)
        let startNode = try search.node(start)
        guard let file = try search.file(atPath: path, in: startNode) else { return nil }
        let data = try MissingObject.data(of: file.entry.id, path: path, commit: start, in: repository)
        let table = LineTable(data)
        let count = table.count
        guard count > 0 else { return (data, [], []) }
        // git blame honours diff.indentHeuristic (on unless set to false).
        let indentHeuristic = try repository.configBool("diff.indentHeuristic") ?? true
        let blobs = BlobPrefetcher(gitDirectory: repository.gitDirectoryPath)
        defer { blobs.close() }
        let planner = HandoffPlanner(gitDirectory: repository.gitDirectoryPath, start: startNode, file: file, blobs: blobs)
        defer { planner.stop() }

        var sources = [LineSource?](repeating: nil, count: count)
        var unreadable = Set<ObjectID>()
        var suspects = [OriginKey(commit: start, path: path): Suspects(lines: (0..<count).map { Suspect(final: $0, line: $0) })]
        var queue = CommitQueue<(CommitNode, ParentFile)>()
        queue.push((startNode, file), time: startNode.time)
        var versions = HeldBlobs()
        versions.hold(file.entry.id)
        _ = versions.lines(file.entry.id) { _ in table }
        func lines(_ file: ParentFile, at commit: ObjectID) throws -> LineTable {
            try versions.lines(file.entry.id) { blob in
                try MissingObject.naming(blob, path: file.path, commit: commit, in: repository) { try blobs.lines(blob, orRead: repository) }
            }
        }
        while let (node, file) = queue.pop() {
            let key = OriginKey(commit: node.id, path: file.path)
            guard var held = suspects.removeValue(forKey: key) else { continue }
            defer {
                versions.release(file.entry.id)
                versions.sweep()
            }
            if !held.isSorted { held.lines.sort { $0.line < $1.line } }
            var remaining = held.lines
            var before: ParentFile?
            let (handoff, unread) = try planner.handoff(for: key)
            unreadable.formUnion(unread)
            switch handoff {
            case .whole(let parent, let parentFile):
                give(remaining, to: parent, parentFile, &suspects, &queue, &versions)
                remaining = []
            case .diffed(let parents):
                before = parents.lazy.compactMap(\.file).first
                for case let (parent, parentFile?) in parents where !remaining.isEmpty {
                    let changes = try Repository.lineChanges(
                        from: lines(parentFile, at: parent.id), to: lines(file, at: node.id), indentHeuristic: indentHeuristic)
                    let (kept, passed) = LineBlameWalk.split(remaining, by: changes)
                    give(passed, to: parent, parentFile, &suspects, &queue, &versions)
                    remaining = kept
                }
            }
            let change: PromptVersion.Change = before == nil ? .added : (before?.path == file.path ? .modified : .renamed)
            for suspect in remaining {
                sources[suspect.final] = LineSource(
                    commit: node.id, line: suspect.line + 1, path: file.path, blob: file.entry.id, change: change,
                    previousPath: change == .renamed ? before?.path : nil)
            }
        }
        return (data, sources.map { $0! }, unreadable)
    }

    /// The lines a diff leaves unchanged move to the parent's line numbers; the changed ones stay.
    private static func split(_ suspects: [Suspect], by changes: [LineChange]) -> (kept: [Suspect], passed: [Suspect]) {
        var kept = [Suspect]()
        var passed = [Suspect]()
        var change = 0
        var offset = 0
        for suspect in suspects {
            while change < changes.count, changes[change].newStart + changes[change].newCount <= suspect.line {
                offset = changes[change].oldStart + changes[change].oldCount - changes[change].newStart - changes[change].newCount
                change += 1
            }
            if change < changes.count, suspect.line >= changes[change].newStart {
                kept.append(suspect)
            } else {
                passed.append(Suspect(final: suspect.final, line: suspect.line + offset))
            }
        }
        return (kept, passed)
    }

    /// Adds lines to the parent's origin, queueing it (and holding its version) when it held none.
    private func give(
        _ lines: [Suspect], to parent: CommitNode, _ file: ParentFile, _ suspects: inout [OriginKey: Suspects],
        _ queue: inout CommitQueue<(CommitNode, ParentFile)>, _ versions: inout HeldBlobs
    ) {
        guard !lines.isEmpty else { return }
        let key = OriginKey(commit: parent.id, path: file.path)
        if suspects[key] == nil {
            suspects[key] = Suspects(lines: lines)
            queue.push((parent, file), time: parent.time)
            versions.hold(file.entry.id)
        } else {
            suspects[key]!.lines += lines
            suspects[key]!.isSorted = false
        }
    }
}
