import Foundation
import GitKit

/// The remote `quill sync` talks to: what to hand libgit2, and the checked name of its private namespace.
struct SyncRemote {
    /// The private namespace for remote-tracking copies of Quill's refs.
    static let namespace = "refs/quill-remotes/"

    /// What fetch and push are given: a configured remote's name, a URL, or an absolute path.
    let location: String
    /// The folder below `refs/quill-remotes/`.
    let trackingName: String

    /// Resolves what the user typed: a configured remote first, then a URL, then a local path.
    static func resolve(_ remote: String, in workspace: Workspace) throws -> SyncRemote {
        guard !remote.isEmpty else {
            throw QuillError.badInput("the remote is empty; expected a configured remote such as 'origin', a URL or a path")
        }
        if try workspace.repository.remoteURL(named: remote) != nil {
            return SyncRemote(location: remote, trackingName: try checkedName(remote))
        }
        if isURL(remote) {
            return SyncRemote(location: remote, trackingName: try checkedName(sanitizedName(remote)))
        }
        let path = remote.hasPrefix("/") ? remote : workspace.currentDirectory + "/" + remote
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue else {
            throw QuillError.badInput(
                "no remote named '\(remote)' and no repository at '\(remote)'; add one with 'git remote add \(remote) URL' or pass a URL")
        }
        let absolute = Workspace.canonical(path)
        let own = [workspace.repository.gitDirectoryPath, workspace.repository.workTreePath].compactMap { $0 }.map { Workspace.canonical($0) }
        guard !own.contains(absolute) else {
            throw QuillError.badInput("'\(remote)' is this repository; expected another repository to sync with")
        }
        return SyncRemote(location: absolute, trackingName: try checkedName(sanitizedName(absolute)))
    }

    /// Whether `text` names a remote by URL: `scheme://…`, or scp-like `host:path` as git reads it.
    private static func isURL(_ text: String) -> Bool {
        if text.contains("://") { return true }
        guard let colon = text.firstIndex(of: ":") else { return false }
        return !text[..<colon].contains("/")
    }

    /// A readable ref component for a URL or path: scheme dropped, every run of other characters
    /// than letters, digits, `.`, `_` and `-` made one `-`, no `..`, no `.` or `-` at either end.
    static func sanitizedName(_ location: String) -> String {
        var text = Substring(location)
        if let scheme = text.range(of: "://") { text = text[scheme.upperBound...] }
        var name = ""
        for character in text {
            let keep = character.isASCII && (character.isLetter || character.isNumber || "._-".contains(character))
            let next: Character = keep ? character : "-"
            if next == "-", name.last == "-" { continue }
            if next == ".", name.last == "." { continue }
            name.append(next)
        }
        name = String(name.trimmingCharacters(in: CharacterSet(charactersIn: ".-")))
        if name.hasSuffix(".lock") { name.removeLast(5) }
        return name.isEmpty ? "remote" : name
    }

    /// Refuses a name that would escape or break the namespace: `..`, a slash at either end, or a
    /// composed ref git would not accept.
    static func checkedName(_ name: String) throws -> String {
        let composed = namespace + name + "/quill/evals"
        guard !name.contains(".."), !name.hasPrefix("/"), !name.hasSuffix("/"), Repository.isValidReferenceName(composed) else {
            throw QuillError.badInput("remote name '\(name)' cannot name refs under '\(namespace)'; expected a name like 'origin'")
        }
        return name
    }

    /// The remote-tracking copy of `reference` (`refs/quill/evals` → `refs/quill-remotes/origin/quill/evals`).
    func tracking(_ reference: String) -> String {
        SyncRemote.namespace + trackingName + "/" + reference.dropFirst("refs/".count)
    }

    /// The fetch refspecs: every `refs/quill/*` and the notes ref, into the private namespace.
    var fetchRefspecs: [String] {
        ["+refs/quill/*:\(tracking("refs/quill/*"))", "+\(SyncedRefs.notes):\(tracking(SyncedRefs.notes))"]
    }
}

/// The refs `sync` merges, in the order it merges them: the eval store before the notes recomputed from it.
enum SyncedRefs {
    static let evals = EvalStore.reference
    static let labels = LabelStore.reference
    static let manifests = ManifestStore.reference
    static let notes = NotesMirror.reference
    static let all = [evals, labels, manifests, notes]
}
