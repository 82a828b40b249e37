import Foundation
import QuillKit
import Testing

@Suite("OpenAI Evals logs: repeats, model-graded metrics events, error events and several runs")
struct OpenAIEvalsLogTests {
    /// A log line by line, as `oaieval --record_path` writes it.
    static func log(_ lines: [String]) -> String { lines.joined(separator: "\n") + "\n" }

    static let spec = #"{"spec": {"completion_fns": ["gpt-4o", "gpt-4o-mini"], "eval_name": "humor.dev.v0", "base_eval": "humor", "run_id": "r1"}}"#

    @Test("a model-graded run: score and metascore are metrics, choice is text, counts/<choice> stay aggregates; a sample scored twice gives repeats")
    func modelGraded() throws {
        let text = Self.log([
            Self.spec,
            #"{"final_report": {"counts/Yes": 2, "counts/No": 1, "score": 0.9, "metascore": 0.5, "note": "n", "ok": true}, "run_id": "r1"}"#,
            #"{"run_id": "r1", "event_id": 0, "sample_id": "humor.dev.0", "type": "sampling", "data": {"prompt": "p", "sampled": ["a joke"]}}"#,
            #"{"run_id": "r1", "event_id": 1, "sample_id": "humor.dev.0", "type": "metrics", "data": {"choice": "Yes", "score": 1.0, "metascore": true}}"#,
            #"{"run_id": "r1", "event_id": 2, "sample_id": "humor.dev.0", "type": "metrics", "data": {"choice": "No", "score": 0.0, "metascore": false}}"#,
            #"{"run_id": "r1", "event_id": 3, "sample_id": "humor.dev.1", "type": "metrics", "data": {"choice": "__invalid__", "score": null}}"#,
            #"{"run_id": "r1", "event_id": 4, "sample_id": null, "type": "metrics", "data": {"score": 7}}"#,
        ])
        let results = try EvalFixtures.read(text: text, path: "humor.log")
        #expect(results.format == .openAIEvals)
        let evaluation = try #require(results.evaluations.first)
        #expect(evaluation.model == "gpt-4o,gpt-4o-mini")
        #expect(evaluation.suite == "humor")
        #expect(evaluation.cases.map(\.id) == ["humor.dev.0", "humor.dev.0", "humor.dev.1"])
        #expect(evaluation.cases.map(\.repeatIndex) == [0, 1, nil])
        #expect(evaluation.cases.map(\.metrics) == [["score": 1, "metascore": 1], ["score": 0, "metascore": 0], [:]])
        #expect(evaluation.cases.map(\.output) == ["a joke", nil, nil])
        #expect(evaluation.cases.allSatisfy { $0.pass == nil })
        // means over the cases win over the report's pre-averaged score; the report's counts are kept
        #expect(evaluation.metrics == ["score": 0.5, "metascore": 0.5, "counts/Yes": 2, "counts/No": 1])
    }

    @Test("an error event makes an error case of an unscored sample; each spec line starts its own run")
    func errorsAndRuns() throws {
        let text = Self.log([
            Self.spec,
            #"{"run_id": "r1", "event_id": 0, "sample_id": "s.0", "type": "error", "data": {"type": "RateLimitError", "message": "429 Too Many Requests"}}"#,
            #"{"run_id": "r1", "event_id": 1, "sample_id": "s.1", "type": "match", "data": {"correct": true, "expected": "a", "picked": "a", "sampled": "a"}}"#,
            #"{"spec": {"completion_fns": ["dummy"], "eval_name": "test-match.s1.simple-v0", "run_id": "r2"}}"#,
            #"{"final_report": {"accuracy": 0.0}, "run_id": "r2"}"#,
        ])
        let evaluations = try EvalFixtures.read(text: text, path: "two.jsonl").evaluations
        #expect(evaluations.map(\.suite) == ["humor", "test-match.s1.simple-v0"])
        #expect(evaluations[0].cases.map(\.error) == ["429 Too Many Requests", nil])
        #expect(evaluations[0].metrics == ["pass_rate": 1])
        #expect(evaluations[1].cases.isEmpty)
        #expect(evaluations[1].metrics == ["accuracy": 0])
    }
}
