import Foundation
import TestSupport
import Testing

/// Runs the built `quill` binary against real repositories, as a user would.
@Suite("quill command line")
struct QuillCLITests {
    private let supportPrompt = """
        ---
        model: gpt-4o
        config:
          temperature: 0.3
        ---
        {{role "system"}}
        You are a support agent.
        {{role "user"}}
        {{question}}

        """

    @Test("init creates a repository, a quill.yaml and the notes rewrite setting; a second run keeps them")
    func initialises() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("quill-e2e-init-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let first = try QuillBinary.run(["init"], in: folder)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("Initialized empty git repository"))
        #expect(FileManager.default.fileExists(atPath: folder + "/quill.yaml"))
        let config = try ProcessRunner.run(TestEnvironment.gitPath, ["config", "--get-all", "notes.rewriteRef"], in: folder, environment: TestEnvironment.variables())
        #expect(config.output == "refs/notes/quill")
        let second = try QuillBinary.run(["init", "--format", "json"], in: folder)
        #expect(second.status == 0)
        #expect(second.stdout.contains("\"createdRepository\" : false"))
        #expect(second.stdout.contains("\"wroteConfig\" : false"))
    }

    @Test("commit records prompts that git log reads, and log lists them like git log --follow")
    func commitsAndLogs() throws {
        let repository = try TestRepository()
        try repository.write("prompts/support.prompt", supportPrompt)
        let commit = try QuillBinary.run(["commit", "-m", "Add support prompt"], in: repository.path, date: 1_700_000_100)
        #expect(commit.status == 0, "\(commit.stderr)")
        #expect(commit.stdout.contains("Add support prompt"))
        #expect(try repository.git("log", "--format=%s %an") == "Add support prompt \(TestEnvironment.authorName)")
        try repository.git("mv", "prompts/support.prompt", "prompts/agent.prompt")
        try repository.commit("Rename support prompt")
        try repository.write("prompts/agent.prompt", supportPrompt.replacingOccurrences(of: "0.3", with: "0.1"))
        let second = try QuillBinary.run(["commit", "-m", "Cooler", "prompts/agent.prompt"], in: repository.path, date: 1_700_000_900)
        #expect(second.status == 0, "\(second.stderr)")
        let log = try QuillBinary.run(["log", "prompts/agent.prompt", "--format", "json"], in: repository.path)
        #expect(log.status == 0, "\(log.stderr)")
        let decoded = try JSONSerialization.jsonObject(with: Data(log.stdout.utf8)) as? [String: Any]
        let versions = try #require(decoded?["versions"] as? [[String: Any]])
        let commits = versions.compactMap { $0["commit"] as? String }.joined(separator: "\n")
        #expect(commits == (try repository.git("log", "--follow", "--format=%H", "--", "prompts/agent.prompt")))
        #expect(versions.compactMap { $0["change"] as? String } == ["modified", "renamed", "added"])
        try repository.fsck()
    }

