import Foundation
@testable import GitKit
import TestSupport
import Testing

/// The settings git's rename detection reads: `diff.renameLimit` (git log and diff; git blame reads
/// none; git status prefers `status.renameLimit`) and the `diff` attribute, which decides whether a
/// file's content is text (carriage returns before newlines skipped) or binary.
extension RenameDetectionTests {
    @Test("diff.renameLimit: git diff -M and log --follow skip inexact renames past it, git blame ignores it", arguments: [nil, "0", "1", "2", "1k"])
    func renameLimit(limit: String?) throws {
        let repository = try TestRepository()
        if let limit { try repository.git("config", "diff.renameLimit", limit) }
        let files = ["a", "b", "c", "d"].map { name in ("keep/\(name).md", lines(1...40, name)) }
        try commit(repository, Dictionary(uniqueKeysWithValues: files).merging(["old/one.md": lines(1...60, "one"), "old/two.md": lines(1...60, "two"), "old/same.md": lines(1...50, "same")]) { $1 })
        // An exact rename, then two deletions and two 90% similar additions under other names (a
        // unique basename would pair before the limit applies): diff -M counts the 2 × 2 pairs left
        // after the exact one; --follow one destination against 7 sources, or the 3 deleted ones
        // once unmodified sources are dropped.
        let renamed = try commit(repository, [
            "old/same.md": nil, "moved/copy.md": lines(1...50, "same"), "old/one.md": nil, "old/two.md": nil,
            "new/uno.md": lines(1...54, "one") + lines(55...60, "edit"), "new/dos.md": lines(1...54, "two") + lines(55...60, "edit"),
        ])
        let follow = try expectGitsAnswers(repository, renamed, "new/uno.md")
        #expect(follow.hasPrefix("R") == (limit != "1"), "git log --follow: \(follow)")
        #expect(try repository.gitRenameStatus(renamed).filter { $0.hasPrefix("R") }.count == (limit == "1" ? 1 : 3), "git diff -M")
        #expect(try repository.gitBlameSource(renamed, "new/uno.md") == "old/one.md")
    }

    @Test("git status takes status.renameLimit before diff.renameLimit", arguments: [("1", nil), ("1", "10"), ("10", "1")])
    func statusRenameLimit(diffLimit: String, statusLimit: String?) throws {
        let repository = try TestRepository()
        try repository.git("config", "diff.renameLimit", diffLimit)
        if let statusLimit { try repository.git("config", "status.renameLimit", statusLimit) }
        for name in ["one", "two"] { try repository.write("old/\(name).md", lines(1...60, name)) }
        try repository.commitAll("base")
        for (old, new) in [("one", "uno"), ("two", "dos")] {
            try repository.git("rm", "-q", "old/\(old).md")
            try repository.write("new/\(new).md", lines(1...54, old) + lines(55...60, "edit"))
        }
        try repository.git("add", "new")
        let gitRenames = try repository.git("status", "--porcelain").split(separator: "\n").filter { $0.hasPrefix("R") }.count
        #expect(gitRenames == ((statusLimit ?? diffLimit) == "1" ? 0 : 2))
        #expect(try repository.open().status().filter { $0.staged == .renamed }.count == gitRenames)
    }

    @Test("diff.renames: git diff pairs renames (unset, true), copies from changed files (copies), or nothing (false), between commits and to the work tree; git status reads status.renames first",
          arguments: [nil, "true", "false", "copies", "copy", "yes"])
    func diffRenames(setting: String?) throws {
        let repository = try TestRepository()
        if let setting { try repository.git("config", "diff.renames", setting) }
        try commit(repository, ["old/one.md": lines(1...60, "one"), "src/two.md": lines(1...60, "two"), "keep.md": lines(1...60, "keep")])
        // A 90% rename, a 90% copy of a changed file, a 90% copy of an unchanged one (--find-copies-harder only).
        let changed = try commit(repository, [
            "old/one.md": nil, "new/uno.md": lines(1...54, "one") + lines(55...60, "edit"),
            "src/two.md": lines(1...59, "two") + lines(60...60, "edit"), "new/copy.md": lines(1...54, "two") + lines(55...60, "copy"),
            "new/harder.md": lines(1...54, "keep") + lines(55...60, "copy"),
        ])
        let opened = try repository.open()
        let parentTree = try opened.treeID(ofCommit: opened.resolveCommit(changed + "^"))
        let expected = try repository.git("diff", "--name-status", changed + "^", changed).split(separator: "\n").map(String.init)
        #expect(expected.contains { $0.hasPrefix("R") } == (setting != "false"), "\(expected)")
        #expect(expected.contains { $0.hasPrefix("C") } == (setting?.hasPrefix("cop") == true), "\(expected)")
        let between = try opened.treeChanges(from: parentTree, to: opened.treeID(ofCommit: opened.resolveCommit(changed)), detecting: opened.diffRenameDetection())
        #expect(opened.nameStatus(between) == expected, "between commits")
        let toWorkTree = try opened.treeChangesToWorkTree(from: parentTree, renameReadLimit: 1 << 20)
        #expect(try opened.nameStatus(toWorkTree) == repository.git("diff", "--name-status", changed + "^").split(separator: "\n").map(String.init), "to the work tree")
        // Staged: git status pairs the rename unless status.renames (here the opposite of diff.renames) says no.
        try repository.git("reset", "-q", "--soft", changed + "^")
        try repository.git("config", "status.renames", setting == "false" ? "true" : "false")
        let gitRenames = try repository.git("status", "--porcelain").split(separator: "\n").filter { $0.hasPrefix("R") }.count
        #expect(gitRenames == (setting == "false" ? 1 : 0))
        #expect(try repository.open().status().filter { $0.staged == .renamed }.count == gitRenames)
    }

    @Test("the diff attribute decides text or binary: -diff, binary, diff, diff=NAME with diff.NAME.binary", arguments: [
        ("*.txt -diff", false), ("*.txt binary", false), ("*.dat diff", true), ("*.txt diff=prose", true), ("*.txt diff=prose", false),
    ])
    func diffAttribute(attribute: String, driverBinary: Bool) throws {
        let repository = try TestRepository()
        if attribute.hasSuffix("diff=prose") { try repository.git("config", "diff.prose.binary", driverBinary ? "true" : "false") }
        try repository.write(".gitattributes", attribute + "\n")
        let text = lines(1...30)
        let data = "\0" + lines(1...30, "data")
        let crlf = { (text: String) in text.replacingOccurrences(of: "\n", with: "\r\n") }
        try commit(repository, ["crlf.txt": crlf(text), "nul.dat": crlf(data), "README.md": "readme\n"])
        // Each file renamed with its line endings changed: 97% similar as text, 0% as binary.
        let renamed = try commit(repository, ["crlf.txt": nil, "nul.dat": nil, "lf.txt": text, "lf.dat": data])
        let txt = try expectGitsAnswers(repository, renamed, "lf.txt")
        let dat = try expectGitsAnswers(repository, renamed, "lf.dat")
        let binaryTxt = attribute.contains("-diff") || attribute.contains("binary") || (attribute.hasSuffix("diff=prose") && driverBinary)
        func source(_ status: String) -> String? { status.hasPrefix("R") ? status.split(separator: "\t").map(String.init)[1] : nil }
        #expect(source(txt) == (binaryTxt ? nil : "crlf.txt"), "lf.txt: \(txt)")
        #expect(source(dat) == (attribute == "*.dat diff" ? "nul.dat" : nil), "lf.dat: \(dat)")
    }
}
