import Foundation
import QuillKit
import TestSupport
import Testing

@Suite("Workspace status")
struct WorkspaceStatusTests {
    @Test("reports staged, unstaged and untracked prompts, leaves other files out, and names unparseable prompts")
    func stagedUnstagedUntracked() throws {
        let repository = try TestRepository()
        try repository.write("prompts/staged.prompt", "Hello {{name}}\n")
        try repository.write("prompts/unstaged.txt", "Summarise the ticket.\n")
        try repository.write("prompts/deleted.md", "Be brief.\n")
        try repository.write("prompts/broken.prompt", "Fine for now\n")
        try repository.write("README.md", "readme\n")
        let head = try repository.commitAll("base")

        try repository.write("prompts/staged.prompt", "Hello {{name}}, welcome\n")
        try repository.git("add", "prompts/staged.prompt")
        try repository.write("prompts/unstaged.txt", "Summarise the ticket in one line.\n")
        try repository.remove("prompts/deleted.md")
        try repository.write("prompts/new/untracked.prompt", "Hi {{user}}\n")
        try repository.write("prompts/broken.prompt", "Hello {{name")
        try repository.write("README.md", "readme, changed\n")
        try repository.write("notes.txt", "not a prompt\n")

        let report = try Workspace.open(from: repository.path).status()
        #expect(report.branch == "main")
        #expect(report.head == head)
        let byPath = Dictionary(uniqueKeysWithValues: report.changes.map { ($0.path, $0) })
        #expect(byPath.keys.sorted() == [
            "prompts/broken.prompt", "prompts/deleted.md", "prompts/new/untracked.prompt", "prompts/staged.prompt", "prompts/unstaged.txt",
        ])
        #expect(byPath["prompts/staged.prompt"]?.staged == "modified")
        #expect(byPath["prompts/staged.prompt"]?.unstaged == nil)
        #expect(byPath["prompts/unstaged.txt"]?.staged == nil)
        #expect(byPath["prompts/unstaged.txt"]?.unstaged == "modified")
        #expect(byPath["prompts/deleted.md"]?.unstaged == "deleted")
        #expect(byPath["prompts/new/untracked.prompt"]?.unstaged == "untracked")
        let brokenError = "prompts/broken.prompt:1:7: '{{' is never closed; expected '}}'"
        #expect(byPath["prompts/broken.prompt"]?.error == brokenError)
        #expect(byPath["prompts/staged.prompt"]?.error == nil)
        #expect(report.unparseable == [brokenError])

        // The same paths git reports, restricted to prompts.
        let porcelain = try repository.git("status", "--porcelain", "--untracked-files=all").split(separator: "\n")
            .map { String($0.dropFirst(3)) }.filter { $0.hasPrefix("prompts/") }
        #expect(porcelain.sorted() == byPath.keys.sorted())
    }

    @Test("an unchanged prompt that does not parse is still reported, and a clean tree has no changes")
    func unchangedButUnparseable() throws {
        let repository = try TestRepository()
        try repository.write("prompts/ok.prompt", "Hello {{name}}\n")
        try repository.write("prompts/bad.json", "{\"messages\": [}\n")
        try repository.commitAll("base")
        let report = try Workspace.open(from: repository.path).status()
        #expect(report.changes.isEmpty)
        #expect(report.unparseable.count == 1)
        #expect(report.unparseable.first?.hasPrefix("prompts/bad.json:1:") == true)
    }

    @Test("before the first commit every prompt is untracked and head is nil")
    func unborn() throws {
        let repository = try TestRepository()
        try repository.write("prompts/a.txt", "a\n")
        try repository.write("src/main.py", "print()\n")
        let report = try Workspace.open(from: repository.path).status()
        #expect(report.head == nil)
        #expect(report.branch == "main")
        #expect(report.changes.map(\.path) == ["prompts/a.txt"])
        #expect(report.changes.first?.unstaged == "untracked")
    }

    @Test("a staged rename of a prompt names the path in HEAD")
    func stagedRename() throws {
        let repository = try TestRepository()
        let body = (1...12).map { "line \($0)" }.joined(separator: "\n") + "\n"
        try repository.write("prompts/old.txt", body)
        try repository.commitAll("base")
        try repository.git("mv", "prompts/old.txt", "prompts/new.txt")
        let report = try Workspace.open(from: repository.path).status()
        #expect(report.changes.count == 1)
        #expect(report.changes.first?.path == "prompts/new.txt")
        #expect(report.changes.first?.headPath == "prompts/old.txt")
        #expect(report.changes.first?.staged == "renamed")
    }
}
