import Foundation
import QuillKit
import TestSupport
import Testing

@Suite("Bare repositories against git in the same repository")
struct BareRepositoryTests {
    /// A history with its own prompt globs in `quill.yaml`, a rename, scores on two versions, and a
    /// `git clone --mirror` of it (refs/quill/* included), as a server or CI cache holds it.
    private func mirrored() throws -> (source: TestRepository, mirror: TestRepository, commits: [String]) {
        let source = try TestRepository.evaluated()
        try source.write("quill.yaml", "prompts:\n  - agents/**\nmetrics:\n  accuracy: {direction: higher}\n")
        try source.write("agents/a.prompt", "You are a support agent.\nAnswer briefly.\nCite the policy.\n")
        try source.write("notes/readme.md", "not a prompt\n")
        var commits = [try source.commitAll("add agent")]
        try source.write("agents/a.prompt", "You are a support agent.\nAnswer briefly and politely.\nCite the policy.\n")
        commits.append(try source.commitAll("be polite"))
        try source.git("mv", "agents/a.prompt", "agents/b.prompt")
        commits.append(try source.commitAll("rename"))
        try source.write("agents/b.prompt", "You are a support agent.\nAnswer briefly and politely.\nCite the policy section.\n")
        try source.write("agents/c.prompt", "Summarise the ticket.\n")
        commits.append(try source.commitAll("cite sections, add summariser"))
        try source.recordMetrics(#"{"accuracy": 0.8}"#, commit: commits[1], prompt: "agents/a.prompt")
        try source.recordMetrics(#"{"accuracy": 0.7}"#, commit: commits[3], prompt: "agents/b.prompt")
        let mirror = try TestRepository(cloning: source, options: ["--mirror"])
        try mirror.git("config", "user.name", "Eve Evaluator")
        try mirror.git("config", "user.email", "eve@example.com")
        return (source, mirror, commits)
    }

    @Test("log, blame, show, diff A B and eval list answer as in the work tree, with quill.yaml read from HEAD")
    func readsWithoutWorkTree() throws {
        let (_, mirror, commits) = try mirrored()
        let workspace = try Workspace.open(from: mirror.path)
        #expect(workspace.workTreeRoot == nil)
        #expect(workspace.isPrompt("agents/x.prompt") && !workspace.isPrompt("prompts/x.prompt"), "the globs of HEAD's quill.yaml")

        let log = try workspace.log(prompt: "agents/b.prompt")
        #expect(log.versions.map(\.commit) == (try mirror.git("log", "--follow", "--format=%H", "--", "agents/b.prompt").split(separator: "\n").map(String.init)))
        // Scores go with the blob: the rename kept the evaluated version of "be polite".
        #expect(log.versions.map { $0.scores.first?.metrics["accuracy"]?.mean } == [0.7, 0.8, 0.8, nil])
        #expect(try workspace.latestVersions().prompts.map(\.path) == ["agents/b.prompt", "agents/c.prompt"])

        let blame = try workspace.blame(prompt: "agents/b.prompt")
        #expect(blame.lines.map { GitBlameLine(commit: $0.commit, originalLine: $0.originalLine, path: $0.originalPath) } == (try mirror.gitBlame("agents/b.prompt")))

        #expect(try workspace.show("HEAD:agents/b.prompt").prompts.first?.prompt?.messages.isEmpty == false)
        #expect(try workspace.show("agents/c.prompt").prompts.map(\.path) == ["agents/c.prompt"])
        #expect(try workspace.show("HEAD").commit.id == commits[3], "HEAD is a revision, not the git folder's HEAD file")

        let diff = try workspace.diff(DiffRequest(revisions: [commits[0], "HEAD"], paths: []))
        let gitChanges = try mirror.git("diff", "--name-only", "-M", commits[0], "HEAD", "--", "agents").split(separator: "\n").map(String.init)
        #expect(diff.prompts.map(\.path) == gitChanges)

        let listed = try workspace.listEvaluations(prompt: "agents/b.prompt", commit: nil).records
        #expect(listed.count == 2)
        #expect(try workspace.showEvaluation(String(try #require(listed.first).id.prefix(10))).record.prompt == "agents/b.prompt")
    }

    @Test("eval record --commit and sync write refs/quill/* in the bare repository as git sees them")
    func recordsAndSyncs() throws {
        // A mirror of a mirror: sync pushes to a bare repository, as to a server.
        let (_, hub, commits) = try mirrored()
        let mirror = try TestRepository(cloning: hub, options: ["--mirror"])
        try mirror.git("config", "user.name", "Eve Evaluator")
        try mirror.git("config", "user.email", "eve@example.com")
        let before = try SyncFixture.recordIDs(at: mirror.path)
        try mirror.recordMetrics(#"{"accuracy": 0.9}"#, commit: commits[2], prompt: "agents/b.prompt")
        let after = try SyncFixture.recordIDs(at: mirror.path)
        #expect(after.count == before.count + 1 && after.isSuperset(of: before))
        try mirror.fsck()

        let report = try Workspace.open(from: mirror.path).sync(remote: "origin")
        #expect(report.remote == "origin")
        #expect(try SyncFixture.recordIDs(at: hub.path) == after)
    }

    @Test("what needs a work tree says so in one line, exit 3; paths are taken from the top of the tree")
    func refusesWorkTreeCommands() throws {
        let (_, mirror, _) = try mirrored()
        let workspace = try Workspace.open(from: mirror.path)
        let attempts: [(String, () throws -> Void)] = [
            ("'quill status'", { _ = try workspace.status() }),
            ("'quill commit'", { _ = try workspace.commit(message: "x", paths: []) }),
            ("a diff against the work tree", { _ = try workspace.diff(DiffRequest(revisions: [], paths: [])) }),
            ("a diff against the work tree", { _ = try workspace.diff(DiffRequest(revisions: ["HEAD~1"], paths: [])) }),
            ("'quill init --git-diff'", { _ = try workspace.registerDiffDriver() }),
        ]
        for (purpose, attempt) in attempts {
            let error = #expect(throws: QuillError.self) { try attempt() }
            #expect(error?.kind == .repository)
            #expect(error?.message.hasSuffix("is a bare repository; \(purpose) needs a work tree (run it in a clone that has one)") == true, "\(error?.message ?? "")")
        }
        for path in ["../agents/b.prompt", "/etc/passwd", ".git/config"] {
            let error = #expect(throws: QuillError.self) { try workspace.log(prompt: path) }
            #expect(error?.kind == .badInput, "\(path)")
        }
        #expect(try workspace.repositoryPath(forUserPath: "./agents/../agents/b.prompt") == "agents/b.prompt")
    }
}
