import QuillKit
import Testing

@Suite("glob patterns")
struct GlobTests {
    @Test("matches paths the way gitignore's wildmatch does", arguments: [
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
    ])
    func table(pattern: String, path: String, matches: Bool) throws {
        #expect(try Glob(pattern).matches(path) == matches)
    }

    @Test("refuses patterns it cannot compile", arguments: [
        ("", "invalid glob '': empty pattern"),
        ("[abc", "invalid glob '[abc': '[' is never closed; expected ']'"),
        ("a\\", "invalid glob 'a\\': '\\' at the end; expected a character to escape"),
        ("[z-a]", "invalid glob '[z-a]': range 'z-a' runs backwards; expected the smaller character first"),
    ])
    func invalid(pattern: String, expected: String) {
        #expect(throws: GlobError.self) { try Glob(pattern) }
        do {
            _ = try Glob(pattern)
        } catch {
            #expect(error.description == expected)
        }
    }
}
