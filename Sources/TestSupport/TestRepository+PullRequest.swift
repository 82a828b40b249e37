import Foundation
import QuillKit

extension TestRepository {
    /// The gated configuration of the review tests: accuracy higher, min 0.8, max_drop 0.05.
    public static let gatedConfig = "metrics:\n  accuracy:\n    direction: higher\n    min: 0.8\n    max_drop: 0.05\n"

    /// A repository shaped like a pull request: `main` with `quill.yaml` (`baseConfig`) and the prompts
    /// `base`, then the branch `feature` checked out, whose one commit writes `head` (a nil content
    /// deletes the file). Returns the repository, the base commit and the head commit.
    public static func pullRequest(
        baseConfig: String = gatedConfig, base: [String: String], head: [String: String?]
    ) throws -> (repository: TestRepository, base: String, head: String) {
        let repository = try evaluated()
        try repository.write("quill.yaml", baseConfig)
        for (path, content) in base { try repository.write(path, content) }
        let baseCommit = try repository.commitAll("base")
        try repository.git("checkout", "-q", "-b", "feature")
        for (path, content) in head {
            if let content { try repository.write(path, content) } else { try repository.remove(path) }
        }
        return (repository, baseCommit, try repository.commitAll("pull request"))
    }

    /// Records a Quill results document (JSON text) for `prompt` at `commit`, from a file outside the work tree.
    public func record(_ json: String, prompt: String, commit: String) throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("results-\(UUID().uuidString).json").path
        try Data(json.utf8).write(to: URL(fileURLWithPath: file))
        defer { try? FileManager.default.removeItem(atPath: file) }
        _ = try Workspace.open(from: path).recordEvaluations(RecordRequest(files: [file], prompt: prompt, commit: commit))
    }

    /// Records per-case results of `prompt` at `commit`: case `c<i>` passes when `passes[i]`, with
    /// `accuracy` 1 or 0.
    public func recordCases(_ passes: [Bool], prompt: String, commit: String, suite: String = "smoke") throws {
        let cases = passes.enumerated().map { index, pass in
            #"{"id": "c\#(index)", "pass": \#(pass), "metrics": {"accuracy": \#(pass ? 1 : 0)}}"#
        }
        try record(#"{"quill": 1, "suite": "\#(suite)", "cases": [\#(cases.joined(separator: ","))]}"#, prompt: prompt, commit: commit)
    }
}
