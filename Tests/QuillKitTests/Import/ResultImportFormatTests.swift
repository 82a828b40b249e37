import Foundation
import QuillKit
import Testing

@Suite("importing each results format gives the evaluations, cases and means a reader computes by hand")
struct ResultImportFormatTests {
    @Test("Quill JSON keeps its metadata and computes means and pass_rate when it gives cases only")
    func quill() throws {
        let results = try EvalFixtures.read("quill.json")
        #expect(results.format == .quill)
        let evaluation = try #require(results.evaluations.first)
        #expect(results.evaluations.count == 1)
        #expect(evaluation.promptPath == "prompts/support.prompt")
        #expect(evaluation.suite == "support-regression")
        #expect(evaluation.dataset == DatasetReference(name: "support-tickets-v3", id: "9f3c1e2a7b5d4c6e8f0a1b2c3d4e5f6a7b8c9d0e"))
        #expect(evaluation.model == "gpt-4o-mini")
        #expect(evaluation.parameters == ["temperature": .number(0.2), "max_tokens": .number(512)])
        #expect(evaluation.commit == "4b825dc642cb6eb9a060e54bf8d69288fbee4904")
        #expect(evaluation.manifest == "e69de29bb2d1d6434b8b29ae775ad8c2e48c5391")
        #expect(evaluation.cases.map(\.id) == ["refund-1", "refund-2", "shipping-1", "shipping-2"])
        #expect(evaluation.cases.map(\.pass) == [true, false, true, true])
        #expect(evaluation.cases[2].output == nil)
        // accuracy (1+0+1+1)/4, groundedness (0.9+0.6+0.8+1.0)/4, 3 of 4 passed
        #expect(sameMetrics(evaluation.metrics, ["accuracy": 0.75, "groundedness": 0.825, "pass_rate": 0.75]))
    }

    @Test("Quill JSON with several evaluations keeps given metrics, numbers repeats and flattens nested metrics")
    func quillEvaluations() throws {
        let text = """
            {"quill": 1, "evaluations": [
              {"prompt": "prompts/a.prompt", "metrics": {"accuracy": 0.5, "judge": {"tone": 0.25}}},
              {"prompt": "prompts/b.prompt", "dataset": "tickets", "cases": [
                {"id": "x", "metrics": {"accuracy": 1}}, {"id": 7, "metrics": {"accuracy": 0}}, {"id": "x", "metrics": {"accuracy": 0.5}, "pass": false}]}
            ]}
            """
        let evaluations = try EvalFixtures.read(text: text, path: "run.json").evaluations
        #expect(evaluations.count == 2)
        #expect(evaluations[0].metrics == ["accuracy": 0.5, "judge.tone": 0.25])
        #expect(evaluations[0].cases.isEmpty)
        #expect(evaluations[1].dataset == DatasetReference(name: "tickets"))
        #expect(evaluations[1].cases.map(\.id) == ["x", "7", "x"])
        #expect(evaluations[1].cases.map(\.repeatIndex) == [0, nil, 1])
        #expect(sameMetrics(evaluations[1].metrics, ["accuracy": 0.5, "pass_rate": 0]))
    }

    @Test("promptfoo v3: one evaluation per prompt, mapped to its file by label or by the configured prompts")
    func promptfooVersion3() throws {
        let results = try EvalFixtures.read("promptfoo-v3.json")
        #expect(results.format == .promptfoo)
        #expect(results.evaluations.map(\.promptPath) == ["prompts/support.txt", "prompts/support_v2.txt"])
        #expect(results.evaluations.map(\.model) == ["openai:gpt-4o-mini", "openai:gpt-4o-mini"])
        #expect(results.evaluations.map(\.suite) == ["Support bot regression", "Support bot regression"])
        #expect(results.evaluations[0].dataset == DatasetReference(name: "tests/support.csv"))
        #expect(results.evaluations[0].parameters == ["temperature": .number(0), "max_tokens": .number(300)])
        let first = results.evaluations[0]
        #expect(first.cases.map(\.id) == ["0", "1", "2"])
        #expect(first.cases.map(\.pass) == [true, false, true])
        #expect(first.cases.map(\.repeatIndex) == [nil, nil, nil])
        #expect(first.cases[0].metrics == ["score": 1, "helpfulness": 0.9, "tone": 1])
        #expect(first.cases[0].output == "You can request a refund from Orders > Refund within 30 days.")
        // score (1+0.5+1)/3, helpfulness (0.9+0.4+0.8)/3, tone 1: means of rows, not promptfoo's sums (2.5, 2.1, 3)
        let third: Double = 1.0 / 3
        #expect(sameMetrics(first.metrics, ["score": 2.5 * third, "helpfulness": 0.7, "tone": 1, "pass_rate": 2 * third]))
        let second = results.evaluations[1]
        #expect(second.cases[2].output == #"{"action":"cancel","confirm":false}"#)
        #expect(sameMetrics(second.metrics, ["score": 2 * third, "helpfulness": 1.9 * third, "tone": 2 * third, "pass_rate": 2 * third]))
    }

