import Foundation
@testable import QuillKit
import TestSupport
import Testing

@Suite("Bisect")
struct WorkspaceBisectTests {
    /// Records good scores on the first commit and bad ones on HEAD, nothing in between.
    private func recordEndpoints(_ history: BisectHistory) throws {
        let workspace = try Workspace.open(from: history.repository.path)
        _ = try workspace.recordEvaluations(RecordRequest(
            files: [history.metricsFile(accuracy: 0.9, latency: 100)], prompt: "prompts/support.prompt", commit: history.commits[0]))
        _ = try workspace.recordEvaluations(RecordRequest(
            files: [history.metricsFile(accuracy: 0.55, latency: 400)], prompt: history.prompt, commit: "HEAD"))
    }

    /// Staged, unstaged and untracked changes, so that bisect has a dirty work tree to leave alone.
    private func dirty(_ history: BisectHistory) throws {
        try history.repository.write("README.md", "Support bot, staged edit\n")
        try history.repository.git("add", "README.md")
        try history.repository.write(history.prompt, "An edit not committed yet.\n")
        try history.repository.write("scratch.txt", "untracked\n")
    }

    private func bound(_ count: Int) -> Int {
        var bound = 0
        while (1 << bound) < count { bound += 1 }
        return bound + 1
    }

    private func stateFile(_ history: BisectHistory) -> String { history.repository.path + "/.git/quill/bisect.json" }

