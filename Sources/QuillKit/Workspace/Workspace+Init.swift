import Foundation
import GitKit

/// What `quill init` did.
public struct InitReport: Codable, Sendable, Equatable {
    /// The work tree's root.
    public let root: String
    public let createdRepository: Bool
    /// Whether `quill.yaml` was written (it is never overwritten).
    public let wroteConfig: Bool
    /// Where the configuration lives.
    public let configPath: String
    /// The textconv diff driver, when `--git-diff` asked for it.
    public var diffDriver: DiffDriverSetup? = nil
}

extension Workspace {
    /// The notes ref that mirrors score summaries.
    public static let notesReference = "refs/notes/quill"

    /// Sets Quill up in `directory`: a repository if there is none, a commented `quill.yaml` if there is
    /// none (an existing one is checked, never overwritten), and `notes.rewriteRef` so amend and rebase
    /// carry the score notes along.
    public static func initialize(at directory: String) throws -> InitReport {
        var created = false
        let repository: Repository
        do {
            repository = try Repository.discover(from: directory)
        } catch {
            guard error.code == .notFound else { throw error }
            repository = try Repository.create(at: directory)
            created = true
        }
        guard let workTree = workTreePath(of: repository, seenFrom: canonical(directory)) else {
            throw bareRepositoryError(repository, purpose: "'quill init'")
        }
        let root = canonical(String(workTree.dropLast(workTree.hasSuffix("/") ? 1 : 0)))
        let configPath = root + "/" + QuillConfig.fileName
        var wrote = false
        if let existing = try QuillConfig.workTreeText(root: root) {
            _ = try QuillConfig.parse(existing, path: QuillConfig.fileName)
        } else {
            try Data(QuillConfig.defaultText.utf8).write(to: URL(fileURLWithPath: configPath), options: .withoutOverwriting)
            wrote = true
        }
        try repository.addConfigValue("notes.rewriteRef", notesReference)
        return InitReport(root: root, createdRepository: created, wroteConfig: wrote, configPath: configPath)
    }
}
