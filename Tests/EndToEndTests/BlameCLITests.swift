import Foundation
import TestSupport
import Testing

/// `quill blame` through the built binary: text and JSON agree with git, bad input is one line and exit 2.
@Suite("quill blame command line")
struct BlameCLITests {
    @Test("blame prints every line with its commit, in text and in JSON, as git blame attributes it")
    func blamesLines() throws {
        let repository = try TestRepository()
        // 37 of the 41 bytes stay: git scores the rename 90% (a two-line file with one line edited
        // would be under git's 50%, and git blame would not follow it).
        try repository.write("prompts/a.md", "Answer briefly.\nUse a friendly tone.\nCite sources.\n")
        let first = try repository.commitAll("first")
        try repository.git("mv", "prompts/a.md", "prompts/b.md")
        try repository.write("prompts/b.md", "Answer briefly.\nUse a friendly tone.\nCite two sources.\n")
        let second = try repository.commitAll("rename and edit")
        let text = try QuillBinary.run(["blame", "prompts/b.md"], in: repository.path)
        #expect(text.status == 0, "\(text.stderr)")
        let rows = text.stdout.split(separator: "\n")
        #expect(rows.count == 3)
        #expect(rows[0].hasPrefix("^\(first.prefix(7)) prompts/a.md") && rows[0].hasSuffix("1) Answer briefly."))
        #expect(rows[2].hasPrefix("\(second.prefix(8)) prompts/b.md") && rows[2].hasSuffix("3) Cite two sources."))
        let json = try QuillBinary.run(["blame", "prompts/b.md", "HEAD", "--format", "json"], in: repository.path)
        let decoded = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        let lines = try #require(decoded?["lines"] as? [[String: Any]])
        #expect(lines.compactMap { $0["commit"] as? String } == [first, first, second])
        #expect(lines.compactMap { $0["originalPath"] as? String } == ["prompts/a.md", "prompts/a.md", "prompts/b.md"])
    }

    @Test("bad input exits 2 with one line", arguments: [
        (["blame", "prompts/missing.md"], "'prompts/missing.md' is not a file at 'HEAD'"),
        (["blame", "prompts/a.md", "no-such-rev"], "unknown revision 'no-such-rev'"),
        (["blame"], "missing expected argument '<prompt>'"),
    ])
    func badInput(arguments: [String], message: String) throws {
        let repository = try TestRepository()
        try repository.write("prompts/a.md", "hello\n")
        try repository.commitAll("base")
        let result = try QuillBinary.run(arguments, in: repository.path)
        #expect(result.status == 2)
        #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
        #expect(result.stderr.contains(message), "\(result.stderr)")
    }
}
