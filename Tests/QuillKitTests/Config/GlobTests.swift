import Foundation
import QuillKit
import Testing
import TestSupport

@Suite("glob patterns")
struct GlobTests {
    @Test("matches paths as git's glob pathspecs do", arguments: [
        ("prompts/**", "prompts/a.prompt", true),
        ("prompts/**", "prompts/deep/er/a.prompt", true),
        ("prompts/**", "prompts", false),
        ("prompts/**", "other/prompts/a.prompt", false),
        ("**/*.prompt", "a.prompt", true),
        ("**/*.prompt", "x/y/a.prompt", true),
        ("**/*.prompt", "x/y/a.prompty", false),
        ("*.md", "README.md", true),
        ("*.md", "docs/README.md", false),
        ("prompts/*/main.prompt", "prompts/a/main.prompt", true),
        ("prompts/*/main.prompt", "prompts/a/b/main.prompt", false),
        ("a/**/b", "a/b", true),
        ("a/**/b", "a/x/y/b", true),
        ("v?.txt", "v1.txt", true),
        ("v?.txt", "v10.txt", false),
        ("[abc].json", "b.json", true),
        ("[a-c].json", "d.json", false),
        ("[!a].json", "b.json", true),
        ("[!a].json", "a.json", false),
        ("\\*.txt", "*.txt", true),
        ("\\*.txt", "a.txt", false),
        ("prompts/", "prompts/x/y.md", true),
        ("/prompts/*.md", "prompts/a.md", true),
        ("*", "a/b", false),
        ("prompts", "prompts/x/y.md", true),
        ("prompts", "prompts.md", false),
        ("pro*", "prompts/a.md", false),
        ("prompts/***", "prompts/a/b.md", true),
        ("p**s/*.md", "prompts/a.md", true),
        ("b**", "b.md/x", true),
        ("b/**", "b", false),
        ("b/**/x", "b/x", true),
        ("\\*", "*/a", false),
        ("*", "*/a", true),
        ("p**s/*.md", "p/x/s/a.md", false),
        ("[[:digit:]]x", "7x", true),
        ("[[:digit:]]x", "ax", false),
        ("[]]x", "]x", true),
        ("v?.txt", "v\u{E9}.txt", false),
    ])
    func table(pattern: String, path: String, matches: Bool) throws {
        #expect(try Glob(pattern).matches(path) == matches)
    }

    @Test("refuses patterns it cannot compile", arguments: [
        ("", "invalid glob '': empty pattern"),
        ("[abc", "invalid glob '[abc': '[' is never closed; expected ']'"),
        ("a\\", "invalid glob 'a\\': '\\' at the end; expected a character to escape"),
        ("[z-a]", "invalid glob '[z-a]': range 'z-a' runs backwards; expected the smaller character first"),
        ("pro*/", "invalid glob 'pro*/': a pattern with wildcards that ends in '/' matches no file; expected 'pro*/**' for everything below"),
        ("[[:word:]]", "invalid glob '[[:word:]]': unknown character class '[:word:]'; expected one of alnum, alpha, blank, cntrl, digit, graph, lower, print, punct, space, upper, xdigit"),
    ])
    func invalid(pattern: String, expected: String) {
        #expect(throws: GlobError.self) { try Glob(pattern) }
        do {
            _ = try Glob(pattern)
        } catch {
            #expect(error.description == expected)
        }
    }

    @Test("a pattern of many stars against a long name that almost matches answers without backtracking")
    func manyStars() throws {
        // A backtracking matcher tries about C(4,000, 30) splits here; a state set reads 4,000 bytes.
        let glob = try Glob(String(repeating: "*a", count: 30) + "*b")
        #expect(!glob.matches(String(repeating: "a", count: 4_000)))
        #expect(glob.matches(String(repeating: "a", count: 4_000) + "b"))
    }

    @Test("answers as `git ls-files ':(glob)PATTERN'` on 400 random patterns over a tree of 60 paths")
    func git() throws {
        let repository = try TestRepository()
        var random = SeededGenerator(seed: 12)
        let names = ["a", "b", "ab", "a.md", "b.md", "[x]", "*", "\u{E9}", ".h", "a-b"]
        var paths = Set<String>()
        while paths.count < 60 {
            let depth = Int.random(in: 1...4, using: &random)
            paths.insert((0..<depth).map { _ in names.randomElement(using: &random)! }.joined(separator: "/"))
        }
        // A path that is a prefix of another would be both a file and a folder.
        let files = paths.filter { path in !paths.contains { $0.hasPrefix(path + "/") } }.sorted()
        for file in files { try repository.write(file, "x") }
        _ = try repository.git("add", "-A")
        let pieces = ["a", "b", "*", "**", "?", "[ab]", "[!a]", "[a-c]", "[[:alpha:]]", ".md", "\\*", "\u{E9}", "-"]
        for _ in 0..<400 {
            let pattern = (0..<Int.random(in: 1...3, using: &random)).map { _ in
                (0..<Int.random(in: 1...3, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
            }.joined(separator: "/")
            let listed = try repository.git("ls-files", "-z", "--", ":(glob)" + pattern)
            let glob = try Glob(pattern)
            #expect(Set(files.filter(glob.matches)) == Set(listed.split(separator: "\0").map(String.init)), "pattern \(pattern)")
        }
    }
}
