import Foundation
@testable import GitKit
import TestSupport
import Testing

/// git's rename and copy pairing, each rule on a hand-built history, each answer checked against
/// the real `git` (`log --follow`, `blame`, `diff -M`).
@Suite("Rename and copy detection as git does it")
struct RenameDetectionTests {
    /// Commits `files` (path → content, `nil` deletes) on top of `base`, returns the commit.
    func commit(_ repository: TestRepository, _ files: [String: String?]) throws -> String {
        for (path, content) in files {
            if let content { try repository.write(path, content) } else { try repository.remove(path) }
        }
        return try repository.commitAll("step")
    }

    /// Asserts Quill's answers for `path` added in `commit` equal git's (follow, diff -M, and blame
    /// where git blame hands lines to a source); returns git's follow status.
    @discardableResult
    func expectGitsAnswers(_ repository: TestRepository, _ commit: String, _ path: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let opened = try repository.open()
        let follow = try repository.gitFollowStatus(commit, path)
        #expect(try opened.followStatus(commit, path) == follow, "git log --follow", sourceLocation: sourceLocation)
        // git blame shows its source only through lines it hands to it.
        if let blamed = try repository.gitBlameSource(commit, path) {
            #expect(try opened.blameSource(commit, path) == blamed, "git blame", sourceLocation: sourceLocation)
        }
        #expect(try opened.renameStatus(commit) == repository.gitRenameStatus(commit), "git diff -M", sourceLocation: sourceLocation)
        return follow
    }

    @Test("a rename git scores 52% is followed, with git's score")
    func fiftyTwoPercentRename() throws {
        let repository = try TestRepository()
        try commit(repository, ["prompts/old.md": lines(1...100), "README.md": "readme\n"])
        let renamed = try commit(repository, ["prompts/old.md": nil, "prompts/new.md": lines(1...52) + lines(53...100, "edit")])
        #expect(try expectGitsAnswers(repository, renamed, "prompts/new.md") == "R052\tprompts/old.md\tprompts/new.md")
    }

    @Test("a 49% similar file is not a rename (under the 50% threshold and the size cut-off)")
    func underThreshold() throws {
        let repository = try TestRepository()
        try commit(repository, ["a/old.md": lines(1...100)])
        let added = try commit(repository, ["a/old.md": nil, "b/new.md": lines(1...49) + lines(50...100, "edit")])
        #expect(try expectGitsAnswers(repository, added, "b/new.md") == "A\tb/new.md")
        let shorter = try commit(repository, ["b/new.md": nil, "c/short.md": lines(1...49)])
        #expect(try expectGitsAnswers(repository, shorter, "c/short.md") == "A\tc/short.md")
    }

    @Test("an added file near a 35% similar neighbour is added, not copied")
    func addedNearNeighbour() throws {
        let repository = try TestRepository()
        try commit(repository, ["prompts/a.md": lines(1...100), "prompts/b.md": lines(1...80) + lines(81...100, "other")])
        let added = try commit(repository, ["prompts/c.md": lines(1...35) + lines(36...100, "fresh")])
        #expect(try expectGitsAnswers(repository, added, "prompts/c.md") == "A\tprompts/c.md")
    }

    @Test("--follow takes copies from files that stayed; blame and diff -M do not")
    func copiesFromKeptFiles() throws {
        let repository = try TestRepository()
        try commit(repository, ["prompts/base.md": lines(1...100)])
        let copied = try commit(repository, ["prompts/variant.md": lines(1...70) + lines(71...100, "variant")])
        #expect(try expectGitsAnswers(repository, copied, "prompts/variant.md") == "C068\tprompts/base.md\tprompts/variant.md")
    }

    @Test("an empty file added beside empty files is an exact copy of the first in path order")
    func emptyFiles() throws {
        let repository = try TestRepository()
        try commit(repository, ["pkg/zeta/py.typed": "", "pkg/alpha/marker": "", "pkg/alpha/py.typed": "", "LICENSE": lines(1...3)])
        let added = try commit(repository, ["pkg/beta/py.typed": ""])
        #expect(try expectGitsAnswers(repository, added, "pkg/beta/py.typed") == "C100\tpkg/alpha/py.typed\tpkg/beta/py.typed")
        let other = try commit(repository, ["pkg/beta/other.txt": ""])
        #expect(try expectGitsAnswers(repository, other, "pkg/beta/other.txt") == "C100\tpkg/alpha/marker\tpkg/beta/other.txt")
        let moved = try commit(repository, ["pkg/zeta/py.typed": nil, "pkg/gamma/empty": ""])
        #expect(try expectGitsAnswers(repository, moved, "pkg/gamma/empty") == "R100\tpkg/zeta/py.typed\tpkg/gamma/empty")
    }

