import Foundation
import TestSupport
import Testing

/// `quill drift`, run as the built binary: exit statuses, the five formats and bad input.
@Suite("quill drift command line")
struct DriftCLITests {
    /// A repository with the fixture pairs identical-a/b and clear-a/b copied into `data/`.
    private func repository() throws -> TestRepository {
        let repository = try TestRepository()
        let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/drift")
        for name in ["identical-a", "identical-b", "clear-a", "clear-b"] {
            try repository.write("data/\(name).jsonl", String(decoding: try Data(contentsOf: fixtures.appendingPathComponent("\(name).jsonl")), as: UTF8.self))
        }
        return repository
    }

    @Test("an identical corpus exits 0 and a clearly different one 1 in every format; --no-gate exits 0 with the same report")
    func exitStatus() throws {
        let repository = try repository()
        for format in ["text", "markdown", "json", "html", "github"] {
            let same = try QuillBinary.run(["drift", "data/identical-a.jsonl", "data/identical-b.jsonl", "--format", format], in: repository.path)
            #expect(same.status == 0, "\(format): \(same.stderr)")
            let different = try QuillBinary.run(["drift", "data/clear-a.jsonl", "data/clear-b.jsonl", "--format", format], in: repository.path)
            #expect(different.status == 1, "\(format): \(different.stderr)")
            #expect(different.stderr.isEmpty && different.stdout != same.stdout)
            let ungated = try QuillBinary.run(["drift", "data/clear-a.jsonl", "data/clear-b.jsonl", "--format", format, "--no-gate"], in: repository.path)
            #expect(ungated.status == 0 && ungated.stdout == different.stdout)
        }
    }

    @Test("json is the report's data; github annotates each crossed limit; markdown and html show the checks")
    func formats() throws {
        let repository = try repository()
        let run = { (format: String) in
            try QuillBinary.run(["drift", "data/clear-a.jsonl", "data/clear-b.jsonl", "--format", format, "--top", "3"], in: repository.path).stdout
        }
        let json = try #require(try JSONSerialization.jsonObject(with: Data(try run("json").utf8)) as? [String: Any])
        let checks = try #require(json["checks"] as? [[String: Any]])
        #expect(checks.map { $0["key"] as? String } == ["oov_rate", "word_jsd", "bigram_jsd", "sentence_ks"])
        #expect(checks.allSatisfy { $0["crossed"] as? Bool == true })
        #expect(((json["vocabulary"] as? [String: Any])?["newWords"] as? [Any])?.count == 3)
        let github = try run("github").split(separator: "\n")
        #expect(github.first == "::error title=quill drift%3A oov_rate::data/clear-b.jsonl against data/clear-a.jsonl: oov_rate 0.8038 > 0.1")
        #expect(github.filter { $0.hasPrefix("::error ") }.count == 4)
        #expect(github.last == "failed: 4 of 4 limits crossed (oov_rate, word_jsd, bigram_jsd, sentence_ks)")
        #expect(try run("markdown").contains("| oov\\_rate | 0\\.8038 | 0\\.1 | crossed | 0\\.8038 \\> 0\\.1 |"))
        let html = try run("html")
        #expect(html.contains("<h1>quill drift: failed: 4 of 4 limits crossed (oov_rate, word_jsd, bigram_jsd, sentence_ks)</h1>"))
        #expect(html.contains(#"<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">"#))
    }

    @Test("names from the command line are escaped in html and markdown")
    func escaping() throws {
        let repository = try repository()
        try repository.write("a<b>.txt", "Plain words here.\n")
        let html = try QuillBinary.run(["drift", "a<b>.txt", "a<b>.txt", "--format", "html"], in: repository.path).stdout
        #expect(html.contains("a&lt;b&gt;.txt") && !html.contains("a<b>"))
        let markdown = try QuillBinary.run(["drift", "a<b>.txt", "a<b>.txt", "--format", "markdown"], in: repository.path).stdout
        #expect(!markdown.contains("a<b>") || markdown.contains("`a<b>.txt`"))
    }

    @Test("bad input exits 2 with one line naming the file and line", arguments: [
        (["data/identical-a.jsonl", "data/broken.jsonl"], "error: data/broken.jsonl:2:1: line 2 has no field 'text'; expected an object with a string 'text' (name the text's field with --field)"),
        (["data/identical-a.jsonl", "data/identical-b.jsonl", "--field", "body"], "error: data/identical-a.jsonl:1:1: line 1 has no field 'body'; expected an object with a string 'body' (name the text's field with --field)"),
        (["data/identical-a.jsonl", "nope:data.jsonl"], "error: unknown revision 'nope'; expected a commit such as 'HEAD~1', a branch, a tag or a commit id"),
    ])
    func badInput(_ arguments: [String], _ message: String) throws {
        let repository = try repository()
        try repository.write("data/broken.jsonl", "{\"text\": \"fine\"}\n{\"body\": \"no text\"}\n")
        let result = try QuillBinary.run(["drift"] + arguments, in: repository.path)
        #expect(result.status == 2)
        #expect(result.stderr == message + "\n")
        #expect(result.stdout.isEmpty)
    }
}
