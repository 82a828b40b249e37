import Foundation
@testable import QuillKit
import TestSupport
import Testing

@Suite("Diff scores")
struct ScoreComparisonTests {
    private let config = "metrics:\n  accuracy: {direction: higher}\n  latency_ms: {direction: lower}\n"
    private let path = "prompts/greet.md"

    /// A prompt at two commits; returns the fixture and both commits.
    private func twoVersions() throws -> (DiffFixture, String, String) {
        let fixture = try DiffFixture(config: config)
        let first = try fixture.commit("v1", [path: "Hello {{name}}\n"])
        let second = try fixture.commit("v2", [path: "Hello {{name}}, how can I help?\n"])
        return (fixture, first, second)
    }

    private func aggregate(_ suite: String, _ model: String, _ metrics: String) -> String {
        #"{"quill": 1, "suite": "\#(suite)", "model": "\#(model)", "metrics": \#(metrics)}"#
    }

    @Test("aggregates only: mean ± sd of repeated runs, delta, verdict by direction, no significance; other suites and models apart")
    func aggregatesOnly() throws {
        let (fixture, first, second) = try twoVersions()
        try fixture.record(aggregate("smoke", "m", #"{"accuracy": 0.8, "latency_ms": 100, "tokens": 50}"#), prompt: path, commit: first)
        try fixture.record(aggregate("smoke", "m", #"{"accuracy": 0.82, "latency_ms": 110, "tokens": 50}"#), prompt: path, commit: first)
        try fixture.record(aggregate("smoke", "m", #"{"accuracy": 0.9, "latency_ms": 120, "tokens": 50}"#), prompt: path, commit: second)
        try fixture.record(aggregate("smoke", "other-model", #"{"accuracy": 0.1}"#), prompt: path, commit: first)
        try fixture.record(aggregate("nightly", "m", #"{"accuracy": 0.5}"#), prompt: path, commit: second)
        let scores = try #require(try fixture.promptDiff(first, second, path: path)).scores
        #expect(scores.groups.count == 1)
        let group = try #require(scores.groups.first)
        #expect(group.suite == "smoke" && group.model == "m" && group.fromRecords == 2 && group.toRecords == 1)
        #expect(group.cases == nil)
        #expect(group.metrics.map(\.name) == ["accuracy", "latency_ms", "tokens"])
        let accuracy = group.metrics[0]
        #expect(abs((accuracy.from?.mean ?? 0) - 0.81) < 1e-12)
        #expect(abs((accuracy.from?.standardDeviation ?? 0) - 0.014142135623730963) < 1e-9)
        #expect(accuracy.from?.count == 2 && accuracy.to?.count == 1)
        #expect(abs((accuracy.delta ?? 0) - 0.09) < 1e-12)
        #expect(abs((accuracy.relativeDelta ?? 0) - 0.09 / 0.81) < 1e-12)
        #expect(accuracy.verdict == .better)
        #expect(accuracy.significant == nil && accuracy.interval == nil)
        #expect(accuracy.noise != nil)
        #expect(group.metrics[1].verdict == .worse)  // latency up, and lower is better
        #expect(group.metrics[2].verdict == .unchanged)
        #expect(scores.unpaired.map { "\($0.side.rawValue) \($0.suite) \($0.model ?? "")" } == ["to nightly m", "from smoke other-model"])
    }

    @Test("per-case results: paired over shared cases, bootstrap interval, exact McNemar, flips pass→fail first")
    func perCase() throws {
        let (fixture, first, second) = try twoVersions()
        // A: cases 0–29, 0–19 pass. B: cases 0–30, 0–24 pass except 3 and 4.
        func cases(_ ids: ClosedRange<Int>, passes: (Int) -> Bool, side: String) -> String {
            ids.map { id in
                #"{"id": \#(id), "pass": \#(passes(id)), "metrics": {"score": \#(passes(id) ? 1 : 0)}, "output": "\#(side) says \#(id)"}"#
            }.joined(separator: ",")
        }
        let before = cases(0...29, passes: { $0 < 20 }, side: "A")
        let after = cases(0...30, passes: { $0 < 25 && $0 != 3 && $0 != 4 }, side: "B")
        try fixture.record(#"{"quill": 1, "suite": "s", "cases": [\#(before)]}"#, prompt: path, commit: first)
        try fixture.record(#"{"quill": 1, "suite": "s", "cases": [\#(after)]}"#, prompt: path, commit: second)
        let group = try #require(try fixture.promptDiff(first, second, path: path)?.scores.groups.first)
        let cases = try #require(group.cases)
        #expect(cases.shared == 30 && cases.onlyFrom == 0 && cases.onlyTo == 1)
        let test = try #require(cases.passFail)
        #expect(test.passToFail == 2 && test.failToPass == 5 && test.bothPass == 18 && test.bothFail == 5)
        #expect(abs(test.pValue - 58.0 / 128) < 1e-12)  // 2 · (1 + 7 + 21) / 2⁷
        #expect(cases.flips.map(\.id) == ["3", "4", "20", "21", "22", "23", "24"])
        #expect(cases.flips.first == CaseFlip(id: "3", direction: .passToFail, fromOutput: "A says 3", toOutput: "B says 3"))
        let score = try #require(group.metrics.first { $0.name == "score" })
        #expect(score.pairedCases == 30)
        #expect(abs((score.pairedDelta ?? 0) - 0.1) < 1e-12)  // (5 − 2) / 30
        let interval = try #require(score.interval)
        #expect(interval.resamples >= 2_000)
        #expect(interval.lower < 0.1 && interval.upper > 0.1)
        #expect(score.significant == interval.excludesZero)
        #expect(score.verdict == .changed)  // score has no declared direction
        let passRate = try #require(group.metrics.first { $0.name == "pass_rate" })
        #expect(passRate.direction == .higher && passRate.pairedCases == 30)
        // The same diff twice gives the same numbers.
        #expect(try fixture.promptDiff(first, second, path: path)?.scores.groups.first == group)
    }

    @Test("flipped case ids sort with their numbers by value: t8 before t11 before t24, c2 before c02 before c10")
    func naturalCaseOrder() throws {
        let (fixture, first, second) = try twoVersions()
        let ids = ["t24", "t8", "t11", "c10", "c02", "c2", "x", "10", "9"]
        func cases(pass: Bool) -> String {
            ids.map { #"{"id": "\#($0)", "pass": \#(pass)}"# }.joined(separator: ",")
        }
        try fixture.record(#"{"quill": 1, "suite": "s", "cases": [\#(cases(pass: true))]}"#, prompt: path, commit: first)
        try fixture.record(#"{"quill": 1, "suite": "s", "cases": [\#(cases(pass: false))]}"#, prompt: path, commit: second)
        let flips = try #require(try fixture.promptDiff(first, second, path: path)?.scores.groups.first?.cases).flips
        #expect(flips.map(\.id) == ["9", "10", "c2", "c02", "c10", "t8", "t11", "t24", "x"])
    }
}
