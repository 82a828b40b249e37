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
/// Complexity: O(c) path look-ups for the c commits visited (all ancestors that still hold a
/// suspect, often the whole history), plus one line diff per version change along the way.
struct LineBlameWalk {
    let repository: Repository

    /// One suspect line: its number in the final file and in the suspect origin's blob (both 0-based).
    private struct Suspect {
        let final: Int
        let line: Int
    }

    /// A (commit, path) pair holding suspects: git's `blame_origin`.
    private struct Origin {
        let blob: ObjectID
        let mode: TreeEntry.Mode
        var suspects = [Suspect]()
        var isSorted = true
    }

    /// The file a parent has for an origin: its path and entry.
    private struct ParentFile {
        let path: String
        let entry: TreeEntry
    }

    /// The state of one walk.
    private final class State {
        let walk: DateOrderWalk
        var origins = [ObjectID: [String: Origin]]()
        var queue = CommitQueue()
        var lookups = [String: EntryCache]()
        var contents = [ObjectID: Data]()
        var sources: [LineSource?]

        init(walk: DateOrderWalk, lineCount: Int) {
            self.walk = walk
            sources = Array(repeating: nil, count: lineCount)
        }
    }

    /// The source of every line of `path` at commit `start`, and the file's bytes there; `nil` when
    /// `start` has no file at `path`.
    func blame(path: String, at start: ObjectID) throws -> (data: Data, sources: [LineSource])? {
        let walk = try DateOrderWalk(repository, from: [])
        let startNode = try walk.node(start)
        var lookups = EntryCache(repository: repository)
        guard let entry = try lookups.entry(atPath: path, inTree: startNode.treeID), entry.isFile else { return nil }
        let data = try repository.blobData(entry.id)
        let count = LineBlameWalk.lineCount(data)
        let state = State(walk: walk, lineCount: count)
        state.lookups[path] = lookups
        state.contents[entry.id] = data
        state.origins[start] = [path: Origin(blob: entry.id, mode: entry.mode, suspects: (0..<count).map { Suspect(final: $0, line: $0) })]
        if count > 0 { state.queue.push(startNode) }
        while let node = state.queue.pop() {
            while let path = state.origins[node.id]?.first(where: { !$0.value.suspects.isEmpty })?.key {
                var origin = state.origins[node.id]![path]!
                state.origins[node.id]![path]!.suspects = []
                if !origin.isSorted { origin.suspects.sort { $0.line < $1.line } }
                try passBlame(of: origin, path: path, in: node, state)
            }
        }
        return (data, state.sources.map { $0! })
    }

    /// Hands an origin's suspects to the parents of its commit; keeps the rest (git's `pass_blame`).
    private func passBlame(of origin: Origin, path: String, in node: CommitNode, _ state: State) throws {
        let parents = try node.parentIDs.map { try state.walk.node($0) }
        var files = [ParentFile?](repeating: nil, count: parents.count)
        var settled = [Bool](repeating: false, count: parents.count)
        for renames in [false, true] {
            for (index, parent) in parents.enumerated() where !settled[index] {
                let found = renames
                    ? try renameSource(of: path, from: parent.treeID, to: node.treeID)
                    : try file(at: path, in: parent.treeID, like: origin.mode, state)
                guard let found else { continue }
                if found.entry.id == origin.blob {
                    give(origin.suspects, to: parent, file: found, state)
                    return
                }
                settled[index] = true
                if !files[..<index].contains(where: { $0?.entry.id == found.entry.id }) { files[index] = found }
            }
        }
        var suspects = origin.suspects
        for (index, parent) in parents.enumerated() {
            guard let file = files[index] else { continue }
            let changes = try Repository.lineChanges(from: content(file.entry.id, state), to: content(origin.blob, state))
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
            give(passed, to: parent, file: file, state)
            suspects = kept
            if suspects.isEmpty { return }
        }
        let before = files.lazy.compactMap { $0 }.first
        let change: PromptVersion.Change = before == nil ? .added : (before?.path == path ? .modified : .renamed)
        for suspect in suspects {
            state.sources[suspect.final] = LineSource(
                commit: node.id, line: suspect.line + 1, path: path, blob: origin.blob, change: change,
                previousPath: change == .renamed ? before?.path : nil)
        }
    }

    /// Adds suspects to the parent's origin for `file`, queueing the parent when it had none.
    private func give(_ suspects: [Suspect], to parent: CommitNode, file: ParentFile, _ state: State) {
        guard !suspects.isEmpty else { return }
        var origin = state.origins[parent.id]?[file.path] ?? Origin(blob: file.entry.id, mode: file.entry.mode)
        let wasIdle = origin.suspects.isEmpty
        if !wasIdle { origin.isSorted = false }
        origin.suspects += suspects
        state.origins[parent.id, default: [:]][file.path] = origin
        if wasIdle { state.queue.push(parent) }
    }

    /// The parent's file at the same path, unless it is missing or of another type (git's `find_origin`).
    private func file(at path: String, in tree: ObjectID, like mode: TreeEntry.Mode, _ state: State) throws -> ParentFile? {
        let entry = try state.lookups[path, default: EntryCache(repository: repository)].entry(atPath: path, inTree: tree)
        guard let entry, entry.isFile, (entry.mode == .symlink) == (mode == .symlink) else { return nil }
        return ParentFile(path: path, entry: entry)
    }

    /// The parent's file that `path` was renamed from in this commit, if any (git's `find_rename`).
    private func renameSource(of path: String, from parentTree: ObjectID, to tree: ObjectID) throws -> ParentFile? {
        let changes = try repository.treeChanges(from: parentTree, to: tree, detectRenames: true)
        guard let rename = changes.first(where: { $0.kind == .renamed && $0.newPath == path }), let id = rename.oldID else { return nil }
        guard let entry = try repository.treeEntry(atPath: rename.oldPath, inTree: parentTree) else { return nil }
        return entry.id == id ? ParentFile(path: rename.oldPath, entry: entry) : nil
    }

    private func content(_ blob: ObjectID, _ state: State) throws -> Data {
        if let data = state.contents[blob] { return data }
        let data = try repository.blobData(blob)
        state.contents[blob] = data
        return data
    }

    /// Lines as xdiff counts them: a last line without a newline is a line.
    static func lineCount(_ data: Data) -> Int {
        let newlines = data.reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
        return newlines + (data.last.map { $0 == UInt8(ascii: "\n") ? 0 : 1 } ?? 0)
    }
}

extension TreeEntry {
    /// Whether the entry is a file git can blame: a regular file, an executable or a symbolic link.
    var isFile: Bool { mode == .blob || mode == .executable || mode == .symlink }
}
