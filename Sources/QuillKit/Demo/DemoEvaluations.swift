import Foundation

/// The evaluation results the demo records after each commit: for every prompt the commit wrote, one
/// suite of per-case results (pass/fail, accuracy, latency), imported through `quill eval record`'s
/// own path so that `log` shows score columns with deltas.
struct DemoEvaluations {
    /// The support suite's cases; other prompts use the first few.
    static let cases = ["refund-late-order", "where-is-my-order", "angry-customer", "address-change",
                        "warranty-claim", "cancel-subscription", "gift-card", "damaged-item"]

    /// Passing cases per version of each prompt: the support prompt improves, dips with the cheaper
    /// model, then recovers.
    static let passing: [String: [Int]] = [
        "prompts/support.prompt": [5, 7, 6, 8],
        "prompts/faq.md": [5],
        "prompts/classify.json": [5],
    ]

    private var versions = [String: Int]()

    /// Records results for the prompts among `paths` at `commit`, as the identity in `environment`.
    mutating func record(_ paths: [String], commit: String, in workspace: Workspace, environment: [String: String]) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("quill-demo-results-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var files = [String]()
        for path in paths.sorted() {
            guard let counts = DemoEvaluations.passing[path] else { continue }
            let version = versions[path, default: 0]
            versions[path] = version + 1
            let file = folder.appendingPathComponent("\(files.count).json")
            try DemoEvaluations.results(for: path, version: version, passing: counts[min(version, counts.count - 1)]).write(to: file)
            files.append(file.path)
        }
        guard !files.isEmpty else { return }
        _ = try workspace.recordEvaluations(RecordRequest(files: files, commit: commit), environment: environment)
    }

    /// Quill results JSON for one version of `prompt`: `passing` of its cases pass, which ones
    /// rotating with the version so some cases flip.
    static func results(for prompt: String, version: Int, passing: Int) throws -> Data {
        let names = prompt == "prompts/support.prompt" ? cases : Array(cases.prefix(6))
        let rows: [[String: Any]] = names.enumerated().map { index, name in
            let passes = (index + version * 3) % names.count < passing
            let latency = (version >= 2 ? 420 : 880) + index * 35 + prompt.count * 7
            return ["id": name, "pass": passes, "metrics": ["accuracy": passes ? 1 : 0, "latency_ms": latency]]
        }
        let evaluation: [String: Any] = [
            "prompt": prompt, "suite": prompt == "prompts/support.prompt" ? "support-regression" : "smoke", "cases": rows,
        ]
        return try JSONSerialization.data(withJSONObject: ["quill": 1, "evaluations": [evaluation]], options: [.sortedKeys])
    }
}
