import Foundation
@testable import QuillKit
import TestSupport
import Testing

/// Prompts rewritten throughout, at sizes where a word diff of every line (or pairing messages by
/// scanning them all) used to take minutes: the diff keeps whole lines past the hunk bound and still
/// says exactly what git says.
@Suite("large prompt diffs")
struct LargePromptDiffTests {
    /// `count` lines of prose, each with its number so no two lines are alike; `edited` changes one word in each.
    private func prose(_ count: Int, edited: Bool) -> String {
        (0..<count).map { "Line \($0): answer the \(edited ? "customer's" : "user's") question briefly, citing the policy document.\n" }.joined()
    }

    @Test("a hunk past the bound shows git's removed and added lines; a smaller one pairs changed lines with word diffs")
    func hunkBound() throws {
        let lineBytes = prose(1, edited: false).utf8.count
        let large = TextDiff.wordDiffHunkBytes / lineBytes  // half the bound on each side: over it in all
        let diff = try TextDiff.between(prose(large, edited: false), prose(large, edited: true))
        let hunk = try #require(diff.hunks.first)
        #expect(diff.hunks.count == 1)
        #expect(hunk.lines.map(\.kind) == Array(repeating: .removed, count: large) + Array(repeating: .added, count: large))
        #expect(hunk.lines.first?.oldLine == 1 && hunk.lines.first?.newLine == nil)
        #expect(hunk.lines.last?.newLine == large && hunk.lines.last?.oldLine == nil)
        #expect(hunk.lines.allSatisfy { $0.words == nil })
        // The same edit on few enough lines is paired, each line with its word diff.
        let small = try TextDiff.between(prose(20, edited: false), prose(20, edited: true))
        #expect(small.hunks.flatMap(\.lines).map(\.kind) == Array(repeating: .changed, count: 20))
        #expect(small.hunks[0].lines[0].words?.filter { $0.kind != .equal }.map(\.text) == ["user", "customer"])
    }

    @Test("a prompt rewritten throughout diffs as git diffs it", .timeLimit(.minutes(1)))
    func wholeRewriteMatchesGit() throws {
        let repository = try TestRepository()
        let old = prose(6_000, edited: false)
        let new = prose(6_000, edited: true)
        try repository.write("old.md", old)
        try repository.write("new.md", new)
        let git = try ProcessRunner.run(
            TestEnvironment.gitPath, ["diff", "--no-index", "--no-color", "old.md", "new.md"], in: repository.path,
            environment: TestEnvironment.variables())
        #expect(git.status == 1)
        // git's lines from the first hunk header on, the header without the function name after it.
        let expected = git.stdout.split(separator: "\n").drop { !$0.hasPrefix("@@") }.map { line in
            line.hasPrefix("@@") ? line.components(separatedBy: " @@")[0] + " @@" : String(line)
        }
        let unified = try TextDiff.between(old, new).hunks.flatMap { hunk in
            ["@@ -\(hunk.oldStart),\(hunk.oldCount) +\(hunk.newStart),\(hunk.newCount) @@"]
                + hunk.lines.map { ($0.kind == .removed ? "-" : $0.kind == .added ? "+" : " ") + $0.text }
        }
        #expect(unified == expected)
    }

    @Test("20,000 messages with one added in front pair by text without scanning every message", .timeLimit(.minutes(1)))
    func manyMessages() throws {
        let old = (0..<20_000).map { PromptMessage(role: $0 % 2 == 0 ? "user" : "assistant", text: "message \($0)", startLine: $0 + 1, endLine: $0 + 1) }
        let new = [PromptMessage(role: "system", text: "Be brief.", startLine: 1, endLine: 1)] + old
        let changes = try MessageMatcher.changes(from: old, to: new)
        #expect(changes.count == 20_001)
        #expect(changes.first?.kind == .added)
        #expect(changes.dropFirst().allSatisfy { $0.kind == .unchanged && !$0.moved && $0.oldIndex.map { $0 + 1 } == $0.newIndex })
        // Reversed, with every text edited: paired by role and position (the k-th assistant message with the
        // k-th), so the new order (assistant, user, …) takes the old messages as 1, 0, 3, 2, …
        let edited = old.prefix(200).reversed().map { PromptMessage(role: $0.role, text: $0.text + "!", startLine: 1, endLine: 1) }
        let rewritten = try MessageMatcher.changes(from: Array(old.prefix(200)), to: edited)
        #expect(rewritten.allSatisfy { $0.kind == .changed })
        #expect(rewritten.map(\.oldIndex) == (0..<200).map { $0 ^ 1 })
        #expect(rewritten.filter { !$0.moved }.count == 100)
    }
}
