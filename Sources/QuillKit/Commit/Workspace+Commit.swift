import Foundation
import GitKit

extension Workspace {
    /// Stages prompt files and commits them on the current branch, as `git commit` would.
    ///
    /// With `paths`, exactly those paths are committed (git's `commit PATH…`: other staged changes stay
    /// staged); without, every changed prompt is staged and the whole index committed. Every prompt to be
    /// staged is parsed first: one that does not parse stops the commit with nothing staged or committed.
    /// An unchanged tree is refused as git refuses an empty commit.
    public func commit(message: String, paths userPaths: [String]) throws -> CommitReport {
        try commit(message: message, paths: userPaths, environment: ProcessInfo.processInfo.environment)
    }

    /// `commit(message:paths:)` with the identity and dates taken from `environment` (`GIT_AUTHOR_*`).
    func commit(message: String, paths userPaths: [String], environment: [String: String]) throws -> CommitReport {
        guard !message.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw QuillError.badInput("empty commit message; expected -m MESSAGE with some text")
        }
        let root = try workTree(for: "'quill commit'")
        let entries = try repository.status()
        let head = try repository.headCommitID()
        let index = try repository.index()
        let selected = try selectPaths(userPaths, entries: entries, index: index, head: head)
        let named = Set(try userPaths.map(repositoryPath(forUserPath:)))
        try parseBeforeStaging(selected.filter { isPrompt($0) || named.contains($0) })
        let author = try repository.defaultSignature(for: .author, environment: environment)
        let committer = try repository.defaultSignature(for: .committer, environment: environment)

        do {
            for path in selected.sorted() {
                if WorkTreeFile.exists(path, in: root) {
                    try index.add(path: path)
                } else if index.entryID(path: path) != nil {
                    try index.remove(path: path)
                }
            }
            let tree = try userPaths.isEmpty ? index.writeTree() : treeOfHead(head, withPathsFrom: index, selected)
            let headTree = try head.map(repository.treeID(ofCommit:))
            let emptyTree = try repository.emptyTreeID()
            guard tree != (headTree ?? emptyTree) else {
                throw QuillError(.checkFailed, "nothing to commit; the selected prompts match HEAD")
            }
            let normalized = message.hasSuffix("\n") ? message : message + "\n"
            let commit = try repository.commitOnHead(
                tree: tree, parents: head.map { [$0] } ?? [], message: normalized, author: author, committer: committer)
            try index.write()
            let changes = try repository.treeChanges(from: headTree, to: tree).map {
                CommitReport.PathChange(path: $0.newPath, change: $0.kind.rawValue)
            }
            let branch = try repository.headBranchName().map { $0.hasPrefix("refs/heads/") ? String($0.dropFirst(11)) : $0 }
            return CommitReport(commit: commit.hex, branch: branch, subject: try repository.commit(commit).subject, changes: changes)
        } catch {
            try index.reload()
            throw error
        }
    }

    /// The repository paths to commit: the named ones (files or folders), or every changed prompt.
    private func selectPaths(_ userPaths: [String], entries: [StatusEntry], index: Index, head: ObjectID?) throws -> Set<String> {
        let changed = entries.flatMap { [$0.path] + ($0.headPath.map { [$0] } ?? []) }
        guard !userPaths.isEmpty else {
            return Set(changed.filter(isPrompt))
        }
        let known = Set(changed + index.paths)
        var selected = Set<String>()
        for userPath in userPaths {
            let path = try repositoryPath(forUserPath: userPath)
            let matches = known.filter { $0 == path || $0.hasPrefix(path + "/") }
            guard !matches.isEmpty else {
                throw QuillError.badInput("pathspec '\(userPath)' did not match any file known to git")
            }
            selected.formUnion(matches.filter { changed.contains($0) })
        }
        return selected
    }

    /// Parses every prompt that will be staged (not deletions); the first failure stops the commit.
    /// Prompts are the files the globs match and the files named exactly on the command line.
    private func parseBeforeStaging(_ paths: Set<String>) throws {
        for path in paths.sorted() {
            guard let data = try workTreeData(path) else { continue }
            _ = try PromptParser.parse(data, path: path, reading: config.reading(for: path))
        }
    }

    /// HEAD's tree with the index's entries (or absence) at `paths`: git's `commit --only`.
    private func treeOfHead(_ head: ObjectID?, withPathsFrom index: Index, _ paths: Set<String>) throws -> ObjectID {
        let updates: [TreeUpdate] = paths.sorted().map { path in
            guard let entry = index.entry(path: path) else { return .remove(path: path) }
            return .upsert(path: path, id: entry.id, mode: entry.mode)
        }
        return try repository.updateTree(head.map(repository.treeID(ofCommit:)), applying: updates)
    }
}
