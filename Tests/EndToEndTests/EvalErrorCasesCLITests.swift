import Foundation
import TestSupport
import Testing

@Suite("cases that errored (a promptfoo HTTP 429 row) are counted and shown by eval record and eval show")
struct EvalErrorCasesCLITests {
    /// A promptfoo JSON Lines row of one test of `prompts/a.txt`.
    private func row(test: Int, success: Bool, failureReason: Int, error: String?) -> String {
        let errorText = error.map { #""\#($0)""# } ?? "null"
        return #"{"promptIdx": 0, "testIdx": \#(test), "success": \#(success), "score": \#(success ? 1 : 0), "failureReason": \#(failureReason), "error": \#(errorText), "provider": {"id": "echo"}, "prompt": {"raw": "x", "label": "prompts/a.txt: x"}, "response": {"output": "ok"}, "testCase": {"vars": {"q": "\#(test)"}}}"#
    }

    @Test("record says how many cases were not scored; show lists the error and keeps it out of pass_rate")
    func errorCasesShown() throws {
        let repository = try TestRepository()
        try repository.write("prompts/a.txt", "Answer {{q}}\n")
        try repository.commitAll("prompt")
        let rows = [
            row(test: 0, success: true, failureReason: 0, error: nil),
            row(test: 1, success: false, failureReason: 1, error: "Expected yes"),
            row(test: 2, success: false, failureReason: 2, error: "HTTP 429: Too Many Requests"),
        ]
        try repository.write("results.jsonl", rows.joined(separator: "\n") + "\n")
        let recorded = try QuillBinary.run(["eval", "record", "results.jsonl"], in: repository.path)
        #expect(recorded.status == 0, "\(recorded.stderr)")
        #expect(recorded.stdout.contains("pass_rate=0.5 score=0.5  (3 cases, 1 error not scored)"), "\(recorded.stdout)")
        let id = try #require(recorded.stdout.split(separator: " ").first.map(String.init))
        let shown = try QuillBinary.run(["eval", "show", id], in: repository.path)
        #expect(shown.status == 0, "\(shown.stderr)")
        #expect(shown.stdout.contains("cases (3, 1 error: in no metric and not in pass_rate):"), "\(shown.stdout)")
        #expect(shown.stdout.contains("ERR   2  HTTP 429: Too Many Requests"), "\(shown.stdout)")
        #expect(shown.stdout.contains("  pass_rate: 0.5\n"), "\(shown.stdout)")
    }
}
