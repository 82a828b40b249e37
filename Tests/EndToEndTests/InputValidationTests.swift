import Foundation
import TestSupport
import Testing

/// Inputs that used to be stored, mis-parsed or reported on two lines: each is now one line of bad input
/// (exit 2), and the repository is left exactly as it was.
@Suite("bad input is refused in one line and changes nothing")
struct InputValidationTests {
    /// A repository with two versions of a prompt, accuracy 0.9 recorded on the first and 0.5 on the second.
    private final class Fixture {
        let repository: TestRepository
        let results: TemporaryFolder
        let prompt = "prompts/support.prompt"

        init() throws {
            repository = try TestRepository()
            results = try TemporaryFolder()
            try repository.write("quill.yaml", "metrics:\n  accuracy: {direction: higher}\n")
            try repository.write(prompt, "Be kind.\n")
            let first = try repository.commitAll("first")
            try repository.write(prompt, "Be terse.\n")
            try repository.commitAll("second")
            for (commit, accuracy) in [(first, 0.9), ("HEAD", 0.5)] {
                let recorded = try QuillBinary.run(["eval", "record", try results(#"{"accuracy": \#(accuracy)}"#), "--prompt", prompt, "--commit", commit], in: repository.path)
                #expect(recorded.status == 0, "\(recorded.stderr)")
            }
        }

        /// Writes `text` to a new results file; returns its path.
        func results(_ text: String, name: String = "metrics.json") throws -> String {
            let path = results.path + "/\(UUID().uuidString)-\(name)"
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
            return path
        }

        /// Everything a command could change: refs, the work tree and index, and what `.git/quill` holds.
        func state() throws -> String {
            let quillFolder = (try? FileManager.default.contentsOfDirectory(atPath: repository.path + "/.git/quill"))?.sorted() ?? ["(none)"]
            return try [repository.git("for-each-ref"), repository.git("status", "--porcelain"), quillFolder.joined(separator: " ")].joined(separator: "\n")
        }

        /// Runs quill and checks it refused with exit 2, one line on stderr containing `expected`, nothing changed.
        func expectRefusal(_ arguments: [String], _ expected: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
            let before = try state()
            let result = try QuillBinary.run(arguments, in: repository.path)
            #expect(result.status == 2, "\(arguments): \(result.stderr)", sourceLocation: sourceLocation)
            #expect(result.stderr.hasSuffix("\n") && result.stderr.dropLast().split(separator: "\n", omittingEmptySubsequences: false).count == 1,
                    "\(arguments): not one line: \(result.stderr)", sourceLocation: sourceLocation)
            #expect(result.stderr.contains(expected), "\(arguments): \(result.stderr)", sourceLocation: sourceLocation)
            #expect(try state() == before, "\(arguments) changed the repository", sourceLocation: sourceLocation)
        }
    }

    @Test("sync with an empty remote or with the repository itself")
    func syncWithItself() throws {
        let fixture = try Fixture()
        try fixture.expectRefusal(["sync", ""], "error: the remote is empty; expected a configured remote")
        try fixture.expectRefusal(["sync", "."], "error: '.' is this repository; expected another repository to sync with")
        try fixture.expectRefusal(["sync", fixture.repository.path + "/.git"], "is this repository")
    }

    @Test("an empty suite or model, a suite with a newline and a malformed manifest id are not stored")
    func recordLabels() throws {
        let fixture = try Fixture()
        let file = try fixture.results(#"{"accuracy": 0.7}"#)
        let record = ["eval", "record", file, "--prompt", fixture.prompt]
        try fixture.expectRefusal(record + ["--suite", ""], "error: --suite is ''; expected a name that is not empty")
        try fixture.expectRefusal(record + ["--model", ""], "error: --model is ''; expected a name that is not empty")
        try fixture.expectRefusal(record + ["--suite", "smoke\nfake line"], "error: --suite is 'smoke\\nfake line'")
        try fixture.expectRefusal(record + ["--manifest", "not-an-id"], "error: --manifest is 'not-an-id': 'not-an-id' is not a manifest; expected a manifest id (4 or more hex digits) or 'latest:NAME'")
        let quill = try fixture.results(#"{"quill": 1, "prompt": "prompts/support.prompt", "suite": "", "metrics": {"accuracy": 0.7}}"#)
        try fixture.expectRefusal(["eval", "record", quill], "'suite' is ''; expected a name that is not empty")
    }

    @Test("show ':' and revisions or paths holding a newline are one line of bad input")
    func revisions() throws {
        let fixture = try Fixture()
        try fixture.expectRefusal(["show", ":"], "error: unknown revision ':'; expected a commit")
        try fixture.expectRefusal(["show", ":prompts/support.prompt"], "':prompts/support.prompt'")
        try fixture.expectRefusal(["show", "no\nsuch:prompts/support.prompt"], "error: unknown revision 'no\\nsuch'")
        try fixture.expectRefusal(["show", "HEAD:prompts/a\nb.prompt"], "error: path 'prompts/a\\nb.prompt' does not exist in 'HEAD'")
        try fixture.expectRefusal(["log", "--format", "text\u{1b}[31m"], "\\u{1b}[31m")
    }

    @Test("bisect takes '--threshold -1' as a value, and a bad start leaves no lock file behind")
    func bisect() throws {
        let fixture = try Fixture()
        let start = ["bisect", "--metric", "accuracy", "--run", "true"]
        try fixture.expectRefusal(start + ["--threshold", "-1"], "error: threshold -1 does not separate good (0.9) from bad (0.5)")
        try fixture.expectRefusal(start + ["--good", ""], "error: unknown revision ''")
        try fixture.expectRefusal(start + ["--bad", "HEAD\n"], "error: unknown revision 'HEAD\\n'")
        #expect(!FileManager.default.fileExists(atPath: fixture.repository.path + "/.git/quill"))
    }

    @Test("a metric out of a double's range is refused whether it overflows or underflows", arguments: ["1e400", "-1e400", "1e-400", "-2.5e-999"])
    func outOfRange(literal: String) throws {
        let fixture = try Fixture()
        let file = try fixture.results("{\n  \"accuracy\": \(literal)\n}\n", name: "range.json")
        try fixture.expectRefusal(["eval", "record", file, "--prompt", fixture.prompt],
                                  "range.json:2:15: metric 'accuracy' is '\(literal)', out of the range of a double")
    }

    @Test("a lone UTF-16 surrogate in a JSON prompt is refused naming the file and line, not read as U+FFFD",
          arguments: [#"\ud800"#, #"\udc00"#, #"\ud800\u0041"#, #"\ud800x"#])
    func loneSurrogate(escape: String) throws {
        let fixture = try Fixture()
        try fixture.repository.write("prompts/chat.json", "{\"messages\": [\n  {\"role\": \"user\", \"content\": \"hi \(escape)\"}\n]}\n")
        try fixture.repository.commitAll("chat prompt")
        try fixture.expectRefusal(["show", "HEAD:prompts/chat.json"], "prompts/chat.json:2:35: invalid JSON: unpaired UTF-16 surrogate '\\ud")
        try fixture.repository.write("prompts/chat.json", "{\"messages\": [{\"role\": \"user\", \"content\": \"hi \\ud83d\\ude00\"}]}\n")
        try fixture.repository.commitAll("a paired surrogate")
        let paired = try QuillBinary.run(["show", "HEAD:prompts/chat.json"], in: fixture.repository.path)
        #expect(paired.status == 0, "\(paired.stderr)")
        #expect(paired.stdout.contains("hi 😀"), "\(paired.stdout)")
    }

    @Test("quill.yaml refuses prompt globs that are not strings or leave the repository",
          arguments: [("prompts: 5", "a 'prompts' entry is a number"), ("prompts: [\"/etc/**\"]", "prompt glob '/etc/**' is an absolute path"),
                      ("prompts:\n  - prompts/**\n  - \"../**\"", "prompt glob '../**' leaves the repository"),
                      ("prompts: \"prompts/../../x/**\"", "leaves the repository")])
    func configGlobs(yaml: String, expected: String) throws {
        let fixture = try Fixture()
        try fixture.repository.write("quill.yaml", yaml + "\n")
        try fixture.repository.commitAll("config")
        try fixture.expectRefusal(["status"], "quill.yaml:")
        try fixture.expectRefusal(["status"], expected)
    }
}
