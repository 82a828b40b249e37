import Foundation
import QuillKit
import TestSupport
import Testing

@Suite("Line blame against git blame --porcelain")
struct LineBlameTests {
    @Test("every line of every prompt names git blame's commit, line and path, on 500-commit histories, with and without a commit-graph",
          arguments: [UInt64(1), 2, 3, 4])
    func generatedHistory(seed: UInt64) throws {
        var generator = BlameHistoryGenerator(seed: seed, commits: 500)
        let history = generator.generate()
        let repository = try TestRepository()
        try repository.importStream(history.stream)
        try repository.writeCommitGraph(.forSeed(Int(seed)))
        #expect(history.commitCount >= 500 && history.mergeCount >= 10 && history.renameCount >= 5, "too small a history")
        let workspace = try Workspace.open(from: repository.path)
        let merge = try repository.git("rev-list", "--merges", "-1", "HEAD~20")
        var compared = 0
        for revision in ["HEAD", "HEAD~150", merge, merge + "^2"] {
            let paths = try repository.git("ls-tree", "-r", "--name-only", revision, "--", "prompts").split(separator: "\n").map(String.init)
            for path in paths {
                let actual = try workspace.blame(prompt: path, revision: revision).lines.map {
                    GitBlameLine(commit: $0.commit, originalLine: $0.originalLine, path: $0.originalPath)
                }
                #expect(actual == (try repository.gitBlame(path, revision: revision)), "\(revision):\(path)")
                compared += actual.count
            }
        }
        print("seed \(seed): \(history.commitCount) commits, \(history.mergeCount) merges, \(history.renameCount) renames; \(compared) lines equal to git blame")
    }

    @Test("with diff.indentHeuristic off, lines are still attributed as git blame attributes them")
    func withoutIndentHeuristic() throws {
        var generator = BlameHistoryGenerator(seed: 8, commits: 300)
        let repository = try TestRepository()
        try repository.importStream(generator.generate().stream)
        try repository.git("config", "diff.indentHeuristic", "false")
        let workspace = try Workspace.open(from: repository.path)
        for path in try repository.git("ls-tree", "-r", "--name-only", "HEAD", "--", "prompts").split(separator: "\n").map(String.init) {
            let actual = try workspace.blame(prompt: path).lines.map { GitBlameLine(commit: $0.commit, originalLine: $0.originalLine, path: $0.originalPath) }
            #expect(actual == (try repository.gitBlame(path)), "\(path)")
        }
    }

    @Test("a merge whose file equals its second parent hands every line to that side")
    func mergeTakesIdenticalParent() throws {
        let repository = try TestRepository()
        try repository.write("prompts/a.md", "one\ntwo\nthree\n")
        let base = try repository.commitAll("base")
        try repository.git("switch", "-q", "-c", "side")
        try repository.write("prompts/a.md", "one\n  two\nthree\nfour\n")
        let side = try repository.commitAll("side edit")
        try repository.git("switch", "-q", "main")
        try repository.write("prompts/a.md", "zero\none\ntwo\nthree\n")
        try repository.commitAll("main edit")
        try repository.tick()
        try repository.git(["merge", "-q", "--no-ff", "-s", "ours", "-m", "merge", "side"])
        try repository.git(["checkout", "side", "--", "prompts/a.md"])
        try repository.git(["commit", "-q", "--amend", "-m", "merge taking side"])
        let report = try Workspace.open(from: repository.path).blame(prompt: "prompts/a.md")
        #expect(report.lines.map(\.commit) == [base, side, base, side])
        #expect(report.lines.map(\.text) == ["one", "  two", "three", "four"])
        #expect(report.lines.map { GitBlameLine(commit: $0.commit, originalLine: $0.originalLine, path: $0.originalPath) } == (try repository.gitBlame("prompts/a.md")))
    }

    @Test("each blamed commit carries the score change its evaluated version brought")
    func scores() throws {
        let repository = try TestRepository.evaluated()
        try repository.write("prompts/a.md", "Answer briefly.\nCite sources.\n")
        let first = try repository.commitAll("first")
        try repository.recordMetrics(#"{"accuracy": 0.7}"#)
        try repository.write("prompts/a.md", "Answer briefly.\nCite two sources.\n")
        let second = try repository.commitAll("second")
        try repository.recordMetrics(#"{"accuracy": 0.85}"#)
        let report = try Workspace.open(from: repository.path).blame(prompt: "prompts/a.md")
        #expect(report.lines.map(\.commit) == [first, second])
        #expect(report.metrics == ["accuracy"])
        let byCommit = Dictionary(uniqueKeysWithValues: report.commits.map { ($0.version.commit, $0) })
        let delta = try #require(byCommit[second]?.version.scores.first?.metrics["accuracy"]?.delta)
        #expect(abs(delta - 0.15) < 1e-12)
        #expect(byCommit[first]?.version.scores.first?.metrics["accuracy"]?.delta == nil)
        #expect(byCommit[first]?.isBoundary == true)
        #expect(byCommit[second]?.version.change == .modified)
    }

    @Test("bad input is one clear error", arguments: [
        ("prompts/a.md", "no-such-rev", "unknown revision 'no-such-rev'"),
        ("prompts/missing.md", "HEAD", "'prompts/missing.md' is not a file at 'HEAD'"),
        ("prompts", "HEAD", "'prompts' is not a file at 'HEAD'"),
    ])
    func badInput(path: String, revision: String, message: String) throws {
        let repository = try TestRepository()
        try repository.write("prompts/a.md", "hello\n")
        try repository.commitAll("add")
        let error = #expect(throws: QuillError.self) { try Workspace.open(from: repository.path).blame(prompt: path, revision: revision) }
        #expect(error?.kind == .badInput)
        #expect(error?.message.hasPrefix(message) == true, "\(error?.message ?? "")")
    }
}
