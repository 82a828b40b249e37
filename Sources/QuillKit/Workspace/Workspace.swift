import Foundation
import GitKit

/// One invocation's view of a repository: the opened repository, its work tree (none when bare)
/// and its `quill.yaml`.
///
/// Built once per command and handed to every operation; not `Sendable`, like the repository it holds.
public final class Workspace {
    let repository: Repository
    /// The work tree's root, without a trailing slash; `nil` in a bare repository.
    public let workTreeRoot: String?
    /// The configuration read from `quill.yaml` in the work tree, or in HEAD's tree in a bare
    /// repository (defaults when there is none).
    public let config: QuillConfig
    /// The folder the user ran Quill from, for resolving relative paths.
    let currentDirectory: String
    /// What the answers given so far depend on that the user should know (a history cut short by a
    /// shallow clone, say), one line each, in the order found; the command shows them on stderr.
    public private(set) var warnings = [String]()

    init(repository: Repository, workTreeRoot: String?, config: QuillConfig, currentDirectory: String) {
        self.repository = repository
        self.workTreeRoot = workTreeRoot
        self.config = config
        self.currentDirectory = currentDirectory
    }

    /// Opens the repository containing `directory` and reads its configuration; a bare repository
    /// (a mirror, a CI cache) opens too, for the commands that need no work tree.
    public static func open(from directory: String) throws -> Workspace {
        let repository: Repository
        do {
            repository = try Repository.discover(from: directory)
        } catch {
            guard error.code == .notFound else { throw error }
            throw QuillError(.repository, "not a git repository (or any parent up to '/'): '\(directory)'; run 'quill init' first")
        }
        let current = Workspace.canonical(directory)
        guard let workTree = workTreePath(of: repository, seenFrom: current) else {
            return Workspace(repository: repository, workTreeRoot: nil, config: try loadConfig(headOf: repository), currentDirectory: current)
        }
        let root = Workspace.canonical(String(workTree.dropLast(workTree.hasSuffix("/") ? 1 : 0)))
        return Workspace(repository: repository, workTreeRoot: root, config: try loadConfig(root: root), currentDirectory: current)
    }

    /// The work tree's root, or, in a bare repository, an error saying that `purpose` needs one.
    public func workTree(for purpose: String) throws -> String {
        guard let workTreeRoot else { throw Workspace.bareRepositoryError(repository, purpose: purpose) }
        return workTreeRoot
    }

    /// The work tree of `repository` as git sees it from `directory` (a `canonical` path): none when
    /// `directory` lies in the git folder and no `core.worktree` names one, as git takes a folder it
    /// finds to be a git directory (inside `.git/`, or a mirror without a config file, to which
    /// libgit2 gives its parent folder as work tree); else the repository's own, if it has one.
    static func workTreePath(of repository: Repository, seenFrom directory: String) -> String? {
        guard let workTree = repository.workTreePath else { return nil }
        let gitFolder = canonical(repository.gitDirectoryPath) + "/"
        let inGitFolder = (directory + "/").hasPrefix(gitFolder)
        return inGitFolder && (try? repository.configString("core.worktree")) == nil ? nil : workTree
    }

    /// The one line for a bare repository, or a git folder Quill runs in, asked for what needs a
    /// work tree (exit 3, as for no repository).
    static func bareRepositoryError(_ repository: Repository, purpose: String) -> QuillError {
        let what = repository.workTreePath == nil ? "is a bare repository" : "is a git folder, not a work tree"
        return QuillError(.repository, "'\(repository.gitDirectoryPath)' \(what); \(purpose) needs a work tree (run it in a clone that has one)")
    }

    /// Reads `quill.yaml` at `root`, or the defaults when the file does not exist.
    static func loadConfig(root: String) throws -> QuillConfig {
        guard let data = try QuillConfig.workTreeText(root: root) else { return QuillConfig() }
        return try QuillConfig.parse(data, path: QuillConfig.fileName)
    }

    /// The repository-relative form of a path the user typed (relative to where they ran Quill; in
    /// a bare repository, relative to the top of the tree, as git takes paths there).
    ///
    /// Refuses paths outside the work tree and paths into `.git`. Links in the folders above the
    /// named file are resolved (so /tmp and /private/tmp agree); the file itself is never followed,
    /// so a symbolic link names itself, as it does for git.
    public func repositoryPath(forUserPath path: String) throws -> String {
        guard let root = workTreeRoot else { return try treePath(forUserPath: path) }
        let absolute = path.hasPrefix("/") ? path : currentDirectory + "/" + path
        var components = [Substring]()
        for component in absolute.split(separator: "/") {
            switch component {
            case ".": continue
            case "..": _ = components.popLast()
            default: components.append(component)
            }
        }
        let name = components.popLast().map(String.init)
        let folder = Workspace.canonical("/" + components.joined(separator: "/"))
        let resolved = name.map { folder == "/" ? "/" + $0 : folder + "/" + $0 } ?? folder
        let rootPrefix = root == "/" ? "/" : root + "/"
        guard resolved.hasPrefix(rootPrefix) else {
            throw QuillError.badInput("path '\(path)' is outside the repository at '\(root)'")
        }
        let relative = String(resolved.dropFirst(rootPrefix.count))
        guard !relative.isEmpty, relative != ".git", !relative.hasPrefix(".git/") else {
            throw QuillError.badInput("path '\(path)' does not name a file in the work tree")
        }
        return relative
    }

    /// The bytes git would hash for the work-tree prompt at `path`: a symbolic link's text, never the
    /// file it points to; `nil` when git would see nothing there (see `WorkTreeFile`). A file larger
    /// than `FileSizeBound.prompt` is refused before it is read.
    func workTreeData(_ path: String) throws(InputFileError) -> Data? {
        guard let workTreeRoot else { return nil }
        return try FileSizeBound.prompt.reading(path) { limit throws(FileTooLarge) in try WorkTreeFile.contents(of: path, in: workTreeRoot, limit: limit) }
    }

    /// Adds `message` to `warnings` unless it is there already.
    func warn(_ message: String) {
        if !warnings.contains(message) { warnings.append(message) }
    }

    /// Whether a repository-relative path is a prompt by `quill.yaml`'s globs.
    public func isPrompt(_ path: String) -> Bool {
        config.matchesPrompt(path)
    }

    /// Resolves symbolic links in the existing part of `path` (so /tmp and /private/tmp agree).
    static func canonical(_ path: String) -> String {
        var existing = URL(fileURLWithPath: path)
        var rest = [String]()
        while !FileManager.default.fileExists(atPath: existing.path), existing.path != "/" {
            rest.insert(existing.lastPathComponent, at: 0)
            existing.deleteLastPathComponent()
        }
        var resolved = existing.resolvingSymlinksInPath()
        for component in rest { resolved.appendPathComponent(component) }
        return resolved.path
    }
}
