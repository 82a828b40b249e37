import Foundation
@testable import QuillKit
import TestSupport

/// A repository for diff tests: an identity for recording, optional metrics in quill.yaml, and
/// helpers to commit prompt versions and record results against them.
struct DiffFixture {
    let repository: TestRepository

    init(config: String? = nil) throws {
        repository = try TestRepository.evaluated()
        if let config { try repository.write("quill.yaml", config) }
    }

    /// A workspace opened now (after quill.yaml is in place).
    func workspace() throws -> Workspace {
        try Workspace.open(from: repository.path)
    }

    /// Writes `files` and commits everything; returns the commit id.
    @discardableResult
    func commit(_ message: String, _ files: [String: String]) throws -> String {
        for (path, content) in files { try repository.write(path, content) }
        return try repository.commitAll(message)
    }

    /// Records a Quill results document (JSON text) for `prompt` at `commit`.
    func record(_ json: String, prompt: String, commit: String) throws {
        let name = "results-\(UUID().uuidString).json"
        let file = FileManager.default.temporaryDirectory.appendingPathComponent(name).path
        try Data(json.utf8).write(to: URL(fileURLWithPath: file))
        defer { try? FileManager.default.removeItem(atPath: file) }
        _ = try workspace().recordEvaluations(RecordRequest(files: [file], prompt: prompt, commit: commit))
    }

    /// The diff of `revisions`, limited to `paths`.
    func diff(_ revisions: [String], paths: [String] = []) throws -> DiffReport {
        try workspace().diff(DiffRequest(revisions: revisions, paths: paths))
    }

    /// The diff of one prompt between two commits.
    func promptDiff(_ from: String, _ to: String, path: String) throws -> PromptDiff? {
        try diff([from, to]).prompts.first { $0.path == path }
    }
}