    @Test("promptfoo v2: rows without indexes group by prompt and provider and pair cases by their variables")
    func promptfooVersion2() throws {
        let results = try EvalFixtures.read("promptfoo-v2.json")
        #expect(results.format == .promptfoo)
        #expect(results.evaluations.map(\.model) == ["openai:gpt-4o-mini", "anthropic:messages:claude-3-5-haiku-20241022"])
        #expect(results.evaluations.map(\.promptPath) == ["prompts/summarize.txt", "prompts/summarize.txt"])
        #expect(results.evaluations.map { $0.cases.map(\.id) } == [["0", "1"], ["0", "1"]])
        #expect(sameMetrics(results.evaluations[0].metrics, ["score": 0.5, "concise": 0.5, "pass_rate": 0.5]))
        #expect(sameMetrics(results.evaluations[1].metrics, ["score": 0.875, "concise": 0.75, "pass_rate": 1]))
    }

    @Test("promptfoo JSON Lines: --repeat rows of one test share its id and are numbered in testIdx order")
    func promptfooLines() throws {
        let results = try EvalFixtures.read("promptfoo.jsonl")
        #expect(results.format == .promptfoo)
        let evaluation = try #require(results.evaluations.first)
        #expect(results.evaluations.count == 1)
        #expect(evaluation.promptPath == "prompts/classify.txt")
        #expect(evaluation.cases.map(\.id) == ["0", "0", "1", "1"])
        #expect(evaluation.cases.map(\.repeatIndex) == [0, 1, 0, 1])
        #expect(evaluation.cases.map(\.output) == ["billing", "other", "bug", "bug"])
        #expect(sameMetrics(evaluation.metrics, ["score": 0.75, "accuracy": 0.75, "pass_rate": 0.75]))
    }

    @Test("gh models eval: evaluator scores are metrics and a case passes when every evaluator passed")
    func githubModels() throws {
        let results = try EvalFixtures.read("gh-models.json")
        #expect(results.format == .ghModels)
        let evaluation = try #require(results.evaluations.first)
        #expect(evaluation.suite == "Sentiment classifier")
        #expect(evaluation.model == "openai/gpt-4o-mini")
        #expect(evaluation.cases.map(\.id) == ["0", "1", "2", "3"])
        #expect(evaluation.cases.map(\.pass) == [true, false, true, true])
        #expect(evaluation.cases[1].metrics == ["exact-match": 0, "similarity": 0.75])
        #expect(evaluation.cases[1].output == "neutral")
        #expect(sameMetrics(evaluation.metrics, ["exact-match": 0.75, "similarity": 0.8125, "pass_rate": 0.75]))
    }

    @Test("JSON Lines of cases: ids from id or case_id, nested numbers dotted, repeats numbered, blank lines skipped")
    func caseLines() throws {
        let results = try EvalFixtures.read("cases.jsonl")
        #expect(results.format == .jsonl)
        let evaluation = try #require(results.evaluations.first)
        #expect(evaluation.promptPath == "prompts/summarize.prompt")
        #expect(evaluation.model == "gpt-4o-mini")
        #expect(evaluation.cases.map(\.id) == ["t-001", "t-002", "t-003", "t-001", "t-004"])
        #expect(evaluation.cases.map(\.repeatIndex) == [0, nil, nil, 1, nil])
        #expect(evaluation.cases.map(\.pass) == [true, false, true, true, false])
        #expect(evaluation.cases[0].metrics == ["scores.bleu": 0.4, "scores.rouge_l": 0.5, "latency_ms": 800])
        #expect(sameMetrics(evaluation.metrics, ["scores.bleu": 0.3, "scores.rouge_l": 0.48, "latency_ms": 1000, "pass_rate": 0.6]))
    }

