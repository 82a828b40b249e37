import Foundation
import GitKit

/// The demo's evaluation results: the support prompt scored at every commit of the demo history on
/// 40 tickets, with per-case verdicts, latencies and outputs, so that `quill diff` has scores,
/// repeated runs and flipped cases to show. Deterministic: the same numbers on every run.
enum DemoEvaluations {
    static let prompt = "prompts/support.prompt"
    static let suite = "support-regression"
    static let caseCount = 40

    /// How well each version of the support prompt does: the share of tickets it gets right and its
    /// typical latency (the cheaper model of version 3 is faster but worse).
    private static let quality: [String: (accuracy: Double, latency: Double)] = [
        DemoPrompts.supportV1: (0.66, 930), DemoPrompts.supportV2: (0.78, 960),
        DemoPrompts.supportV3: (0.70, 470), DemoPrompts.supportV4: (0.86, 510),
    ]

    /// Records one evaluation of the support prompt for each commit on the current branch, oldest first.
    static func record(in workspace: Workspace, commits: [ObjectID]) throws {
        try workspace.repository.setConfigString("user.name", to: "Dana Demo")
        try workspace.repository.setConfigString("user.email", to: "dana@demo.quill.invalid")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("quill-demo-results-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var files = [String]()
        for (run, commit) in commits.enumerated() {
            guard let entry = try workspace.repository.treeEntry(atPath: prompt, inCommit: commit) else { continue }
            let text = String(decoding: try workspace.repository.blobData(entry.id), as: UTF8.self)
            guard let quality = quality[text] else { continue }
            let file = folder.appendingPathComponent("run-\(run + 1).json")
            try results(commit: commit, quality: quality, run: run).write(to: file)
            files.append(file.path)
        }
        for file in files {
            _ = try workspace.recordEvaluations(RecordRequest(files: [file], prompt: prompt))
        }
    }

    /// One run's results in Quill's JSON: each ticket passes when its difficulty, blurred by the run's
    /// noise, is below the version's accuracy.
    private static func results(commit: ObjectID, quality: (accuracy: Double, latency: Double), run: Int) throws -> Data {
        let cases: [[String: Any]] = (1...caseCount).map { number in
            let difficulty = unit(number, 0)
            let noise = unit(number, 100 + run)
            let passed = 0.6 * difficulty + 0.4 * noise < quality.accuracy
            let latency = (quality.latency * (0.8 + 0.4 * unit(number, 200 + run))).rounded()
            return [
                "id": String(format: "ticket-%02d", number), "pass": passed,
                "metrics": ["accuracy": passed ? 1 : 0, "latency_ms": latency],
                "output": passed ? answers[number % answers.count] : failures[number % failures.count],
            ]
        }
        let document: [String: Any] = ["quill": 1, "prompt": prompt, "suite": suite, "commit": commit.hex, "cases": cases]
        return try JSONSerialization.data(withJSONObject: document, options: [.sortedKeys])
    }

    /// A fixed pseudo-random number in [0, 1) for a ticket and a stream.
    private static func unit(_ number: Int, _ stream: Int) -> Double {
        var generator = SeededGenerator(seed: UInt64(number) &* 0x1000_0001 &+ UInt64(stream))
        return Double(generator.next() >> 11) / Double(1 << 53)
    }

    private static let answers = [
        "Your order ships tomorrow; the tracking link is in your confirmation email.",
        "I have reset the API key for your project; the old key stops working in 24 hours.",
        "Refunds reach your card in 5–7 working days. See the help-centre article on refunds.",
    ]

    private static let failures = [
        "I'm not sure. Please contact support.",
        "Could you tell me more about your issue?",
    ]
}
