import Foundation

/// A team's remote as CI sees it: a bare `origin.git` served by `git daemon` on 127.0.0.1, with `main`
/// and a pull-request branch `feature`, and a developer's clone that pushes to it.
///
/// `main` moves on by `commitsAfterBranch` commits after `feature` branched off, so a `--depth 1` clone
/// of `feature` lacks both `main` and their merge base.
public final class PullRequestOrigin {
    public let folder: TemporaryFolder
    public let daemon: GitDaemon
    /// The developer's clone (`origin` is the bare repository's path).
    public let developer: TestRepository

    public init() throws {
        folder = try TemporaryFolder()
        try folder.git("init", "-q", "--bare", "-b", "main", "origin.git")
        daemon = try GitDaemon(basePath: folder.path)
        developer = try TestRepository.evaluated()
        try developer.git("remote", "add", "origin", folder.path + "/origin.git")
    }

    /// The `git://` URL CI clones from.
    public var url: String { daemon.url("origin.git") }

    /// The bare repository's path.
    public var path: String { folder.path + "/origin.git" }

    /// Adds `count` commits to the developer's current branch, each changing `CHANGELOG.md` (no prompt),
    /// through `git fast-import` (thousands take a second), and checks the last one out.
    public func addCommits(_ count: Int) throws {
        let branch = try developer.git("symbolic-ref", "HEAD")
        var stream = ""
        for index in 0..<count {
            let message = "changelog \(index)\n", content = "entry \(index)\n"
            stream += "commit \(branch)\ncommitter \(TestEnvironment.authorName) <\(TestEnvironment.authorEmail)> \(1_700_100_000 + index) +0000\n"
            stream += "data \(message.utf8.count)\n\(message)" + (index == 0 ? "from \(branch)^0\n" : "")
            stream += "M 100644 inline CHANGELOG.md\ndata \(content.utf8.count)\n\(content)\n"
        }
        try developer.git(["fast-import", "--quiet", "--done"], input: stream + "done\n")
        try developer.git("reset", "-q", "--hard")
    }

    /// `git clone OPTIONS URL` into a new folder, as CI makes it (`--depth 1 --single-branch --branch feature`).
    public func clone(_ options: [String]) throws -> TemporaryFolder {
        let clone = try TemporaryFolder()
        let result = try ProcessRunner.run(
            TestEnvironment.gitPath, ["clone", "-q"] + options + [url, clone.path + "/work"], environment: TestEnvironment.variables())
        guard result.status == 0 else { throw TestFailure("git clone \(options) failed: \(result.stderr)") }
        return clone
    }

    /// Every ref of the repository at `path` with its target (`git for-each-ref`), and its shallow boundary.
    public static func refs(_ path: String) throws -> String {
        let refs = try ProcessRunner.run(
            TestEnvironment.gitPath, ["for-each-ref", "--format=%(refname) %(objectname)"], in: path, environment: TestEnvironment.variables())
        let shallow = (try? String(contentsOfFile: path + "/.git/shallow", encoding: .utf8)) ?? ""
        return refs.stdout + "shallow:\n" + shallow
    }
}