    @Test("tiny files: one short line, and a last line without a newline (not counted by git)")
    func tinyFiles() throws {
        let repository = try TestRepository()
        try commit(repository, ["one.txt": "a\n", "two.txt": "ab", "long.md": lines(1...10)])
        let tiny = try commit(repository, ["three.txt": "a\nb"])
        try expectGitsAnswers(repository, tiny, "three.txt")
        let tail = try commit(repository, ["long.md": nil, "tail.md": lines(1...10) + String(repeating: "x", count: 63)])
        try expectGitsAnswers(repository, tail, "tail.md")
        let spans = try commit(repository, ["tail.md": nil, "wide.md": String(repeating: "y", count: 700) + "\n" + lines(1...3)])
        try expectGitsAnswers(repository, spans, "wide.md")
    }

    @Test("exact copies with several sources: unused and same-basename sources first, then path order", arguments: [
        ("x/prompt.md", "R100\tx/prompt.md\tw/prompt.md"),
        ("y/prompt.md", "R100\ty/prompt.md\tw/prompt.md"),
        ("z/other.md", "C100\tx/prompt.md\tw/prompt.md"),
    ])
    func exactSources(deleted: String, expected: String) throws {
        let repository = try TestRepository()
        let content = lines(1...20)
        try commit(repository, ["x/prompt.md": content, "y/prompt.md": content, "z/other.md": content])
        let added = try commit(repository, [deleted: nil, "w/prompt.md": content])
        #expect(try expectGitsAnswers(repository, added, "w/prompt.md") == expected)
    }

    /// Found by compare-with-git.sh on dair-ai/Prompt-Engineering-Guide (commit 070992f, 205 files):
    /// git copied `_meta.pt.json` from `_meta.zh.json`, not from the identical `_meta.en.json`.
    @Test("among identical kept sources git's hash table order decides: path order, reversed each time the table grows", arguments: [10, 203, 204, 300, 815])
    func identicalSourcesInGrownTable(fillers: Int) throws {
        let repository = try TestRepository()
        var files: [String: String?] = ["risks/_meta.en.json": "{\"a\": 1}\n", "risks/_meta.zh.json": "{\"a\": 1}\n"]
        for number in 0..<fillers { files[String(format: "pages/page%04d.md", number)] = "page \(number)\n" }
        try commit(repository, files)
        let copied = try commit(repository, ["risks/_meta.pt.json": "{\"a\": 1}\n"])
        try expectGitsAnswers(repository, copied, "risks/_meta.pt.json")
    }

    @Test("one deleted source and two exact destinations: the first in path order takes the rename")
    func oneSourceTwoDestinations() throws {
        let repository = try TestRepository()
        let content = lines(1...20)
        try commit(repository, ["old.md": content])
        let added = try commit(repository, ["old.md": nil, "a.md": content, "b.md": content])
        try expectGitsAnswers(repository, added, "a.md")
        try expectGitsAnswers(repository, added, "b.md")
    }

    @Test("ties: equal scores go to the same basename, else to the first source in path order")
    func ties() throws {
        let repository = try TestRepository()
        let common = lines(1...60)
        try commit(repository, ["p/one.md": common + lines(1...40, "one"), "q/two.md": common + lines(1...40, "two"), "r/dest.md": common + lines(1...40, "three")])
        let renamed = try commit(repository, ["p/one.md": nil, "q/two.md": nil, "r/dest.md": nil, "s/dest.md": common + lines(1...40, "four")])
        try expectGitsAnswers(repository, renamed, "s/dest.md")
        try commit(repository, ["s/dest.md": nil, "t/x.md": common + lines(1...40, "one"), "t/y.md": common + lines(1...40, "two")])
        let tied = try commit(repository, ["t/x.md": nil, "t/y.md": nil, "u/z.md": common + lines(1...40, "five")])
        try expectGitsAnswers(repository, tied, "u/z.md")
    }

    @Test("a unique basename pairs at 75% before a better-scoring other name, for renames only")
    func basenameFirst() throws {
        let repository = try TestRepository()
        try commit(repository, ["old/config.yaml": lines(1...80) + lines(81...100, "old"), "old/best.yaml": lines(1...95) + lines(96...100, "best")])
        let renamed = try commit(repository, ["old/config.yaml": nil, "old/best.yaml": nil, "new/config.yaml": lines(1...100)])
        #expect(try expectGitsAnswers(repository, renamed, "new/config.yaml") == "R095\told/best.yaml\tnew/config.yaml")
        #expect(try repository.gitBlameSource(renamed, "new/config.yaml") == "old/config.yaml")
    }

