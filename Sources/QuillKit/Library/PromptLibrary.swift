import Foundation
import GitKit

/// A git repository of prompts, opened for an application: load a prompt by label or revision, read
/// its messages and variables, render it, and read its scores.
///
/// Opening reads no configuration and no work tree, so it works in bare repositories and costs a few
/// milliseconds; loading a prompt reads one ref, one tree path and one blob, and the version's
/// `quill.yaml` only when the prompt is parsed or rendered.
///
/// ```swift
/// let library = try PromptLibrary.open(at: "/srv/prompts.git")
/// let prompt = try library.load("prompts/support.prompt", label: "production")
/// let messages = try prompt.render(["question": "Where is my order?"])
/// ```
///
/// Not `Sendable`: use one library per thread (opening another is cheap).
public final class PromptLibrary {
    let repository: Repository

    init(repository: Repository) {
        self.repository = repository
    }

    /// Opens the repository at `path`, or the one containing it (a work tree, a `.git` folder or a
    /// bare repository). Throws ``QuillError`` with kind `.repository` when there is none.
    public static func open(at path: String) throws -> PromptLibrary {
        do {
            return PromptLibrary(repository: try Repository.discover(from: path))
        } catch {
            guard error.code == .notFound else { throw QuillError(classifying: error) ?? error }
            throw QuillError(.repository, "not a git repository (or any parent up to '/'): '\(path)'")
        }
    }

    /// The version of the prompt at the repository path `path` that `label` points at.
    ///
    /// A label whose version is not in this repository is an error, never resolved to another
    /// version; a label that is not set on `path` is bad input. Complexity: one tree path and two blobs.
    public func load(_ path: String, label: String) throws -> LoadedPrompt {
        let name = try LabelName.checked(label)
        let store = LabelStore(repository: repository)
        guard let tree = try store.tipTree(), let version = try store.target(label: name, prompt: path, in: tree)?.version else {
            throw QuillError.badInput("label '\(name)' is not set on '\(path)'; see 'quill label list'")
        }
        let blob = try ObjectID(checked: version.blob)
        guard repository.containsObject(blob) else {
            throw QuillError(.repository, "label '\(name)' points at version \(blob.abbreviated()) of '\(path)', which is not in this repository (a shallow clone?); fetch commit \(version.commit.prefix(12))")
        }
        return LoadedPrompt(path: path, blob: version.blob, commit: version.commit, label: name, data: try repository.blobData(blob),
                            configuration: configuration(at: version.commit))
    }

    /// The version of the prompt at the repository path `path` in the commit `revision` names
    /// (`HEAD`, `main`, `v1.2`, `HEAD~3`, a commit id). Complexity: one tree path and one blob.
    public func load(_ path: String, revision: String) throws -> LoadedPrompt {
        let commit: ObjectID
        do {
            commit = try repository.resolveCommit(revision)
        } catch {
            throw QuillError.badInput("unknown revision '\(revision)'; expected a label, a branch, a tag or a commit")
        }
        guard let entry = try repository.treeEntry(atPath: path, inCommit: commit), entry.mode == .blob || entry.mode == .executable else {
            throw QuillError.badInput("prompt '\(path)' does not exist at '\(revision)' (\(commit.abbreviated())); expected a file committed there")
        }
        return LoadedPrompt(path: path, blob: entry.id.hex, commit: commit.hex, label: nil, data: try repository.blobData(entry.id),
                            configuration: configuration(at: commit.hex))
    }

    /// `quill.yaml` of `commit`, to be read when the prompt is parsed.
    private func configuration(at commit: String) -> CommitConfiguration {
        CommitConfiguration(gitDirectory: repository.gitDirectoryPath, commit: commit)
    }

    /// The prompt `reference` names: `PATH@LABEL`, `PATH@REVISION`, or `PATH` (at `HEAD`). After the
    /// last `@`, a label set on the prompt wins over a revision of the same name.
    public func load(_ reference: String) throws -> LoadedPrompt {
        guard let at = reference.lastIndex(of: "@"), at != reference.startIndex else { return try load(reference, revision: "HEAD") }
        let path = String(reference[..<at]), selector = String(reference[reference.index(after: at)...])
        if LabelName.isValid(selector), let tree = try LabelStore(repository: repository).tipTree(),
            try LabelStore(repository: repository).target(label: selector, prompt: path, in: tree)?.version != nil {
            return try load(path, label: selector)
        }
        return try load(path, revision: selector)
    }

    /// The scores of a loaded version: per suite and model, the means of its records in the eval store.
    /// Complexity: one index folder and the version's records.
    public func scores(of prompt: LoadedPrompt) throws -> [VersionScore] {
        let store = EvalStore(repository: repository)
        guard let tree = try store.tipTree() else { return [] }
        var lookup = try ScoreLookup(store: store, tree: tree)
        return ScoreTimeline.scores(grouped: [try lookup.records(forBlob: try ObjectID(checked: prompt.blob))])[0]
    }
}

extension PromptLibrary {
    /// The repository path of `path` as a user typed it in `directory`: relative to `directory` when
    /// that lies inside the work tree, otherwise (a bare repository, a git folder, a folder outside)
    /// unchanged, as a path from the repository's root. `..` and `.` parts are resolved; nothing is
    /// read from disk but the two folders' real paths.
    public func repositoryPath(_ path: String, typedIn directory: String) -> String {
        let folder = Workspace.canonical(directory)
        guard let workTree = Workspace.workTreePath(of: repository, seenFrom: folder) else { return path }
        let root = Workspace.canonical(String(workTree.dropLast(workTree.hasSuffix("/") ? 1 : 0)))
        let absolute: String
        if path.hasPrefix("/") {
            absolute = path
        } else if folder == root || folder.hasPrefix(root == "/" ? "/" : root + "/") {
            absolute = folder + "/" + path
        } else {
            return path
        }
        var parts = [Substring]()
        for part in absolute.split(separator: "/") {
            switch part {
            case ".": continue
            case "..": _ = parts.popLast()
            default: parts.append(part)
            }
        }
        let normalized = "/" + parts.joined(separator: "/")
        let prefix = root == "/" ? "/" : root + "/"
        return normalized.hasPrefix(prefix) ? String(normalized.dropFirst(prefix.count)) : path
    }
}
