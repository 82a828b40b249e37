import Foundation
import QuillKit
import TestSupport
import Testing

@Suite("Workspace commit")
struct WorkspaceCommitTests {
    /// A repository with a local identity (the process sets none), prompts and a README committed, and `changes` applied.
    private func makeRepository(_ changes: (TestRepository) throws -> Void = { _ in }) throws -> TestRepository {
        let repository = try TestRepository()
        try repository.git("config", "user.name", "Config Person")
        try repository.git("config", "user.email", "config@example.com")
        try repository.write("prompts/a.prompt", "Hello {{name}}\n")
        try repository.write("prompts/b.prompt", "Bye {{name}}\n")
        try repository.write("prompts/c.txt", "Summarise.\n")
        try repository.write("README.md", "readme\n")
        try repository.commitAll("base")
        try changes(repository)
        return repository
    }

    /// What git shows of the repository's state: HEAD's tree, the index and `git status --porcelain`.
    private func state(_ repository: TestRepository) throws -> [String] {
        [
            try repository.git("rev-parse", "HEAD^{tree}"), try repository.git("ls-files", "-s"),
            try repository.git("status", "--porcelain", "--untracked-files=all"),
        ]
    }

    private static func mixedChanges(_ repository: TestRepository) throws {
        try repository.write("prompts/a.prompt", "Hello {{name}}, again\n")
        try repository.write("prompts/b.prompt", "Bye {{name}}, staged\n")
        try repository.git("add", "prompts/b.prompt")
        try repository.write("prompts/b.prompt", "Bye {{name}}, staged then edited\n")
        try repository.write("docs/guide.md", "staged, not a prompt\n")
        try repository.git("add", "docs/guide.md")
        try repository.write("README.md", "readme, unstaged\n")
        try repository.remove("prompts/c.txt")
        try repository.write("prompts/new.md", "A new prompt.\n")
    }

    /// Quill stages what it commits, new files under a named folder included, so the oracle is
    /// `git add -A -- PATH… && git commit --only -- PATH…` (plain `git commit -- folder` skips untracked files).
    @Test("with paths, commits only those paths and leaves other staged changes staged, as git commit --only does", arguments: [
        ["prompts/a.prompt"], ["prompts/b.prompt"], ["prompts/c.txt"], ["prompts/a.prompt", "prompts/c.txt"], ["prompts"],
    ])
    func onlyPaths(paths: [String]) throws {
        let quill = try makeRepository(Self.mixedChanges)
        let git = try makeRepository(Self.mixedChanges)
        let report = try Workspace.open(from: quill.path).commit(message: "only some", paths: paths)
        try git.git(["add", "-A", "--"] + paths)
        try git.git(["commit", "-q", "--only", "-m", "only some", "--"] + paths)
        #expect(try state(quill) == state(git))
        #expect(report.commit == (try quill.git("rev-parse", "HEAD")))
        #expect(report.branch == "main")
        #expect(report.subject == "only some")
        let changed = try quill.git("diff-tree", "--no-commit-id", "-r", "--name-only", "HEAD").split(separator: "\n").map(String.init)
        #expect(report.changes.map(\.path) == changed)
        #expect(try quill.git("log", "-1", "--format=%an <%ae>%n%cn <%ce>") == expectedIdentity)
        try quill.fsck()
    }

