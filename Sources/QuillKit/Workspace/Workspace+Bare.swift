import GitKit

extension Workspace {
    /// Reads `quill.yaml` from HEAD's tree, for a bare repository; the defaults when HEAD is unborn
    /// or has no such regular file.
    static func loadConfig(headOf repository: Repository) throws -> QuillConfig {
        guard let head = try repository.headCommitID(), let text = try QuillConfig.committedText(at: head, revision: "HEAD", in: repository) else { return QuillConfig() }
        return try QuillConfig.parse(text, path: "HEAD:" + QuillConfig.fileName)
    }

    /// A path typed in a bare repository, taken from the top of the tree as git takes it: `.` and
    /// `..` resolved, nothing absolute, above the top or into `.git`.
    func treePath(forUserPath path: String) throws -> String {
        guard !path.hasPrefix("/") else {
            throw QuillError.badInput("path '\(path)' is absolute; in a bare repository, name files from the top of the tree ('prompts/a.prompt')")
        }
        var components = [Substring]()
        for component in path.split(separator: "/") {
            switch component {
            case ".": continue
            case "..":
                guard components.popLast() != nil else {
                    throw QuillError.badInput("path '\(path)' is outside the repository; expected a path from the top of its tree")
                }
            default: components.append(component)
            }
        }
        guard let first = components.first, first != ".git" else {
            throw QuillError.badInput("path '\(path)' does not name a file in the repository")
        }
        return components.joined(separator: "/")
    }
}
