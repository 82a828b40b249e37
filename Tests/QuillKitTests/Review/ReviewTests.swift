import Foundation
@testable import QuillKit
import TestSupport
import Testing

@Suite("quill review: the gate")
struct ReviewTests {
    private let prompt = "prompts/a.md"

    /// A pull request that rewrites `prompts/a.md`, with accuracy recorded on each side (nil: none).
    private func reviewed(
        config: String = TestRepository.gatedConfig, headConfig: String? = nil, base: Double?, head: Double?, requireScores: Bool = false
    ) throws -> ReviewReport {
        var changes: [String: String?] = [prompt: "Answer briefly.\nBe rude.\n"]
        if let headConfig { changes["quill.yaml"] = headConfig }
        let (repository, baseCommit, headCommit) = try TestRepository.pullRequest(
            baseConfig: config, base: [prompt: "Answer briefly.\nBe kind.\n"], head: changes)
        if let base { try repository.record(#"{"accuracy": \#(base)}"#, prompt: prompt, commit: baseCommit) }
        if let head { try repository.record(#"{"accuracy": \#(head)}"#, prompt: prompt, commit: headCommit) }
        return try Workspace.open(from: repository.path).review(ReviewRequest(base: "main", requireScores: requireScores))
    }

    private func accuracy(_ report: ReviewReport) throws -> MetricReview {
        try #require(report.prompts.first { $0.diff.path == prompt }?.metrics.first { $0.metric == "accuracy" })
    }

    @Test("aggregates: a drop beyond max_drop or past min regresses and fails the gate; a small drop is worse but passes", arguments: [
        (0.825, 0.625, ReviewVerdict.regressed, true), (0.95, 0.89, .regressed, true), (0.83, 0.79, .regressed, true),
        (0.9, 0.87, .worse, false), (0.85, 0.85, .withinNoise, false), (0.81, 0.9, .improved, false),
    ])
    func aggregates(base: Double, head: Double, verdict: ReviewVerdict, fails: Bool) throws {
        let report = try reviewed(base: base, head: head)
        let metric = try accuracy(report)
        #expect(metric.verdict == verdict, "\(metric.reason)")
        #expect(report.gate.failed == fails && report.gate.regressions == (fails ? 1 : 0))
        #expect(metric.min == 0.8 && metric.maxDrop == 0.05 && metric.direction == .higher)
        #expect(report.base.label == "main" && report.mergeBase.commit == report.base.commit)
        #expect(report.rule.contains("95% paired bootstrap interval"))
    }

    @Test("the base's quill.yaml is the policy: a pull request that loosens its own gate still fails, and its change is shown")
    func basePolicy() throws {
        let report = try reviewed(headConfig: "metrics:\n  accuracy: {direction: higher}\n", base: 0.825, head: 0.625)
        #expect(report.policy == [MetricSpec(name: "accuracy", direction: .higher, min: 0.8, maxDrop: 0.05)])
        #expect(try accuracy(report).verdict == .regressed)
        #expect(report.gate.failed)
        #expect(report.configChange == (try TextDiff.between(TestRepository.gatedConfig, "metrics:\n  accuracy: {direction: higher}\n")))
        #expect(report.configChange?.hunks.flatMap(\.lines).contains { $0.kind == .removed && $0.text == "    max_drop: 0.05" } == true)
        #expect(try reviewed(base: 0.825, head: 0.625).configChange == nil)
    }

    @Test("prompts without records are not evaluated, name the side and the command, and fail only with --require-scores")
    func notEvaluated() throws {
        let report = try reviewed(base: 0.9, head: nil)
        let review = try #require(report.prompts.first)
        #expect(review.verdict == .notEvaluated)
        #expect(review.missing?.side == .head)
        #expect(review.missing?.remedy == "quill eval record RESULTS --prompt prompts/a.md --commit \(report.head.commit.prefix(12))")
        #expect(!report.gate.failed && report.gate.notEvaluated == 1)
        #expect(try reviewed(base: nil, head: 0.9).prompts.first?.missing?.side == .base)
        #expect(try reviewed(base: nil, head: nil).prompts.first?.missing?.side == .both)
        #expect(try reviewed(base: 0.9, head: nil, requireScores: true).gate.failed)
    }

    @Test("per-case results: a mean drop beyond max_drop regresses only when the 95% interval excludes zero")
    func perCaseInterval() throws {
        let (repository, baseCommit, headCommit) = try TestRepository.pullRequest(
            base: [prompt: "v1\n", "prompts/b.md": "w1\n"], head: [prompt: "v2\n", "prompts/b.md": "w2\n"])
        // a: 40 cases, 36 pass → 28 pass (8 pass→fail, none back): the interval lies below zero.
        try repository.recordCases((0..<40).map { $0 < 36 }, prompt: prompt, commit: baseCommit)
        try repository.recordCases((0..<40).map { $0 < 28 }, prompt: prompt, commit: headCommit)
        // b: 10 cases, 9 pass → 8 pass, the losses and gains mixed: a drop of 0.1 whose interval holds zero.
        try repository.recordCases((0..<10).map { $0 != 0 }, prompt: "prompts/b.md", commit: baseCommit)
        try repository.recordCases((0..<10).map { $0 > 1 }, prompt: "prompts/b.md", commit: headCommit)
        let report = try Workspace.open(from: repository.path).review(ReviewRequest(base: "main"))
        let a = try #require(report.prompts.first { $0.diff.path == prompt }?.metrics.first { $0.metric == "accuracy" })
        let b = try #require(report.prompts.first { $0.diff.path == "prompts/b.md" }?.metrics.first { $0.metric == "accuracy" })
        #expect(a.verdict == .regressed, "\(a.reason)")
        #expect(try #require(a.interval).upper < 0)
        #expect(b.verdict == .withinNoise, "\(b.reason)")
        #expect(try #require(b.interval).lower <= 0 && abs((b.delta ?? 0) + 0.1) < 1e-9)
        #expect(b.reason.contains("includes zero"))
        #expect(report.gate.regressions == 1)
    }

    @Test("a new prompt is judged against min alone; a deleted one is listed without a verdict of its own")
    func addedAndDeleted() throws {
        let (repository, _, headCommit) = try TestRepository.pullRequest(
            base: ["prompts/old.md": "Old.\n"], head: ["prompts/old.md": nil, "prompts/new.md": "New.\n"])
        try repository.record(#"{"accuracy": 0.7}"#, prompt: "prompts/new.md", commit: headCommit)
        let report = try Workspace.open(from: repository.path).review(ReviewRequest(base: "main"))
        let added = try #require(report.prompts.first { $0.diff.path == "prompts/new.md" })
        #expect(added.metrics.map(\.verdict) == [.regressed] && added.missing == nil)
        let deleted = try #require(report.prompts.first { $0.diff.path == "prompts/old.md" })
        #expect(deleted.metrics.isEmpty && deleted.missing == nil && deleted.verdict == .withinNoise)
    }

    @Test("the head's changed lines are the lines added or rewritten; history marks the pull request's commits")
    func changedLinesAndHistory() throws {
        let (repository, baseCommit, _) = try TestRepository.pullRequest(
            base: [prompt: "one\ntwo\nthree\nfour\n"], head: [prompt: "one\nTWO\nthree\nfour\nfive\n"])
        try repository.write(prompt, "one\nTWO\nfour\nfive\n")
        let second = try repository.commitAll("second")
        try repository.record(#"{"accuracy": 0.9}"#, prompt: prompt, commit: baseCommit)
        try repository.record(#"{"accuracy": 0.85}"#, prompt: prompt, commit: second)
        let report = try Workspace.open(from: repository.path).review(ReviewRequest(base: "main"))
        let review = try #require(report.prompts.first)
        let git = try repository.git("diff", "-U0", "main...HEAD", "--", prompt)
        let gitLines = git.split(separator: "\n").filter { $0.hasPrefix("@@") }.flatMap { header -> [Int] in
            let new = header.split(separator: " ")[2].dropFirst().split(separator: ",").map { Int($0)! }
            return new.count > 1 && new[1] == 0 ? [new[0] + 1] : Array(new[0]..<(new[0] + (new.count > 1 ? new[1] : 1)))
        }
        #expect(review.changedLines == gitLines)
        #expect(review.history.map(\.inPullRequest) == [false, true])
        #expect(review.history.map { $0.metrics["accuracy"] } == [0.9, 0.85])
        #expect(review.history.last?.commit == second)
    }

    @Test("without BASE, the remote's default branch (origin/HEAD) is the base; without one, one line says what to name")
    func defaultBase() throws {
        let (repository, baseCommit, _) = try TestRepository.pullRequest(base: [prompt: "v1\n"], head: [prompt: "v2\n"])
        let workspace = try Workspace.open(from: repository.path)
        #expect(throws: QuillError.badInput(
            "no BASE given and 'origin/HEAD' is not set; name the branch the pull request merges into, as in 'quill review origin/main', "
                + "or run 'git remote set-head origin --auto'")) { try workspace.review(ReviewRequest()) }
        try repository.git("update-ref", "refs/remotes/origin/main", baseCommit)
        try repository.git("symbolic-ref", "refs/remotes/origin/HEAD", "refs/remotes/origin/main")
        let report = try Workspace.open(from: repository.path).review(ReviewRequest())
        #expect(report.base == ReviewReport.Side(label: "origin/main", commit: baseCommit))
        #expect(report.prompts.map(\.diff.path) == [prompt])
    }

    @Test("a base quill.yaml that does not parse is bad input naming the base side, the file and the line")
    func badBaseConfig() throws {
        let (repository, _, _) = try TestRepository.pullRequest(
            baseConfig: "metrics:\n  accuracy:\n    direction: sideways\n", base: [prompt: "v1\n"],
            head: [prompt: "v2\n", "quill.yaml": "metrics: {}\n"])
        let workspace = try Workspace.open(from: repository.path)
        #expect(throws: InputFileError(file: "main:quill.yaml", line: 3, column: 16, message: "metric 'accuracy' has direction 'sideways'; expected higher or lower")) {
            try workspace.review(ReviewRequest(base: "main"))
        }
        #expect(throws: QuillError.badInput("unknown revision 'nope'; expected a commit such as 'HEAD~1', a branch, a tag or a commit id")) {
            try workspace.review(ReviewRequest(base: "nope"))
        }
    }
}