    @Test("finds the culprit with records only on the endpoints, within ceil(log2 n) + 1 runs, leaving HEAD, index and work tree alone",
          arguments: [1, 12, 29, 44])
    func findsCulprit(culpritIndex: Int) throws {
        let history = try BisectHistory(count: 45, culpritIndex: culpritIndex)
        try recordEndpoints(history)
        try dirty(history)
        let before = try WorkTreeSnapshot(history.repository)
        let report = try Workspace.open(from: history.repository.path).bisect(BisectRequest(metric: "accuracy", command: history.command()))
        #expect(report.status == .found)
        #expect(report.firstBad?.commit == history.culprit)
        #expect(report.firstBad?.subject == "Ask for short answers")
        #expect(report.candidates == history.promptCommits.count)
        #expect(report.runs == history.runs().count)
        #expect(report.runs <= bound(history.promptCommits.count), "\(report.runs) runs for \(report.candidates) candidates")
        #expect(report.runBound == bound(history.promptCommits.count))
        #expect(report.steps.allSatisfy { history.promptCommits.contains($0.commit) }, "a commit that changed only other files was evaluated")
        #expect(report.setup.threshold == (0.9 + 0.55) / 2)
        let session = try JSONDecoder().decode(BisectSession.self, from: Data(contentsOf: URL(fileURLWithPath: stateFile(history))))
        let followed = try history.repository.git("log", "--follow", "--format=%H", "--", history.prompt).split(separator: "\n").map(String.init)
        #expect(session.candidates.map(\.commit) + (session.badChangedPrompt ? [history.commits.last!] : []) == Array(followed.dropLast().reversed()),
                "the candidates are not the commits of git log --follow")
        #expect(try WorkTreeSnapshot(history.repository) == before)
        #expect(try history.repository.git("log", "--format=%H", "refs/notes/quill").isEmpty == false)
        try history.repository.fsck()
        print("bisect: culprit at \(culpritIndex) of 45 commits, \(report.candidates) candidates, \(report.runs) runs (bound \(report.runBound))")
    }

    @Test("bisects a lower-is-better metric from JSON Lines cases, and follows the prompt across its rename")
    func lowerIsBetterFromCases() throws {
        let history = try BisectHistory(count: 40, culpritIndex: 10, renameIndex: 25)
        try recordEndpoints(history)
        let report = try Workspace.open(from: history.repository.path).bisect(
            BisectRequest(metric: "latency_ms", command: history.command(jsonl: true), prompt: history.prompt))
        #expect(report.setup.direction == .lower)
        #expect(report.firstBad?.commit == history.culprit)
        #expect(report.firstBad?.path == "prompts/support.prompt")
        #expect(report.firstBad?.value == 400)
        #expect(report.runs <= report.runBound)
        let listed = try Workspace.open(from: history.repository.path).listEvaluations(prompt: nil, commit: history.culprit)
        #expect(listed.records.first?.cases == 10)
    }

    @Test("uses records already stored instead of running the command")
    func usesRecords() throws {
        let history = try BisectHistory(count: 30, culpritIndex: 16)
        try recordEndpoints(history)
        let workspace = try Workspace.open(from: history.repository.path)
        for commit in history.promptCommits {
            let bad = history.commits.firstIndex(of: commit)! >= history.commits.firstIndex(of: history.culprit)!
            let path = try history.repository.git("ls-tree", "--name-only", commit, "prompts/").split(separator: "\n").first { $0 != "prompts/other.prompt" }!
            _ = try workspace.recordEvaluations(RecordRequest(
                files: [history.metricsFile(accuracy: bad ? 0.55 : 0.9, latency: 100)], prompt: String(path), commit: commit))
        }
        let report = try workspace.bisect(BisectRequest(metric: "accuracy", command: "exit 1"))
        #expect(report.firstBad?.commit == history.culprit)
        #expect(report.runs == 0)
        #expect(report.steps.allSatisfy { $0.source == .record })
    }

    @Test("exit 125 skips a candidate; another failure stops with the session kept; skip and resume finish")
    func failures() throws {
        let history = try BisectHistory(count: 45, culpritIndex: 29)
        try recordEndpoints(history)
        try dirty(history)
        let before = try WorkTreeSnapshot(history.repository)
        let middle = history.promptCommits[(history.promptCommits.count - 1) / 2]
        try history.fail(middle, status: 125)
        let neighbour = history.promptCommits[(history.promptCommits.count - 1) / 2 - 1]
        try history.fail(neighbour, status: 3)
        let request = BisectRequest(metric: "accuracy", command: history.command())
        #expect(throws: QuillError.self) { try Workspace.open(from: history.repository.path).bisect(request) }
        #expect(try WorkTreeSnapshot(history.repository) == before)
        let status = try Workspace.open(from: history.repository.path).bisectStatus()
        #expect(status.status == .inProgress)
        #expect(status.next == neighbour)
        #expect(status.steps.first?.commit == middle && status.steps.first?.verdict == .skipped && status.steps.first?.exitStatus == 125)
        let skipped = try Workspace.open(from: history.repository.path).bisectSkip(nil)
        #expect(skipped.steps.last?.commit == neighbour && skipped.steps.last?.source == .skip)
        let report = try Workspace.open(from: history.repository.path).bisect(nil)
        #expect(report.firstBad?.commit == history.culprit)
        #expect(history.runs().filter { $0 == middle }.count == 1)
        #expect(try WorkTreeSnapshot(history.repository) == before)
        #expect(try Workspace.open(from: history.repository.path).bisectReset().hadSession)
        #expect(!FileManager.default.fileExists(atPath: stateFile(history)))
        try history.repository.fsck()
    }

    @Test("with --skip-failures every failing run is a skip")
    func skipFailures() throws {
        let history = try BisectHistory(count: 30, culpritIndex: 24)
        try recordEndpoints(history)
        try history.fail(history.promptCommits[(history.promptCommits.count - 1) / 2], status: 1)
        let report = try Workspace.open(from: history.repository.path).bisect(
            BisectRequest(metric: "accuracy", command: history.command(), skipFailures: true))
        #expect(report.firstBad?.commit == history.culprit)
        #expect(report.steps.contains { $0.verdict == .skipped && $0.exitStatus == 1 })
    }

    /// A 30-commit history with endpoint records and one more record, after the rename, at commit 22.
    private func historyWithRecordAt22(accuracy: Double) throws -> (BisectHistory, Workspace) {
        let history = try BisectHistory(count: 30, culpritIndex: 25)
        try recordEndpoints(history)
        let workspace = try Workspace.open(from: history.repository.path)
        _ = try workspace.recordEvaluations(RecordRequest(
            files: [history.metricsFile(accuracy: accuracy, latency: 100)], prompt: history.prompt, commit: history.commits[22]))
        return (history, workspace)
    }

    @Test("without --good, starts from the newest evaluated ancestor that scores better")
    func defaultGood() throws {
        let (history, workspace) = try historyWithRecordAt22(accuracy: 0.9)
        let report = try workspace.bisect(BisectRequest(metric: "accuracy", command: history.command()))
        #expect(report.setup.good.commit == history.commits[22])
        #expect(report.firstBad?.commit == history.culprit)
        #expect(report.candidates == history.promptCommits.filter { history.commits.firstIndex(of: $0)! > 22 }.count)
    }

    @Test("a good commit that does not score better than the bad one is bad input")
    func goodNotBetter() throws {
        let (history, workspace) = try historyWithRecordAt22(accuracy: 0.5)
        let error = try #require(throws: QuillError.self) {
            try workspace.bisect(BisectRequest(metric: "accuracy", command: history.command(), good: history.commits[22]))
        }
        #expect(error.kind == .badInput)
        #expect(error.message.contains("is not better than bad"))
        #expect(!FileManager.default.fileExists(atPath: stateFile(history)))
        #expect(history.runs().isEmpty)
    }

    @Test("bad input is one line of bad input and starts no session",
          arguments: [
            BisectRequest(metric: "recall", command: "true"),
            BisectRequest(metric: "accuracy", command: "true", good: "no-such-rev"),
            BisectRequest(metric: "accuracy", command: "true", bad: "HEAD~44", prompt: "prompts/support.prompt", suite: "default"),
            BisectRequest(metric: "accuracy", command: "true", good: "HEAD", bad: "HEAD~44", prompt: "prompts/support.prompt"),
            BisectRequest(metric: "accuracy", command: "true", prompt: "prompts/nope.prompt"),
            BisectRequest(metric: "accuracy", command: "true", threshold: 0.95),
          ])
    func badInput(request: BisectRequest) throws {
        let history = try BisectHistory(count: 45, culpritIndex: 29)
        try recordEndpoints(history)
        let tip = try history.repository.git("rev-parse", "refs/quill/evals")
        let error = try #require(throws: QuillError.self) { try Workspace.open(from: history.repository.path).bisect(request) }
        #expect(error.kind == .badInput)
        #expect(!error.message.contains("\n"))
        #expect(!FileManager.default.fileExists(atPath: stateFile(history)))
        #expect(try history.repository.git("rev-parse", "refs/quill/evals") == tip)
    }

    @Test("a merge on the first-parent path that brought the bad change in is the culprit; side-branch commits are never run")
    func mergeIsCandidate() throws {
        let history = try BisectHistory(count: 12, culpritIndex: 100, renameIndex: 100)
        let repository = history.repository
        let path = "prompts/support.prompt"
        try repository.git("checkout", "-q", "-b", "feature", history.commits[9])
        try repository.write(path, try repository.read(path) + "Answer tersely.\n")
        let sideCulprit = try repository.commitAll("Ask for short answers on the side")
        try repository.write("src/side.txt", "side\n")
        let sideOther = try repository.commitAll("Side build change")
        try repository.git("checkout", "-q", "main")
        try repository.write("src/main.txt", "main\n")
        try repository.commitAll("Main build change")
        try repository.tick()
        try repository.git("merge", "-q", "--no-ff", "-m", "Merge feature", "feature")
        let merge = try repository.git("rev-parse", "HEAD")
        try repository.write("README.md", "after the merge\n")
        try repository.commitAll("Docs")
        let workspace = try Workspace.open(from: repository.path)
        _ = try workspace.recordEvaluations(RecordRequest(
            files: [history.metricsFile(accuracy: 0.9, latency: 100)], prompt: path, commit: history.commits[0]))
        _ = try workspace.recordEvaluations(RecordRequest(files: [history.metricsFile(accuracy: 0.55, latency: 400)], prompt: path))
        let report = try workspace.bisect(BisectRequest(metric: "accuracy", command: history.command()))
        #expect(report.firstBad?.commit == merge)
        #expect(!history.runs().contains(sideCulprit) && !history.runs().contains(sideOther))
        #expect(report.runs <= report.runBound)
    }

    @Test("an endpoint without records is evaluated by the command first, outside the run count")
    func evaluatesEndpoint() throws {
        let history = try BisectHistory(count: 30, culpritIndex: 16)
        let workspace = try Workspace.open(from: history.repository.path)
        _ = try workspace.recordEvaluations(RecordRequest(files: [history.metricsFile(accuracy: 0.55, latency: 400)], prompt: history.prompt))
        let report = try workspace.bisect(BisectRequest(metric: "accuracy", command: history.command(), good: history.commits[0]))
        #expect(report.setup.good.value == 0.9)
        #expect(report.firstBad?.commit == history.culprit)
        #expect(history.runs().first == history.commits[0])
        #expect(history.runs().count == report.runs + 1)
    }
}
