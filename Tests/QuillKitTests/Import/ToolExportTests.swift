import Foundation
import QuillKit
import Testing

@Suite("files written by the evaluation tools themselves (Fixtures/evals/generate) import with their ids, metrics and errors")
struct ToolExportTests {
    @Test("lm-evaluation-harness: the results file gives the task's metrics, the samples file cases whose means are those metrics")
    func lmEval() throws {
        let results = try EvalFixtures.read("lm-eval/results.json")
        #expect(results.format == .lmEval)
        let task = try #require(results.evaluations.first)
        #expect(results.evaluations.count == 1)
        #expect(task.suite == "quill_quiz")
        #expect(task.model == "dummy")
        #expect(task.metrics == ["acc": 0.75, "acc_norm": 0.75], "no stderr, no sample_len")
        let samples = try EvalFixtures.read("lm-eval/samples_quill_quiz.jsonl")
        #expect(samples.format == .lmEval)
        let cases = try #require(samples.evaluations.first)
        #expect(cases.suite == "quill_quiz")
        #expect(cases.cases.map(\.id) == ["0", "1", "2", "3"])
        #expect(cases.cases.allSatisfy { Set($0.metrics.keys) == ["acc", "acc_norm"] }, "doc_id and target are no metrics")
        #expect(cases.metrics == task.metrics)
    }

    @Test("LangSmith: CSV and JSON Lines exports pair by example_id, feedback is the metrics (booleans as 1/0), a run error is an error", arguments: ["langsmith.csv", "langsmith.jsonl"])
    func langSmith(_ name: String) throws {
        let results = try EvalFixtures.read(name)
        #expect(results.format == .langSmith)
        let evaluation = try #require(results.evaluations.first)
        #expect(evaluation.cases.map(\.id) == (1...3).map { "7f3c2a10-0000-4000-8000-00000000000\($0)" })
        #expect(evaluation.cases.map(\.metrics) == [["correctness": 1, "concise": 1], ["correctness": 1, "concise": 0], [:]])
        #expect(evaluation.cases.map(\.error) == [nil, nil, "RateLimitError: 429 Too Many Requests"])
        #expect(evaluation.cases[0].output == "Go to Settings > Security and choose Reset.")
        #expect(evaluation.metrics == ["correctness": 1, "concise": 0.5])
    }

    @Test("OpenAI Evals test-match: one case a sample_id, correct as the verdict, sampled as the output, final_report's other numbers kept")
    func openAIEvalsMatch() throws {
        let results = try EvalFixtures.read("openai-evals.jsonl")
        #expect(results.format == .openAIEvals)
        let evaluation = try #require(results.evaluations.first)
        #expect(results.evaluations.count == 1)
        #expect(evaluation.suite == "test-match")
        #expect(evaluation.model == "quill-table")
        #expect(evaluation.cases.map(\.id) == ["test-match.s1.2", "test-match.s1.1", "test-match.s1.0"])
        #expect(evaluation.cases.map(\.pass) == [false, true, true])
        #expect(evaluation.cases.map(\.output) == ["16", "George Washington", "time"])
        #expect(evaluation.cases.allSatisfy { $0.metrics.isEmpty && $0.repeatIndex == nil })
        // oaieval's own final_report: accuracy 0.6667, boostrap_std 0.468
        #expect(sameMetrics(evaluation.metrics, ["pass_rate": 2.0 / 3, "accuracy": 2.0 / 3, "boostrap_std": 0.468]))
    }

    @Test("OpenAI Evals test-fuzzy-match: the metrics events are the cases' metrics, whose means are oaieval's final_report")
    func openAIEvalsFuzzy() throws {
        let evaluation = try #require(try EvalFixtures.read("openai-evals-fuzzy.jsonl").evaluations.first)
        #expect(evaluation.suite == "test-fuzzy-match")
        #expect(evaluation.cases.map(\.pass) == [true, false, true])
        #expect(evaluation.cases.map(\.metrics) == [["accuracy": 1, "f1_score": 2.0 / 3], ["accuracy": 0, "f1_score": 0], ["accuracy": 1, "f1_score": 1]])
        // oaieval's final_report: accuracy 0.6667, f1_score 0.5556
        #expect(sameMetrics(evaluation.metrics, ["accuracy": 2.0 / 3, "f1_score": 5.0 / 9, "pass_rate": 2.0 / 3]))
    }

