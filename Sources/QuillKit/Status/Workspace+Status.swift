import Foundation
import GitKit

extension Workspace {
    /// The prompts that changed in the index and work tree, and the prompt files that do not parse.
    /// A prompt file larger than `FileSizeBound.prompt` is refused, as `commit` and `diff` refuse it.
    ///
    /// Complexity: one `git status` plus one parse per prompt file in the work tree.
    public func status() throws -> StatusReport {
        _ = try workTree(for: "'quill status'")
        let entries = try repository.status()
        var errors = [String: String]()
        let index = try repository.index()
        let untracked = entries.filter { $0.unstaged == .untracked }.map(\.path)
        for path in Set(index.paths + untracked).sorted() where isPrompt(path) {
            guard let data = try workTreeData(path) else { continue }
            do {
                _ = try PromptParser.parse(data, path: path, reading: config.reading(for: path))
            } catch {
                errors[path] = error.description
            }
        }
        let changes = entries.filter { isPrompt($0.path) || $0.headPath.map(isPrompt) == true }.map { entry in
            StatusReport.Change(
                path: entry.path, headPath: entry.headPath, staged: entry.staged?.rawValue,
                unstaged: entry.unstaged?.rawValue, error: errors[entry.path])
        }
        let branch = try repository.headBranchName().map { $0.hasPrefix("refs/heads/") ? String($0.dropFirst(11)) : $0 }
        return StatusReport(
            branch: branch, head: try repository.headCommitID()?.hex, changes: changes,
            unparseable: errors.keys.sorted().compactMap { errors[$0] })
    }
}
