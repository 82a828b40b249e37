import Foundation
import GitKit
@testable import QuillKit
import TestSupport

/// A bare remote with one prompt on `main`, and clones of it that record evaluations and sync.
final class SyncFixture {
    let remote: TestRepository
    private let results = try! TemporaryFolder()
    private var resultCounter = 0

    static let prompt = "prompts/support.prompt"

    /// The remote is a plain bare repository, or the folder `path` (for `git daemon`) when given.
    init(remotePath: String? = nil) throws {
        remote = try TestRepository(bare: true)
        let seed = try TestRepository()
        try seed.write(SyncFixture.prompt, "---\nmodel: gpt-4o\n---\n{{role \"user\"}}\n{{question}}\n")
        try seed.commitAll("add support prompt")
        try seed.git("push", "-q", remote.path, "main")
        if let remotePath {
            try ProcessRunner.run(TestEnvironment.gitPath, ["clone", "-q", "--bare", remote.path, remotePath], environment: TestEnvironment.variables())
        }
    }

    /// A clone of the remote at `url` (default: the bare remote's path), as `origin`.
    func clone(_ url: String? = nil) throws -> TestRepository {
        let clone = try TestRepository()
        try clone.git("config", "user.name", TestEnvironment.authorName)
        try clone.git("config", "user.email", TestEnvironment.authorEmail)
        try clone.git("remote", "add", "origin", url ?? remote.path)
        try clone.git("fetch", "-q", "origin")
        try clone.git("reset", "-q", "--hard", "origin/main")
        return clone
    }

    /// Commits an edit of the prompt in `clone` and pushes the commit as branch `branch`; returns the commit.
    func commitEdit(in clone: TestRepository, branch: String) throws -> String {
        try clone.write(SyncFixture.prompt, "---\nmodel: gpt-4o\n---\n{{role \"user\"}}\n{{question}} (\(branch))\n")
        let commit = try clone.commitAll("tune on \(branch)")
        try clone.git("push", "-q", "origin", "HEAD:refs/heads/\(branch)")
        return commit
    }

    /// Records a DVC-style metrics file `{"accuracy": value}` for the prompt at `commit` (default HEAD).
    @discardableResult
    func record(_ accuracy: Double, in clone: TestRepository, commit: String? = nil) throws -> RecordReport {
        resultCounter += 1
        let file = results.path + "/metrics-\(resultCounter).json"
        try Data(#"{"accuracy": \#(accuracy)}"#.utf8).write(to: URL(fileURLWithPath: file))
        return try Workspace.open(from: clone.path).recordEvaluations(RecordRequest(files: [file], prompt: SyncFixture.prompt, commit: commit))
    }

    /// The record ids on `refs/quill/evals` in the repository at `path`, as git lists them.
    static func recordIDs(at path: String) throws -> Set<String> {
        let listing = try ProcessRunner.run(
            TestEnvironment.gitPath, ["ls-tree", "-r", "--name-only", "refs/quill/evals", "records/"], in: path, environment: TestEnvironment.variables())
        return Set(listing.output.split(separator: "\n").map { $0.dropFirst("records/".count).replacingOccurrences(of: "/", with: "").replacingOccurrences(of: ".json", with: "") })
    }

    /// The score note of `commit` in the repository at `path`, as `git log --notes=quill` shows it.
    static func note(_ commit: String, at path: String) throws -> String {
        try ProcessRunner.run(
            TestEnvironment.gitPath, ["log", "-1", "--notes=quill", "--format=%N", commit], in: path, environment: TestEnvironment.variables()).output
    }
}
