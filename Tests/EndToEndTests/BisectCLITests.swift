import Foundation
import TestSupport
import Testing

/// `quill bisect` as users run it: the built binary, interrupted and resumed.
@Suite("quill bisect command")
struct BisectCLITests {
    /// A 45-commit history with records only on its endpoints, written by `quill eval record`.
    private func evaluatedHistory() throws -> BisectHistory {
        let history = try BisectHistory(count: 45, culpritIndex: 29)
        let good = try QuillBinary.run(
            ["eval", "record", history.metricsFile(accuracy: 0.9, latency: 100), "--prompt", "prompts/support.prompt", "--commit", history.commits[0]],
            in: history.repository.path)
        #expect(good.status == 0, "\(good.stderr)")
        let bad = try QuillBinary.run(["eval", "record", history.metricsFile(accuracy: 0.55, latency: 400), "--prompt", history.prompt], in: history.repository.path)
        #expect(bad.status == 0, "\(bad.stderr)")
        try history.repository.write("scratch.txt", "untracked\n")
        try history.repository.write("README.md", "Support bot, not committed\n")
        return history
    }

    private func bisectArguments(_ history: BisectHistory) -> [String] {
        ["bisect", "--metric", "accuracy", "--run", history.command(), "--format", "json"]
    }

    /// Starts `quill bisect` without waiting for it, and returns once its first run is holding in the
    /// evaluator; also returns the snapshot taken before it started.
    private func startHeldBisect() throws -> (BisectHistory, WorkTreeSnapshot, Process) {
        let history = try evaluatedHistory()
        let before = try WorkTreeSnapshot(history.repository)
        _ = FileManager.default.createFile(atPath: history.holdFile, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: QuillBinary.path)
        process.arguments = bisectArguments(history)
        process.currentDirectoryURL = URL(fileURLWithPath: history.repository.path)
        process.environment = TestEnvironment.variables()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(60)
        while !FileManager.default.fileExists(atPath: history.startedFile) {
            guard Date() < deadline else { throw TestFailure("the evaluator never started") }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return (history, before, process)
    }

    /// Waits up to `seconds` for `process` to exit; `false` when it is still running.
    private func waitForExit(_ process: Process, seconds: Double) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        return !process.isRunning
    }

    /// The `checkout` folder the stored session names, if any.
    private func storedCheckout(_ history: BisectHistory) throws -> String? {
        let data = try Data(contentsOf: URL(fileURLWithPath: history.repository.path + "/.git/quill/bisect.json"))
        return (try JSONSerialization.jsonObject(with: data) as? [String: Any])?["checkout"] as? String
    }