    @Test("carriage returns before newlines are skipped in text and kept in binary content")
    func carriageReturns() throws {
        let repository = try TestRepository()
        let text = lines(1...30)
        try commit(repository, ["crlf.txt": text.replacingOccurrences(of: "\n", with: "\r\n"), "bin.dat": "\0" + text.replacingOccurrences(of: "\n", with: "\r\n")])
        let renamed = try commit(repository, ["crlf.txt": nil, "bin.dat": nil, "lf.txt": text, "lf.dat": "\0" + text])
        try expectGitsAnswers(repository, renamed, "lf.txt")
        try expectGitsAnswers(repository, renamed, "lf.dat")
    }

    @Test("symbolic links pair only exactly, with the same mode")
    func symlinks() throws {
        let repository = try TestRepository()
        try commit(repository, ["target.md": "target\n"])
        try FileManager.default.createSymbolicLink(atPath: repository.path + "/link", withDestinationPath: "target.md")
        try repository.commitAll("link")
        try FileManager.default.removeItem(atPath: repository.path + "/link")
        try FileManager.default.createSymbolicLink(atPath: repository.path + "/moved", withDestinationPath: "target.md")
        let moved = try repository.commitAll("moved")
        try expectGitsAnswers(repository, moved, "moved")
    }

    @Test("scores equal git's on random edits", arguments: 0..<3)
    func randomEdits(seed: Int) throws {
        var generator = SplitMix(seed: UInt64(seed))
        let repository = try TestRepository()
        var current = "seed/file0.md"
        try commit(repository, [current: randomText(&generator, lines: 80)])
        for step in 1...12 {
            var text = try repository.read(current).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            for _ in 0..<Int.random(in: 5...45, using: &generator) {
                let at = Int.random(in: 0..<text.count, using: &generator)
                switch Int.random(in: 0..<3, using: &generator) {
                case 0: text[at] = randomLine(&generator)
                case 1: text.insert(randomLine(&generator), at: at)
                default: if text.count > 1 { text.remove(at: at) }
                }
            }
            let next = "step\(step % 3)/file\(step).md"
            let added = try commit(repository, [current: nil, next: text.joined(separator: Bool.random(using: &generator) ? "\n" : "\r\n")])
            try expectGitsAnswers(repository, added, next)
            current = next
        }
    }

    private func randomLine(_ generator: inout SplitMix) -> String {
        let words = ["you", "are", "a", "helpful", "assistant", "answer", "briefly", "{{question}}", "cite", "sources", "never", "guess"]
        return (0..<Int.random(in: 0...14, using: &generator)).map { _ in words.randomElement(using: &generator)! }.joined(separator: " ")
    }

    private func randomText(_ generator: inout SplitMix, lines: Int) -> String {
        (0..<lines).map { _ in randomLine(&generator) }.joined(separator: "\n") + "\n"
    }
}

/// A seeded generator, so each random history is the same on every run.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed &+ 0x9E37_79B9_7F4A_7C15 }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@Suite("Staged renames in status as git status pairs them")
struct StagedRenameTests {
    @Test("a staged rename is paired exactly when git status pairs it", arguments: [
        ("Answer briefly.\nCite sources.\n", "Answer briefly.\nCite two sources.\n"),
        (lines(1...100), lines(1...52) + lines(53...100, "edit")),
        (lines(1...100), lines(1...49) + lines(50...100, "edit")),
    ])
    func stagedRename(before: String, after: String) throws {
        let repository = try TestRepository()
        try repository.write("prompts/old.md", before)
        try repository.write("notes.txt", "notes\n")
        try repository.commitAll("base")
        try repository.git("mv", "prompts/old.md", "prompts/new.md")
        try repository.write("prompts/new.md", after)
        try repository.git("add", "prompts/new.md")
        let porcelain = try repository.git("status", "--porcelain", "--untracked-files=all").split(separator: "\n").map(String.init)
        let expected = porcelain.map { line -> String in
            let parts = line.dropFirst(3).components(separatedBy: " -> ")
            return "\(line.prefix(2)) \(parts.last!)" + (parts.count == 2 ? " from \(parts[0])" : "")
        }
        let actual = try repository.open().status().map { entry in
            let letter: (TreeChange.Kind?) -> String = { kind in
                switch kind {
                case .renamed: "R"
                case .added: "A"
                case .deleted: "D"
                case .modified: "M"
                case .untracked: "?"
                default: " "
                }
            }
            let code = entry.unstaged == .untracked ? "??" : letter(entry.staged) + letter(entry.unstaged)
            return "\(code) \(entry.path)" + (entry.headPath.map { " from \($0)" } ?? "")
        }
        #expect(actual.sorted() == expected.sorted())
    }
}
