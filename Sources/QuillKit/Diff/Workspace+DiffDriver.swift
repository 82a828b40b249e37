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

    /// The `diff.quill.textconv` command: `quill` by name, found on the `PATH` git runs it with, so that it
    /// keeps working when the binary moves (an upgrade, another CI runner), as `git lfs` registers itself.
    public static let textconvCommand = "quill textconv"

    /// Registers Quill as git's textconv diff driver for prompts: `<glob> diff=quill` in the
    /// work tree's `.gitattributes` for each prompt glob of `quill.yaml` (lines already there are
    /// kept, none repeated; each glob written as patterns git reads as that glob, `attributesPatterns`),
    /// and `diff.quill.textconv = quill textconv` in the repository's config. Running it again changes
    /// nothing.
    public func registerDiffDriver() throws -> DiffDriverSetup {
        let path = try workTree(for: "'quill init --git-diff'") + "/.gitattributes"
        // Writing through a link would change a file outside the repository.
        if let type = (try? FileManager.default.attributesOfItem(atPath: path))?[.type] as? FileAttributeType, type != .typeRegular {
            throw QuillError.badInput("'.gitattributes' is not a regular file (a symbolic link?); expected a file Quill can extend in place")
        }
        let existing = FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) } ?? ""
        let present = Set(existing.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) })
        let wanted = config.prompts.map(\.pattern).flatMap(Workspace.attributesPatterns).map { "\($0) diff=\(Workspace.diffDriverName)" }
        let added = wanted.filter { !present.contains($0) }
        if !added.isEmpty {
            let separator = existing.isEmpty || existing.hasSuffix("\n") ? "" : "\n"
            try Data((existing + separator + added.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: path))
        }
        try repository.setConfigString("diff.\(Workspace.diffDriverName).textconv", to: Workspace.textconvCommand)
        return DiffDriverSetup(attributesPath: path, addedLines: added, textconv: Workspace.textconvCommand)
    }

    /// `word` as one shell word.
    static func shellQuoted(_ word: String) -> String {
        let plain = word.allSatisfy { $0.isLetter || $0.isNumber || "/._-+:@".contains($0) }
        return plain && !word.isEmpty ? word : "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// `glob` as `.gitattributes` patterns that match the files the glob does (`Glob`): anchored at the
    /// root with a leading `/` (a gitattributes pattern without one matches at any depth, and a leading
    /// `/` also keeps `#` and `!` literal), and a glob without wildcards, which names a folder too, also
    /// as `/glob/**`.
    static func attributesPatterns(_ glob: String) -> [String] {
        let anchored = glob.hasPrefix("/") ? glob : "/" + glob
        guard let compiled = try? Glob(glob), !compiled.hasWildcards else { return [quotedAttributesPattern(anchored)] }
        let folder = anchored.hasSuffix("/") ? String(anchored.dropLast()) : anchored
        return [folder, folder + "/**"].map(quotedAttributesPattern)
    }

    /// `pattern`, C-quoted as gitattributes(5) allows when it holds white space, a quote or a control
    /// character (which would otherwise end the pattern or the line).
    static func quotedAttributesPattern(_ pattern: String) -> String {
        let needsQuotes = pattern.unicodeScalars.contains {
            $0 == "\"" || $0.properties.isWhitespace || $0.properties.generalCategory == .control
        }
        guard needsQuotes else { return pattern }
        var quoted = "\""
        for scalar in pattern.unicodeScalars {
            switch scalar {
            case "\\": quoted += "\\\\"
            case "\"": quoted += "\\\""
            case "\n": quoted += "\\n"
            case "\t": quoted += "\\t"
            case _ where scalar.properties.generalCategory == .control:
                quoted += String(scalar).utf8.map { "\\" + String($0, radix: 8).leftPadded(to: 3) }.joined()
            default: quoted.unicodeScalars.append(scalar)
            }
        }
        return quoted + "\""
    }
}

private extension String {
    func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}
