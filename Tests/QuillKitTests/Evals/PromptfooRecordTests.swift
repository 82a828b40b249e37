import Foundation
import GitKit
@testable import QuillKit
import TestSupport
import Testing

@Suite("recording promptfoo runs: error rows are kept apart from failures")
struct PromptfooRecordTests {
    /// A promptfoo output file of `rows` (row objects' JSON) in a repository with `prompts/a.txt` committed.
    private func recorded(_ rows: [String]) throws -> (TestRepository, RecordReport) {
        let repository = try TestRepository.evaluated()
        try repository.write("prompts/a.txt", "Answer {{question}}\n")
        try repository.commitAll("a prompt")
        try repository.write("results/run.json", #"{"evalId": "e", "results": {"version": 3, "results": [\#(rows.joined(separator: ","))], "prompts": []}}"#)
        let report = try Workspace.open(from: repository.path).recordEvaluations(RecordRequest(files: [repository.path + "/results/run.json"]))
        return (repository, report)
    }

    private func row(provider: String, test: Int, success: Bool = true, failureReason: Int = 0, error: String? = nil) -> String {
        let errorText = error.map { #""\#($0)""# } ?? "null"
        return #"{"promptIdx": 0, "testIdx": \#(test), "success": \#(success), "score": \#(success ? 1 : 0), "failureReason": \#(failureReason), "error": \#(errorText), "namedScores": {}, "provider": {"id": "\#(provider)"}, "prompt": {"raw": "x", "label": "prompts/a.txt: x"}, "response": {"output": "same"}, "testCase": {"vars": {"question": "q\#(test)"}}}"#
    }

    @Test("error rows (failureReason 2) are counted as errors, kept with their message, and left out of pass_rate and the means")
    func errorRows() throws {
        let rows = [
            row(provider: "echo", test: 0), row(provider: "echo", test: 1, success: false, failureReason: 1, error: "Expected yes"),
            row(provider: "echo", test: 2, success: false, failureReason: 2, error: "HTTP 429: Too Many Requests"),
        ]
        let (repository, report) = try recorded(rows)
        let summary = try #require(report.records.first)
        #expect(summary.errors == 1)
        #expect(summary.metrics == ["score": 0.5, "pass_rate": 0.5], "1 pass, 1 failure; the error row counts in neither")
        let detail = try Workspace.open(from: repository.path).showEvaluation(summary.id)
        #expect(detail.record.errors == 1)
        #expect(detail.cases.map(\.error) == [nil, nil, "HTTP 429: Too Many Requests"])
        #expect(detail.cases.map(\.pass) == [true, false, nil])
        #expect(detail.cases[2].metrics.isEmpty)
        let stored = try repository.git("cat-file", "-p", summary.id)
        #expect(stored.contains(#""errors":1,"#))
    }
}
