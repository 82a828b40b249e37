import Foundation
import QuillKit
import TestSupport
import Testing

@Suite("Bisect")
struct BisectTests {
    /// 40 commits, a third of them prompt edits; commit 23 adds the line that hurts; records only at commits 4 and 39.
    private func history() throws -> (TestRepository, [String], String) {
        let repository = try TestRepository.evaluated()
        let commits = try repository.commitPromptHistory(count: 40, culprit: 23)
        try repository.recordMetrics(#"{"accuracy": 0.8}"#, commit: commits[4])
        try repository.recordMetrics(#"{"accuracy": 0.7}"#, commit: commits[39])
        try repository.remove("results")
        let command = #"if grep -q 'Skip citations' "$QUILL_PROMPT"; then v=0.7; else v=0.8; fi; printf '{"accuracy": %s}' $v > "$QUILL_OUTPUT""#
        return (repository, commits, command)
    }

    /// HEAD, the index and the work tree's status, to compare before and after.
    private func snapshot(_ repository: TestRepository) throws -> [String] {
        [try repository.git("rev-parse", "HEAD"), try repository.git("ls-files", "-s"), try repository.git("status", "--porcelain")]
    }

    @Test("finds the injected culprit with records only on the endpoints, within the run bound, touching nothing")
    func findsCulprit() throws {
        let (repository, commits, command) = try history()
        let before = try snapshot(repository)
        let report = try Workspace.open(from: repository.path).bisect(prompt: "prompts/a.md", metric: "accuracy", command: command, good: commits[4], bad: commits[39])
        #expect(report.culprit == commits[23])
        let runs = report.steps.filter(\.ranCommand).count
        let bound = Int(ceil(log2(Double(report.candidates.count)))) + 1
        print("bisect: \(report.candidates.count) candidates, \(runs) runs (bound \(bound))")
        #expect(runs <= bound)
        #expect(try snapshot(repository) == before)
        // Run again: every step is read from the store, nothing runs.
        let again = try Workspace.open(from: repository.path).bisect(prompt: "prompts/a.md", metric: "accuracy", command: "exit 1", good: nil, bad: nil)
        #expect(again.culprit == commits[23])
        #expect(again.steps.allSatisfy { !$0.ranCommand })
        #expect(try Workspace.open(from: repository.path).resetBisect())
        #expect(try !Workspace.open(from: repository.path).resetBisect())
    }

    @Test("a command that fails is skipped, names no culprit, and leaves the work tree, index and HEAD as they were")
    func failingCommand() throws {
        let (repository, commits, _) = try history()
        let before = try snapshot(repository)
        let report = try Workspace.open(from: repository.path).bisect(prompt: "prompts/a.md", metric: "accuracy", command: "exit 3", good: commits[4], bad: commits[39])
        #expect(report.culprit == nil)
        let ran = report.steps.filter(\.ranCommand)
        #expect(!ran.isEmpty && ran.allSatisfy { $0.verdict == .skipped })
        #expect(try snapshot(repository) == before)
    }
}
