import Foundation
import QuillKit
import TestSupport
import Testing

@Suite("Workspace show")
struct WorkspaceShowTests {
    /// Three commits: add two prompts and a README; edit one prompt and the README; add a third and delete one.
    private func makeRepository() throws -> TestRepository {
        let repository = try TestRepository()
        try repository.write("prompts/greet.prompt", "---\nmodel: gpt-4o\n---\nHello {{name}}\n")
        try repository.write("prompts/sum.txt", "Summarise.\n")
        try repository.write("README.md", "readme\n")
        try repository.commitAll("add prompts")
        try repository.write("prompts/greet.prompt", "---\nmodel: gpt-4o-mini\n---\nHello {{name}}, welcome\n")
        try repository.write("README.md", "readme 2\n")
        try repository.commitAll("tune greeting")
        try repository.write("prompts/new.md", "Be kind.\n")
        try repository.remove("prompts/sum.txt")
        try repository.commitAll("add new, drop sum")
        return repository
    }

    @Test("REV:PROMPT shows that prompt version at that commit")
    func revisionAndPath() throws {
        let repository = try makeRepository()
        let report = try Workspace.open(from: repository.path).show("HEAD~2:prompts/greet.prompt")
        #expect(report.commit.id == (try repository.git("rev-parse", "HEAD~2")))
        let fields = try repository.git("log", "-1", "--format=%an%n%ae%n%aI%n%s", "HEAD~2").split(separator: "\n").map(String.init)
        #expect([report.commit.author, report.commit.authorEmail, report.commit.date, report.commit.subject] == fields)
        let entry = try #require(report.prompts.first)
        #expect(report.prompts.count == 1)
        #expect(entry.path == "prompts/greet.prompt")
        #expect(entry.blob == (try repository.git("rev-parse", "HEAD~2:prompts/greet.prompt")))
        #expect(entry.prompt != nil)
        #expect(entry.error == nil)
    }

    @Test("REV shows the prompts the commit added or changed, as git diff-tree lists them", arguments: ["HEAD", "HEAD~1", "HEAD~2", "main"])
    func revisionOnly(revision: String) throws {
        let repository = try makeRepository()
        let report = try Workspace.open(from: repository.path).show(revision)
        #expect(report.commit.id == (try repository.git("rev-parse", revision)))
        let changed = try repository.git("diff-tree", "--root", "--no-commit-id", "-r", "--no-renames", "--name-only", "--diff-filter=d", revision)
            .split(separator: "\n").map(String.init).filter { $0.hasPrefix("prompts/") }
        #expect(report.prompts.map(\.path) == changed)
        let blobs = try changed.map { try repository.git("rev-parse", "\(revision):\($0)") }
        #expect(report.prompts.map(\.blob) == blobs)
    }

    @Test("a bare path shows the prompt at HEAD")
    func barePath() throws {
        let repository = try makeRepository()
        let report = try Workspace.open(from: repository.path).show("prompts/greet.prompt")
        #expect(report.commit.id == (try repository.git("rev-parse", "HEAD")))
        #expect(report.prompts.map(\.blob) == [try repository.git("rev-parse", "HEAD:prompts/greet.prompt")])
        #expect(report.prompts.first?.prompt?.variables.contains("name") == true)
    }

    @Test("an unknown revision is bad input naming it", arguments: ["nosuchbranch:prompts/greet.prompt", "nosuchbranch", "HEAD~9:prompts/greet.prompt"])
    func unknownRevision(spec: String) throws {
        let repository = try makeRepository()
        let error = try #require(throws: QuillError.self) { try Workspace.open(from: repository.path).show(spec) }
        #expect(error.kind == .badInput)
        let revision = spec.split(separator: ":")[0]
        #expect(error.message.contains("'\(revision)'"))
    }

    @Test("a path missing at the revision is bad input naming it", arguments: ["HEAD:prompts/sum.txt", "HEAD~2:prompts/new.md", "HEAD:prompts/none.prompt", "prompts/sum.txt"])
    func missingPath(spec: String) throws {
        let repository = try makeRepository()
        let error = try #require(throws: QuillError.self) { try Workspace.open(from: repository.path).show(spec) }
        #expect(error.kind == .badInput)
        let path = spec.split(separator: ":").last!
        #expect(error.message.contains("'\(path)'"))
    }

    @Test("REV:PROMPT of a version that does not parse is bad input with file:line:column")
    func unparseableVersion() throws {
        let repository = try makeRepository()
        try repository.write("prompts/greet.prompt", "Hello {{name")
        try repository.commitAll("break it")
        let error = try #require(throws: QuillError.self) { try Workspace.open(from: repository.path).show("HEAD:prompts/greet.prompt") }
        #expect(error.kind == .badInput)
        #expect(error.message == "prompts/greet.prompt:1:7: '{{' is never closed; expected '}}'")
        // Showing the commit instead lists the version with its error rather than failing.
        let report = try Workspace.open(from: repository.path).show("HEAD")
        #expect(report.prompts.map(\.error) == ["prompts/greet.prompt:1:7: '{{' is never closed; expected '}}'"])
    }
}