    @Test("prints the first bad commit, its subject and the values along the way, as text and JSON")
    func reports() throws {
        let history = try evaluatedHistory()
        let before = try WorkTreeSnapshot(history.repository)
        let text = try QuillBinary.run(["bisect", "--metric", "accuracy", "--run", history.command()], in: history.repository.path)
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("first bad commit: \(history.culprit.prefix(7)) Ask for short answers"))
        #expect(text.stdout.contains("accuracy 0.9 -> 0.55"))
        let json = try QuillBinary.run(["bisect", "status", "--format", "json"], in: history.repository.path)
        #expect(json.status == 0, "\(json.stderr)")
        #expect(json.stdout.contains("\"status\" : \"found\""))
        #expect(json.stdout.contains("\"commit\" : \"\(history.culprit)\""))
        #expect(json.stdout.contains("\"subject\" : \"Ask for short answers\""))
        #expect(try WorkTreeSnapshot(history.repository) == before)
        let reset = try QuillBinary.run(["bisect", "reset"], in: history.repository.path)
        #expect(reset.output == "bisect session ended")
        try history.repository.fsck()
    }

    @Test("killed mid-run, the session resumes where it stopped, removes the dead run's folder and finds the culprit")
    func resumesAfterKill() throws {
        let (history, before, running) = try startHeldBisect()
        kill(running.processIdentifier, SIGKILL)
        running.waitUntilExit()
        let leftover = try #require(try storedCheckout(history))
        #expect(FileManager.default.fileExists(atPath: leftover))
        #expect(try WorkTreeSnapshot(history.repository) == before)
        try FileManager.default.removeItem(atPath: history.holdFile)
        Thread.sleep(forTimeInterval: 0.3)
        let resumed = try QuillBinary.run(["bisect", "--format", "json"], in: history.repository.path)
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(resumed.stdout.contains("\"status\" : \"found\""))
        #expect(resumed.stdout.contains("\"commit\" : \"\(history.culprit)\""))
        #expect(!FileManager.default.fileExists(atPath: leftover))
        #expect(try storedCheckout(history) == nil)
        let runs = history.runs()
        #expect(runs.count <= 5 + 1, "\(runs.count) evaluator starts, one of them killed")
        #expect(try WorkTreeSnapshot(history.repository) == before)
        try history.repository.fsck()
    }

    @Test("SIGINT mid-run stops the evaluator, exits 130 with the session kept; running the same command again finishes")
    func resumesAfterInterrupt() throws {
        let (history, before, running) = try startHeldBisect()
        let checkout = try #require(try storedCheckout(history))
        running.interrupt()
        let stopped = waitForExit(running, seconds: 30)
        try? FileManager.default.removeItem(atPath: history.holdFile)
        if !stopped { kill(running.processIdentifier, SIGKILL) }
        #expect(stopped, "quill did not stop on SIGINT")
        running.waitUntilExit()
        #expect(running.terminationReason == .exit && running.terminationStatus == 130)
        #expect(!FileManager.default.fileExists(atPath: checkout))
        #expect(try storedCheckout(history) == nil)
        #expect(try WorkTreeSnapshot(history.repository) == before)
        let resumed = try QuillBinary.run(bisectArguments(history), in: history.repository.path)
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(resumed.stdout.contains("\"commit\" : \"\(history.culprit)\""))
        #expect(try WorkTreeSnapshot(history.repository) == before)
        try history.repository.fsck()
    }

    @Test("while one bisect runs, another, a skip or a reset fails within a second with one line and exit 3; status still answers")
    func oneBisectAtATime() throws {
        let (history, before, running) = try startHeldBisect()
        defer { if running.isRunning { kill(running.processIdentifier, SIGKILL) } }
        let stored = try Data(contentsOf: URL(fileURLWithPath: history.repository.path + "/.git/quill/bisect.json"))
        for arguments in [["bisect", "--format", "json"], bisectArguments(history), ["bisect", "skip"], ["bisect", "reset"]] {
            let second = try QuillBinary.run(arguments, in: history.repository.path)
            #expect(second.status == 3, "\(arguments): \(second.stderr)")
            #expect(second.stderr.split(separator: "\n").count == 1 && second.stderr.contains("another 'quill bisect' is running"), "\(second.stderr)")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: history.repository.path + "/.git/quill/bisect.json")) == stored)
        let status = try QuillBinary.run(["bisect", "status"], in: history.repository.path)
        #expect(status.status == 0, "\(status.stderr)")
        try FileManager.default.removeItem(atPath: history.holdFile)
        #expect(waitForExit(running, seconds: 60))
        #expect(running.terminationStatus == 0)
        let report = try QuillBinary.run(["bisect", "status", "--format", "json"], in: history.repository.path)
        #expect(report.stdout.contains("\"commit\" : \"\(history.culprit)\""))
        #expect(try WorkTreeSnapshot(history.repository) == before)
        try history.repository.fsck()
    }

    @Test("bad input is one line on stderr, exit 2, and no session", arguments: [
        ["--metric", "recall"], ["--metric", "accuracy", "--good", "nosuch"], ["--metric", "accuracy", "--good", "HEAD"],
    ])
    func badInput(extra: [String]) throws {
        let history = try evaluatedHistory()
        let result = try QuillBinary.run(["bisect", "--run", "true"] + extra, in: history.repository.path)
        #expect(result.status == 2)
        #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: history.repository.path + "/.git/quill/bisect.json"))
        let status = try QuillBinary.run(["bisect", "status"], in: history.repository.path)
        #expect(status.status == 1)
    }
}
