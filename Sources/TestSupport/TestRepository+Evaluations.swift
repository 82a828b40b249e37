import Foundation
import QuillKit

extension TestRepository {
    /// A repository whose git identity is an evaluator's, so `recordEvaluations` can sign its commits.
    public static func evaluated() throws -> TestRepository {
        let repository = try TestRepository()
        try repository.git("config", "user.name", "Eve Evaluator")
        try repository.git("config", "user.email", "eve@example.com")
        return repository
    }

    /// Records metrics (a JSON object) for `prompt` at `commit` (default HEAD).
    public func recordMetrics(_ json: String, commit: String? = nil, prompt: String = "prompts/a.md") throws {
        let name = "results/\(UUID().uuidString).json"
        try write(name, json)
        _ = try Workspace.open(from: path).recordEvaluations(RecordRequest(files: [path + "/" + name], prompt: prompt, commit: commit))
    }

    /// Commits `count` changes to `prompts/a.md` and an unrelated file: a new rule every third commit,
    /// the harmful line `Skip citations.` at `culprit`, the unrelated file otherwise; returns the commits.
    public func commitPromptHistory(count: Int, culprit: Int) throws -> [String] {
        var lines = ["Answer the customer's question.", "Cite the policy."]
        var commits = [String]()
        for index in 0..<count {
            if index == culprit || index % 3 == 0 {
                lines.append(index == culprit ? "Skip citations." : "Rule \(index).")
                try write("prompts/a.md", lines.joined(separator: "\n") + "\n")
            } else {
                try write("src/app.py", "print(\(index))\n")
            }
            commits.append(try commitAll("change \(index)"))
        }
        return commits
    }
}
