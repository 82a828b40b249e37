import Foundation
import GitKit

/// What `quill init --git-diff` set up so that `git diff` shows prompts in Quill's normalised form.
public struct DiffDriverSetup: Codable, Sendable, Equatable {
    /// The `.gitattributes` file that names the driver.
    public let attributesPath: String
    /// The lines added to it (empty when they were all there).
    public let addedLines: [String]
    /// The `diff.quill.textconv` command written to the repository's config.
    public let textconv: String
}

extension Workspace {
    /// The diff driver's name in `.gitattributes` and `diff.<name>.textconv`.
    public static let diffDriverName = "quill"

    /// Registers Quill as git's textconv diff driver for prompts: `<glob> diff=quill` in the
    /// work tree's `.gitattributes` for each prompt glob of `quill.yaml` (lines already there are
    /// kept, none repeated), and `diff.quill.textconv = <executable> textconv` in the repository's
    /// config. Running it again changes nothing.
    public func registerDiffDriver(executable: String) throws -> DiffDriverSetup {
        let path = try workTree(for: "'quill init --git-diff'") + "/.gitattributes"
        // Writing through a link would change a file outside the repository.
        if let type = (try? FileManager.default.attributesOfItem(atPath: path))?[.type] as? FileAttributeType, type != .typeRegular {
            throw QuillError.badInput("'.gitattributes' is not a regular file (a symbolic link?); expected a file Quill can extend in place")
        }
        let existing = FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) } ?? ""
        let present = Set(existing.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) })
        let wanted = config.prompts.map { "\($0) diff=\(Workspace.diffDriverName)" }
        let added = wanted.filter { !present.contains($0) }
        if !added.isEmpty {
            let separator = existing.isEmpty || existing.hasSuffix("\n") ? "" : "\n"
            try Data((existing + separator + added.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: path))
        }
        let command = Workspace.shellQuoted(executable) + " textconv"
        try repository.setConfigString("diff.\(Workspace.diffDriverName).textconv", to: command)
        return DiffDriverSetup(attributesPath: path, addedLines: added, textconv: command)
    }

    /// `word` as one shell word (git runs textconv through the shell).
    static func shellQuoted(_ word: String) -> String {
        let plain = word.allSatisfy { $0.isLetter || $0.isNumber || "/._-+:@".contains($0) }
        return plain && !word.isEmpty ? word : "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
