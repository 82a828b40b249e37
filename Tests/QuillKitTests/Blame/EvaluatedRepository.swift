import Foundation
import QuillKit
import TestSupport

extension TestRepository {
    /// A repository whose git identity is an evaluator's, so `recordEvaluations` can sign its commits.
    static func evaluated() throws -> TestRepository {
        let repository = try TestRepository()
        try repository.git("config", "user.name", "Eve Evaluator")
        try repository.git("config", "user.email", "eve@example.com")
        return repository
    }

    /// Records metrics (a JSON object) for `prompts/a.md` at `commit` (default HEAD).
    func recordMetrics(_ json: String, commit: String? = nil) throws {
        let name = "results/\(UUID().uuidString).json"
        try write(name, json)
        _ = try Workspace.open(from: path).recordEvaluations(RecordRequest(files: [path + "/" + name], prompt: "prompts/a.md", commit: commit))
    }
}