    @Test("without paths, stages every changed prompt and commits the whole index, as git add prompts && git commit does")
    func allPrompts() throws {
        let quill = try makeRepository(Self.mixedChanges)
        let git = try makeRepository(Self.mixedChanges)
        let report = try Workspace.open(from: quill.path).commit(message: "all prompts\n\nWith a body.", paths: [])
        try git.git("add", "-A", "--", "prompts")
        try git.git("commit", "-q", "-m", "all prompts\n\nWith a body.")
        #expect(try state(quill) == state(git))
        #expect(try quill.git("log", "-1", "--format=%B") == "all prompts\n\nWith a body.")
        #expect(report.subject == "all prompts")
        let kinds = Dictionary(uniqueKeysWithValues: report.changes.map { ($0.path, $0.change) })
        #expect(kinds == [
            "docs/guide.md": "added", "prompts/a.prompt": "modified", "prompts/b.prompt": "modified",
            "prompts/c.txt": "deleted", "prompts/new.md": "added",
        ])
        // The README was never staged, so it stays modified in the work tree only.
        #expect(try quill.git("status", "--porcelain") == " M README.md")
        try quill.fsck()
    }

    @Test("commits a deleted prompt")
    func deletion() throws {
        let repository = try makeRepository { try $0.remove("prompts/a.prompt") }
        let report = try Workspace.open(from: repository.path).commit(message: "drop a", paths: ["prompts/a.prompt"])
        #expect(report.changes.map { "\($0.change) \($0.path)" } == ["deleted prompts/a.prompt"])
        #expect(try repository.git("ls-tree", "-r", "--name-only", "HEAD") == "README.md\nprompts/b.prompt\nprompts/c.txt")
        #expect(try repository.git("status", "--porcelain").isEmpty)
        try repository.fsck()
    }

    @Test("refuses an empty commit", arguments: [[String](), ["prompts/a.prompt"]])
    func emptyCommit(paths: [String]) throws {
        let repository = try makeRepository { try $0.write("README.md", "only a non-prompt changed\n") }
        let head = try repository.git("rev-parse", "HEAD")
        let error = try #require(throws: QuillError.self) {
            try Workspace.open(from: repository.path).commit(message: "nothing", paths: paths)
        }
        #expect(error.kind == .checkFailed)
        #expect(try repository.git("rev-parse", "HEAD") == head)
        #expect(try repository.git("status", "--porcelain") == " M README.md")
        try repository.fsck()
    }

    @Test("a prompt that does not parse stops the commit with HEAD, the index and the work tree untouched", arguments: [
        [String](), ["prompts/a.prompt"], ["prompts"],
    ])
    func unparseable(paths: [String]) throws {
        let repository = try makeRepository { repository in
            try repository.write("prompts/a.prompt", "Hello {{name")
            try repository.write("prompts/b.prompt", "Bye {{name}}, staged\n")
            try repository.git("add", "prompts/b.prompt")
            try repository.write("prompts/c.txt", "Summarise briefly.\n")
        }
        let porcelain = try repository.git("status", "--porcelain", "--untracked-files=all")
        let indexPath = repository.path + "/.git/index"
        let indexBytes = try Data(contentsOf: URL(fileURLWithPath: indexPath))
        let stage = try repository.git("ls-files", "-s")
        let head = try repository.git("rev-parse", "HEAD")

        let error = try #require(throws: InputFileError.self) {
            try Workspace.open(from: repository.path).commit(message: "broken", paths: paths)
        }
        #expect(error.description == "prompts/a.prompt:1:7: '{{' is never closed; expected '}}'")

        #expect(try Data(contentsOf: URL(fileURLWithPath: indexPath)) == indexBytes)
        #expect(try repository.git("ls-files", "-s") == stage)
        #expect(try repository.git("rev-parse", "HEAD") == head)
        #expect(try repository.git("status", "--porcelain", "--untracked-files=all") == porcelain)
        try repository.fsck()
    }

    @Test("an unknown path is bad input naming it")
    func unknownPath() throws {
        let repository = try makeRepository { try $0.write("prompts/a.prompt", "Hello {{name}}!\n") }
        let error = try #require(throws: QuillError.self) {
            try Workspace.open(from: repository.path).commit(message: "typo", paths: ["prompts/a.prompt", "prompts/nope.prompt"])
        }
        #expect(error.kind == .badInput)
        #expect(error.message.contains("'prompts/nope.prompt'"))
        #expect(try repository.git("status", "--porcelain") == " M prompts/a.prompt")
        #expect(try repository.git("rev-list", "--count", "HEAD") == "1")
    }

    @Test("the first commit on an unborn branch has no parent", arguments: [[String](), ["prompts/first.prompt"]])
    func unbornBranch(paths: [String]) throws {
        let repository = try TestRepository()
        try repository.git("config", "user.name", "Config Person")
        try repository.git("config", "user.email", "config@example.com")
        try repository.write("prompts/first.prompt", "Hello {{name}}\n")
        try repository.write("README.md", "untracked, not a prompt\n")
        let report = try Workspace.open(from: repository.path).commit(message: "first", paths: paths)
        #expect(report.branch == "main")
        #expect(report.changes.map { "\($0.change) \($0.path)" } == ["added prompts/first.prompt"])
        #expect(try repository.git("rev-parse", "main") == report.commit)
        #expect(try repository.git("rev-list", "--parents", "HEAD") == report.commit)
        #expect(try repository.git("ls-tree", "-r", "--name-only", "HEAD") == "prompts/first.prompt")
        #expect(try repository.git("status", "--porcelain") == "?? README.md")
        try repository.fsck()
    }

    /// The identity git would use in this process: its `GIT_*` variables over the repository's config.
    private var expectedIdentity: String {
        let environment = ProcessInfo.processInfo.environment
        let author = "\(environment["GIT_AUTHOR_NAME"] ?? "Config Person") <\(environment["GIT_AUTHOR_EMAIL"] ?? environment["EMAIL"] ?? "config@example.com")>"
        let committer = "\(environment["GIT_COMMITTER_NAME"] ?? "Config Person") <\(environment["GIT_COMMITTER_EMAIL"] ?? environment["EMAIL"] ?? "config@example.com")>"
        return author + "\n" + committer
    }
}
