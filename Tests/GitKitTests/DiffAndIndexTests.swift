import Foundation
import GitKit
import TestSupport
import Testing

@Suite("Diffs, status and the index")
struct DiffAndIndexTests {
    @Test("line diff hunks equal git diff's")
    func lineDiffMatchesGit() throws {
        let repository = try TestRepository()
        let old = (1...40).map { "line \($0)" }.joined(separator: "\n") + "\n"
        var newLines = (1...40).map { "line \($0)" }
        newLines[4] = "changed five"
        newLines.remove(at: 20)
        newLines.insert("inserted", at: 30)
        let new = newLines.joined(separator: "\n") + "\n"
        try repository.write("old.txt", old)
        try repository.write("new.txt", new)
        let gitDiff = try ProcessRunner.run(TestEnvironment.gitPath, ["diff", "--no-index", "-U3", "old.txt", "new.txt"], in: repository.path, environment: TestEnvironment.variables())
        let gitHeaders = gitDiff.stdout.split(separator: "\n").filter { $0.hasPrefix("@@") }.map { $0.split(separator: " ").prefix(4).joined(separator: " ") }
        let diff = try Repository.lineDiff(from: Data(old.utf8), to: Data(new.utf8))
        let headers = diff.hunks.map { "@@ -\($0.oldStart),\($0.oldCount) +\($0.newStart),\($0.newCount) @@" }
        #expect(headers == gitHeaders)
        let gitBody = gitDiff.stdout.split(separator: "\n").drop { !$0.hasPrefix("@@") }.filter { !$0.hasPrefix("@@") }.map { String($0) }
        let body = diff.hunks.flatMap(\.lines).map { ($0.kind == .added ? "+" : $0.kind == .removed ? "-" : " ") + $0.text }
        #expect(body == gitBody)
        #expect(try Repository.lineDiff(from: Data(old.utf8), to: Data(old.utf8)).isEmpty)
    }

    @Test("reports staged, unstaged and untracked paths as git status does")
    func status() throws {
        let repository = try TestRepository()
        try repository.write("prompts/a.prompt", "a\n")
        try repository.write("prompts/b.prompt", "a long enough prompt body\nto be similar\nafter a small edit\n")
        try repository.write("prompts/c.prompt", "c\n")
        try repository.commitAll("base")
        try repository.write("prompts/a.prompt", "a2\n")
        try repository.write("prompts/b.prompt", "a long enough prompt body\nto be similar\nafter a small edit!\n")
        try repository.git("add", "prompts/b.prompt")
        try repository.remove("prompts/c.prompt")
        try repository.write("prompts/new/d.prompt", "d\n")
        try repository.git("mv", "prompts/b.prompt", "prompts/b2.prompt")
        let entries = try repository.open().status()
        #expect(entries.map(\.path) == ["prompts/a.prompt", "prompts/b2.prompt", "prompts/c.prompt", "prompts/new/d.prompt"])
        #expect(entries.map(\.staged) == [nil, .renamed, nil, nil])
        #expect(entries.map(\.unstaged) == [.modified, nil, .deleted, .untracked])
        #expect(entries[1].headPath == "prompts/b.prompt")
    }

    @Test("stages through the index and commits on HEAD like git commit")
    func stagesAndCommits() throws {
        let repository = try TestRepository()
        try repository.write("prompts/a.prompt", "a\n")
        try repository.write("prompts/b.prompt", "b\n")
        let opened = try repository.open()
        let index = try opened.index()
        try index.add(path: "prompts/a.prompt")
        try index.add(path: "prompts/b.prompt")
        let tree = try index.writeTree()
        let signature = TestEnvironment.signature(at: 1_700_000_000)
        let first = try opened.commitOnHead(tree: tree, parents: [], message: "add prompts\n", author: signature, committer: signature)
        try index.write()
        #expect(try repository.git("status", "--porcelain") == "")
        try repository.remove("prompts/b.prompt")
        try index.remove(path: "prompts/b.prompt")
        #expect(index.entryID(path: "prompts/b.prompt") == nil)
        #expect(index.entryID(path: "prompts/a.prompt") != nil)
        let second = try opened.commitOnHead(tree: index.writeTree(), parents: [first], message: "drop b\n", author: signature, committer: signature)
        try index.write()
        #expect(try repository.git("status", "--porcelain") == "")
        #expect(try repository.git("log", "--format=%s", "--name-status", second.hex).contains("D\tprompts/b.prompt"))
        try repository.fsck()
    }
}
