import Foundation
import GitKit

extension Workspace {
    /// The exit status with which an evaluator says "this commit cannot be evaluated", as in `git bisect run`.
    static let skipStatus: Int32 = 125

    /// Exports `commit` into a new temporary folder, runs the session's command there and records the result
    /// it writes against `commit` in suite `suite`; `track` is told the folder before the run and `nil`
    /// after it is removed, so an interrupted run's folder can be found and removed later.
    ///
    /// The command gets `QUILL_PROMPT` (the prompt's absolute path in the export), `QUILL_OUTPUT` (the file
    /// to write), `QUILL_COMMIT`, `QUILL_METRIC` and `QUILL_SUITE`.
    func evaluate(
        commit: ObjectID, path: String, command: String, metric: String, suite: String, track: (String?) throws -> Void
    ) throws -> CandidateEvaluation {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("quill-bisect-\(UUID().uuidString)").path
        try track(folder)
        defer {
            try? FileManager.default.removeItem(atPath: folder)
            try? track(nil)
        }
        let tree = folder + "/tree"
        let output = folder + "/result.json"
        try TreeExport(repository: repository).write(commit: commit, to: tree)
        let environment = [
            "QUILL_PROMPT": tree + "/" + path, "QUILL_OUTPUT": output, "QUILL_COMMIT": commit.hex,
            "QUILL_METRIC": metric, "QUILL_SUITE": suite,
        ]
        switch try EvaluatorRun(command: command, folder: tree, environment: environment).run() {
        case .interrupted(let signal):
            return .interrupted(signal: signal)
        case .exited(Workspace.skipStatus):
            return .skipped
        case .exited(let status) where status != 0:
            return .failed(status: status, reason: "exited with status \(status)")
        case .exited:
            guard FileManager.default.fileExists(atPath: output) else {
                return .failed(status: 0, reason: "exited 0 but wrote no result to QUILL_OUTPUT")
            }
            do {
                _ = try recordEvaluations(RecordRequest(files: [output], prompt: (workTreeRoot.map { $0 + "/" } ?? "") + path, commit: commit.hex, suite: suite, allowDirty: true))
            } catch let error as GitError {
                throw error
            } catch {
                return .failed(status: 0, reason: "wrote a result Quill cannot record: \(QuillError(classifying: error)?.message ?? "\(error)")")
            }
            let reader = MetricReader(store: EvalStore(repository: repository), metric: metric)
            guard let value = try reader.value(at: commit, prompt: path, suite: suite) else {
                return .failed(status: 0, reason: "wrote a result without the metric '\(metric)'")
            }
            return .value(value)
        }
    }
}