    @Test("a prompt that does not parse stops the commit with one line naming file and line, and changes nothing")
    func refusesBrokenPrompt() throws {
        let repository = try TestRepository()
        try repository.write("prompts/ok.prompt", supportPrompt)
        try repository.commitAll("base")
        try repository.write("prompts/ok.prompt", supportPrompt + "more\n")
        try repository.write("prompts/broken.prompt", "---\nmodel: gpt-4o\n{{role \"user\"}}\nhi\n")
        let indexBefore = try Data(contentsOf: URL(fileURLWithPath: repository.path + "/.git/index"))
        let headBefore = try repository.git("rev-parse", "HEAD")
        let statusBefore = try repository.git("status", "--porcelain")
        let result = try QuillBinary.run(["commit", "-m", "should fail"], in: repository.path)
        #expect(result.status == 2)
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 1)
        #expect(lines.first?.hasPrefix("error: prompts/broken.prompt:") == true)
        #expect(try repository.git("rev-parse", "HEAD") == headBefore)
        #expect(try repository.git("status", "--porcelain") == statusBefore)
        #expect(try Data(contentsOf: URL(fileURLWithPath: repository.path + "/.git/index")) == indexBefore)
        try repository.fsck()
    }

    @Test("status lists changed and unparseable prompts, ignoring other files")
    func reportsStatus() throws {
        let repository = try TestRepository()
        try repository.write("prompts/a.prompt", supportPrompt)
        try repository.write("README.md", "readme\n")
        try repository.commitAll("base")
        try repository.write("prompts/a.prompt", supportPrompt + "extra line\n")
        try repository.write("prompts/bad.json", "{\"messages\": 3}\n")
        try repository.write("README.md", "changed\n")
        let result = try QuillBinary.run(["status", "--format", "json"], in: repository.path)
        #expect(result.status == 0, "\(result.stderr)")
        let decoded = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let changes = try #require(decoded["changes"] as? [[String: Any]])
        #expect(changes.compactMap { $0["path"] as? String } == ["prompts/a.prompt", "prompts/bad.json"])
        let unparseable = try #require(decoded["unparseable"] as? [String])
        #expect(unparseable.count == 1)
        #expect(unparseable.first?.hasPrefix("prompts/bad.json:1:") == true)
        let text = try QuillBinary.run(["status"], in: repository.path)
        #expect(!text.stdout.contains("\u{1B}["), "no colour when stdout is not a terminal")
        #expect(text.stdout.contains("prompts/a.prompt"))
        #expect(!text.stdout.contains("README.md"))
    }

    @Test("show prints front matter, messages and variables of a version")
    func showsVersion() throws {
        let repository = try TestRepository()
        try repository.write("prompts/support.prompt", supportPrompt)
        try repository.commitAll("base")
        let result = try QuillBinary.run(["show", "HEAD:prompts/support.prompt", "--format", "json"], in: repository.path)
        #expect(result.status == 0, "\(result.stderr)")
        let decoded = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let prompts = try #require(decoded["prompts"] as? [[String: Any]])
        let prompt = try #require(prompts.first?["prompt"] as? [String: Any])
        #expect(prompt["variables"] as? [String] == ["question"])
        #expect((prompt["messages"] as? [[String: Any]])?.compactMap { $0["role"] as? String } == ["system", "user"])
        #expect(prompts.first?["blob"] as? String == (try repository.git("rev-parse", "HEAD:prompts/support.prompt")))
        let text = try QuillBinary.run(["show", "prompts/support.prompt"], in: repository.path)
        #expect(text.stdout.contains("temperature: 0.3"))
        #expect(text.stdout.contains("variables: question"))
    }

    @Test("exit status: 1 when nothing to commit, 2 on bad input, 3 outside a repository", arguments: [
        (["commit", "-m", "nothing"], Int32(1), "nothing to commit"),
        (["show", "no-such-rev:prompts/a.prompt"], Int32(2), "unknown revision 'no-such-rev'"),
        (["log", "prompts/missing.prompt"], Int32(2), "prompt 'prompts/missing.prompt' has no history"),
        (["log", "--format", "xml"], Int32(2), "'xml' is invalid"),
        (["commit", "-m", "x", "prompts/nope.prompt"], Int32(2), "pathspec 'prompts/nope.prompt' did not match"),
        (["frobnicate"], Int32(2), "unexpected argument 'frobnicate'"),
    ])
    func exitStatuses(arguments: [String], status: Int32, message: String) throws {
        let repository = try TestRepository()
        try repository.write("prompts/a.prompt", supportPrompt)
        try repository.commitAll("base")
        let result = try QuillBinary.run(arguments, in: repository.path)
        #expect(result.status == status)
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect(result.stderr.contains(message), "\(result.stderr)")
    }

    @Test("outside any repository, commands exit 3 and say how to start")
    func outsideRepository() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("quill-e2e-none-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let result = try QuillBinary.run(["status"], in: folder, extra: ["GIT_CEILING_DIRECTORIES": FileManager.default.temporaryDirectory.path])
        #expect(result.status == 3)
        #expect(result.stderr.contains("run 'quill init'"))
    }

    @Test("demo builds a repository and shows log, show and a diff with scores on it")
    func runsDemo() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("quill-e2e-demo-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let result = try QuillBinary.run(["demo", folder], in: FileManager.default.temporaryDirectory.path)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("prompts/support.prompt: 4 versions"))
        #expect(result.stdout.contains("[from prompts/faq.md]"))
        #expect(result.stdout.contains("variables: customer, question, order_id, article_url"))
        #expect(result.stdout.contains("scores: suite 'support-regression'"), "log shows score columns")
        #expect(result.stdout.contains("0.7625 (-0.075)"), "the cheaper model's dip, with its delta")
        #expect(result.stdout.contains("scores — support-regression (2 runs → 1 run, 40 cases paired)"), "the diff pairs per-case results")
        let records = try ProcessRunner.run(TestEnvironment.gitPath, ["ls-tree", "-r", "--name-only", "refs/quill/evals"], in: folder, environment: TestEnvironment.variables())
        let paths = records.stdout.split(separator: "\n")
        let commits = try ProcessRunner.run(TestEnvironment.gitPath, ["rev-list", "--count", "HEAD"], in: folder, environment: TestEnvironment.variables())
        #expect(paths.filter { $0.hasPrefix("records/") }.count == Int(commits.output), "one record of the support prompt per commit")
        #expect(paths.filter { $0.hasPrefix("cases/") }.count == Int(commits.output), "each with per-case results")
        let fsck = try ProcessRunner.run(TestEnvironment.gitPath, ["fsck", "--strict"], in: folder, environment: TestEnvironment.variables())
        #expect(fsck.status == 0)
        let again = try QuillBinary.run(["demo", folder], in: FileManager.default.temporaryDirectory.path)
        #expect(again.status == 2)
    }
}
