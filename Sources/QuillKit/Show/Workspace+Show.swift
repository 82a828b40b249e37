import Foundation
import GitKit

extension Workspace {
    /// A prompt version, or every prompt a commit changed, parsed.
    ///
    /// `spec` is `REV:PROMPT` (that prompt at that revision), `REV` (the prompts the commit changed
    /// against its first parent) or a prompt path (the prompt at HEAD).
    public func show(_ spec: String) throws -> ShowReport {
        let (revision, userPath) = try splitShowSpec(spec)
        let commitID = try resolveUserCommit(revision)
        let commit = try repository.commit(commitID)
        let summary = ShowReport.CommitSummary(
            id: commit.id.hex, author: commit.author.name, authorEmail: commit.author.email,
            date: ISODate.format(commit.author), subject: commit.subject)
        guard let userPath else {
            let parentTree = try commit.parentIDs.first.map(repository.treeID(ofCommit:))
            let changed = try repository.treeChanges(from: parentTree, to: commit.treeID)
                .filter { $0.kind != .deleted && isPrompt($0.newPath) }
            return ShowReport(commit: summary, prompts: try changed.compactMap { change in
                guard let blob = change.newID else { return nil }
                return try entry(path: change.newPath, blob: blob, commit: commitID)
            })
        }
        let path = userPath.hasPrefix("./") || userPath.hasPrefix("../") ? try repositoryPath(forUserPath: userPath) : userPath
        guard let blob = try repository.treeEntry(atPath: path, inTree: commit.treeID), !blob.isTree else {
            throw QuillError.badInput("path '\(path)' does not exist in '\(revision)'; expected a prompt file committed there")
        }
        let shown = try entry(path: path, blob: blob.id, commit: commitID)
        if let error = shown.error { throw QuillError.badInput(error) }
        return ShowReport(commit: summary, prompts: [shown])
    }

    /// Splits `REV:PATH`; a lone path that is no revision means `HEAD:PATH`.
    private func splitShowSpec(_ spec: String) throws -> (String, String?) {
        if let colon = spec.firstIndex(of: ":"), colon != spec.startIndex {
            return (String(spec[..<colon]), String(spec[spec.index(after: colon)...]))
        }
        if (try? repository.resolveCommit(spec)) != nil {
            return (spec, nil)
        }
        // In a bare repository the current folder is the git folder, whose files are not prompts.
        if (workTreeRoot != nil && FileManager.default.fileExists(atPath: currentDirectory + "/" + spec)) || spec.contains("/") {
            return ("HEAD", try repositoryPath(forUserPath: spec))
        }
        return (spec, nil)
    }

    private func entry(path: String, blob: ObjectID, commit: ObjectID) throws -> ShowReport.Entry {
        let data = try MissingObject.data(of: blob, path: path, commit: commit, in: repository, bound: .prompt)
        do {
            return ShowReport.Entry(path: path, blob: blob.hex, prompt: try PromptParser.parse(data, path: path, reading: config.reading(for: path)), error: nil)
        } catch {
            return ShowReport.Entry(path: path, blob: blob.hex, prompt: nil, error: error.description)
        }
    }
}
