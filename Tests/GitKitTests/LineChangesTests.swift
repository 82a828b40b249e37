import Foundation
import GitKit
import TestSupport
import Testing

/// `Repository.lineChanges` is git's xdiff rewritten; `git diff --no-index -U0` runs the same diff
/// (the common tail trimmed, Myers, change compaction), so its hunk headers are the oracle.
@Suite("Line changes against git diff -U0")
struct LineChangesTests {
    /// Texts that make xdiff work: runs of equal and blank lines, indentation, long common tails,
    /// a last line without a newline, and versions so unlike that Myers gives up on the shortest path.
    private struct TextPairs {
        var random: SplitMix64
        private static let repeated = ["", "", "    return x", "}", "{", "\tcase a:", "  - item", "# Heading", "a,b,c"]

        mutating func line(unique: Double) -> String {
            if Double.random(in: 0..<1, using: &random) < unique {
                return "row \(Int.random(in: 0..<1_000_000, using: &random)),\(String(repeating: "x", count: Int.random(in: 0..<60, using: &random)))"
            }
            return TextPairs.repeated.randomElement(using: &random)!
        }

        mutating func edited(_ lines: [String], edits: Int, unique: Double) -> [String] {
            var lines = lines
            for _ in 0..<edits {
                let at = Int.random(in: 0...lines.count, using: &random)
                let size = Int.random(in: 1...4, using: &random)
                switch Int.random(in: 0..<3, using: &random) {
                case 0: lines.insert(contentsOf: (0..<size).map { _ in line(unique: unique) }, at: at)
                case 1: lines.removeSubrange(at..<min(lines.count, at + size))
                default: if at < lines.count { lines[at] = line(unique: unique) }
                }
            }
            return lines
        }

        /// Old and new text of one case.
        mutating func pair(_ kind: Int) -> (String, String) {
            let unique = [0.2, 0.0, 0.95][kind]
            let count = [600, 1_500, 2_000][kind]
            let old = (0..<count).map { _ in line(unique: unique) }
            let new = kind == 1 ? (0..<count).map { _ in line(unique: unique) } : edited(old, edits: Int.random(in: 1...30, using: &random), unique: unique)
            let dropLastNewline = Bool.random(using: &random)
            return (old.joined(separator: "\n") + "\n", new.joined(separator: "\n") + (dropLastNewline ? "" : "\n"))
        }
    }

    @Test("changes equal git diff -U0's hunks, with and without the indent heuristic", arguments: [UInt64(1), 2, 3, 4, 5, 6])
    func matchesGitDiff(seed: UInt64) throws {
        let repository = try TestRepository()
        var pairs = TextPairs(random: SplitMix64(seed: seed))
        for kind in 0..<3 {
            let (old, new) = pairs.pair(kind)
            try repository.write("old.txt", old)
            try repository.write("new.txt", new)
            for indentHeuristic in [true, false] {
                let flag = indentHeuristic ? "--indent-heuristic" : "--no-indent-heuristic"
                let output = try ProcessRunner.run(
                    TestEnvironment.gitPath, ["diff", "--no-index", "--text", "-U0", flag, "old.txt", "new.txt"],
                    in: repository.path, environment: TestEnvironment.variables())
                let expected = output.stdout.split(separator: "\n").filter { $0.hasPrefix("@@ ") }.map(LineChangesTests.change)
                let actual = Repository.lineChanges(from: LineTable(Data(old.utf8)), to: LineTable(Data(new.utf8)), indentHeuristic: indentHeuristic)
                #expect(actual == expected, "seed \(seed), kind \(kind), \(flag)")
                #expect(!expected.isEmpty)
            }
        }
    }

    @Test("equal texts have no changes, and an empty side is one change")
    func edges() {
        let text = Data("a\n\nb\n".utf8)
        #expect(Repository.lineChanges(from: LineTable(text), to: LineTable(text)).isEmpty)
        #expect(Repository.lineChanges(from: LineTable(Data()), to: LineTable(text)) == [LineChange(oldStart: 0, oldCount: 0, newStart: 0, newCount: 3)])
        #expect(Repository.lineChanges(from: LineTable(text), to: LineTable(Data())) == [LineChange(oldStart: 0, oldCount: 3, newStart: 0, newCount: 0)])
        #expect(Repository.lineChanges(from: LineTable(Data("a\nb".utf8)), to: LineTable(Data("a\nb\n".utf8))) == [LineChange(oldStart: 1, oldCount: 1, newStart: 1, newCount: 1)])
    }

    /// `@@ -a[,b] +c[,d] @@` as a change: an empty side starts after line a (0-based a), else at a - 1.
    private static func change(_ header: Substring) -> LineChange {
        let fields = header.split(separator: " ")
        func range(_ field: Substring) -> (start: Int, count: Int) {
            let parts = field.dropFirst().split(separator: ",").map { Int($0)! }
            let count = parts.count > 1 ? parts[1] : 1
            return (count == 0 ? parts[0] : parts[0] - 1, count)
        }
        let old = range(fields[1])
        let new = range(fields[2])
        return LineChange(oldStart: old.start, oldCount: old.count, newStart: new.start, newCount: new.count)
    }
}