    @Test("JSON Lines naming different models make one evaluation each; a line without an id is its line number")
    func caseLinesByModel() throws {
        let text = """
            {"model": "a", "score": 1}
            {"model": "b", "score": 0}
            {"model": "a", "score": 0.5}
            """
        let evaluations = try EvalFixtures.read(text: text, path: "runs.jsonl").evaluations
        #expect(evaluations.map(\.model) == ["a", "b"])
        #expect(evaluations.map { $0.cases.map(\.id) } == [["1", "3"], ["2"]])
        #expect(evaluations.map(\.metrics) == [["score": 0.75], ["score": 0]])
    }

    @Test("DVC JSON: nested keys are dotted, booleans skipped, a list of numbers becomes cases and its mean")
    func dvcJSON() throws {
        let results = try EvalFixtures.read("dvc-metrics.json")
        #expect(results.format == .dvc)
        let evaluation = try #require(results.evaluations.first)
        #expect(sameMetrics(evaluation.metrics, ["eval.accuracy": 0.87, "eval.f1": 0.81, "eval.scores": 0.8, "train.epochs": 12]))
        #expect(evaluation.cases == [
            EvalCase(id: "0", metrics: ["eval.scores": 0.9]), EvalCase(id: "1", metrics: ["eval.scores": 0.7]),
            EvalCase(id: "2", metrics: ["eval.scores": 0.8]),
        ])
    }

    @Test("DVC YAML reads like its JSON")
    func dvcYAML() throws {
        let evaluation = try #require(try EvalFixtures.read("dvc-metrics.yaml").evaluations.first)
        #expect(sameMetrics(evaluation.metrics, ["eval.accuracy": 0.912, "eval.f1": 0.887, "eval.per_case_score": 0.8125, "latency_ms": 420]))
        #expect(evaluation.cases.map(\.id) == ["0", "1", "2", "3"])
        #expect(evaluation.cases.map { $0.metrics["eval.per_case_score"] } == [1, 0.5, 0.75, 1])
    }

    @Test("DVC TOML: tables, dotted keys, underscores in numbers and comments")
    func dvcTOML() throws {
        let evaluation = try #require(try EvalFixtures.read("dvc-metrics.toml").evaluations.first)
        #expect(sameMetrics(evaluation.metrics, [
            "accuracy": 0.905, "eval.bleu": 0.318, "eval.rouge.l": 0.447, "eval.scores": 0.5,
            "eval.latency.p50_ms": 380, "eval.latency.p95_ms": 1020,
        ]))
        #expect(evaluation.cases.map { $0.metrics["eval.scores"] } == [0.25, 0.5, 0.75])
    }

    @Test("TOML inline tables, quoted keys, hexadecimal and signed numbers, multi-line arrays")
    func tomlValues() throws {
        let text = """
            "judge score" = { tone = 0.5, 'style.x' = -1.5e0 }
            count = 0x10
            name = "run \\"7\\"" # strings are not metrics in DVC files: refused below
            """
        let error = #expect(throws: InputFileError.self) { try EvalFixtures.read(text: text, path: "m.toml") }
        #expect(error?.description == "m.toml:3:8: metric 'name' is a string; expected a number")
        let good = "\"judge score\" = { tone = 0.5, 'style.x' = -1.5e0 }\ncount = 0x10\nseries = [\n  1, # one\n  +3,\n]\n"
        let evaluation = try #require(try EvalFixtures.read(text: good, path: "m.toml").evaluations.first)
        #expect(evaluation.metrics == ["judge score.tone": 0.5, "judge score.style.x": -1.5, "count": 16, "series": 2])
    }
}