    @Test("OpenAI Evals joke-fruits (model-graded): the judge's score is each sample's metric, its choice text is none, the report's counts are kept")
    func openAIEvalsModelGraded() throws {
        let evaluation = try #require(try EvalFixtures.read("openai-evals-modelgraded.jsonl").evaluations.first)
        #expect(evaluation.suite == "joke-fruits")
        #expect(evaluation.model == "quill-jokes,quill-judge")
        #expect(Set(evaluation.cases.map(\.id)) == Set((0..<10).map { "joke-fruits.dev.\($0)" }))
        #expect(evaluation.cases.allSatisfy { $0.pass == nil && $0.metrics.keys.sorted() == ["score"] })
        let score = Dictionary(uniqueKeysWithValues: evaluation.cases.map { ($0.id, $0.metrics["score"]!) })
        #expect(score["joke-fruits.dev.0"] == 1 && score["joke-fruits.dev.1"] == 0 && score["joke-fruits.dev.8"] == 0.5)
        // oaieval's final_report: score 0.5 (the cases' mean), counts/Yes 4, counts/No 4, counts/Unsure 2
        #expect(evaluation.metrics == ["score": 0.5, "counts/Yes": 4, "counts/No": 4, "counts/Unsure": 2])
    }

    @Test("DeepEval: test cases by name, each metric's score, success as the verdict, a metric that raised makes an error case")
    func deepEval() throws {
        let results = try EvalFixtures.read("deepeval.json")
        #expect(results.format == .deepEval)
        let evaluation = try #require(results.evaluations.first)
        #expect(evaluation.cases.map(\.id) == ["refund-window", "shipping-canada", "reset-password", "empty-answer"])
        #expect(evaluation.cases.map(\.pass) == [true, false, true, nil])
        let shipping: [String: Double] = ["Exact Match": 0, "Brevity": 5.0 / 12]
        #expect(evaluation.cases[1].metrics == shipping)
        #expect(evaluation.cases[3].error == "Brevity: ValueError: empty output")
        // three scored cases: exact match (1 + 0 + 1) / 3, brevity (1 + 5/12 + 1) / 3, 2 of 3 passed
        let brevity: Double = (2 + 5.0 / 12) / 3
        let expected: [String: Double] = ["Exact Match": 2.0 / 3, "Brevity": brevity, "pass_rate": 2.0 / 3]
        #expect(sameMetrics(evaluation.metrics, expected))
    }

    @Test("RAGAS: CSV (pandas index as the id) and JSON records give one case a sample, the metric columns as metrics, the response as output", arguments: ["ragas.csv", "ragas.json"])
    func ragas(_ name: String) throws {
        let results = try EvalFixtures.read(name)
        #expect(results.format == .ragas)
        let evaluation = try #require(results.evaluations.first)
        #expect(evaluation.cases.map(\.id) == ["0", "1", "2"])
        #expect(evaluation.cases.allSatisfy { Set($0.metrics.keys) == ["exact_match", "non_llm_string_similarity"] })
        #expect(evaluation.cases[1].output == "Yes, we ship to Canada.")
        // RAGAS's own means: exact_match 0.3333, non_llm_string_similarity 0.4814
        #expect(abs(evaluation.metrics["exact_match"]! - 1.0 / 3) < 1e-9)
        #expect(abs(evaluation.metrics["non_llm_string_similarity"]! - 0.4814) < 1e-4)
    }

    @Test("MLflow: the eval_results_table.json split table, or the same table as CSV, gives one case a row, the <metric>/score columns as metrics",
          arguments: ["mlflow.json", "mlflow.csv"])
    func mlflow(_ name: String) throws {
        let results = try EvalFixtures.read(name)
        #expect(results.format == .mlflow)
        let evaluation = try #require(results.evaluations.first)
        #expect(evaluation.cases.map(\.id) == ["0", "1", "2"])
        #expect(evaluation.cases.map(\.metrics) == [["exact": 1, "overlap": 1], ["exact": 0, "overlap": 0], ["exact": 0, "overlap": 0.5]])
        #expect(evaluation.cases[1].output == "Yes, in five days")
        // MLflow's own aggregates: exact/mean 0.3333, overlap/mean 0.5
        #expect(sameMetrics(evaluation.metrics, ["exact": 1.0 / 3, "overlap": 0.5]))
    }
}
