/// The files a prompt pulls in when it is rendered, found in its text, as repository paths:
/// Prompty's `${file:PATH}` references, Jinja's `include`, `extends`, `import` and `from` tags (paths
/// relative to the prompt's folder), and Dotprompt partials (`{{> name}}`, stored as `_name.prompt`
/// in the prompt's folder or a folder above it; every place the partial may be is listed, since adding
/// a closer one changes which one renders). Paths that leave the repository are dropped.
public enum PromptIncludes {
    /// The paths `text`, the prompt at `promptPath`, may include, sorted.
    public static func paths(in text: String, promptPath: String) -> [String] {
        let folder = promptPath.split(separator: "/", omittingEmptySubsequences: false).dropLast().map(String.init)
        var paths = Set<String>()
        let named = text.matches(of: fileReference).map(\.output.1) + text.matches(of: jinjaTag).map(\.output.1)
        paths.formUnion(named.compactMap { resolve(String($0), from: folder) })
        for match in text.matches(of: partialTag) {
            paths.formUnion(partialPaths(String(match.output.1), from: folder))
        }
        return paths.sorted()
    }

    private nonisolated(unsafe) static let fileReference = /\$\{file:([^}\s]+)\}/
    private nonisolated(unsafe) static let jinjaTag = /\{%-?\s*(?:include|extends|import|from)\s+["']([^"']+)["']/
    private nonisolated(unsafe) static let partialTag = /\{\{~?>\s*["']?([A-Za-z0-9_.\/-]+)/

    /// `_name.prompt` (in the partial name's own folder, if it has one) in `folder` and every folder above it.
    private static func partialPaths(_ name: String, from folder: [String]) -> [String] {
        var parts = name.split(separator: "/").map(String.init)
        guard let base = parts.popLast() else { return [] }
        let file = (parts + ["_" + base + ".prompt"]).joined(separator: "/")
        return (0...folder.count).reversed().compactMap { depth in resolve(file, from: Array(folder.prefix(depth))) }
    }

    /// `relative` joined to `folder` with `.` and `..` resolved; `nil` when it leaves the repository or is absolute.
    private static func resolve(_ relative: String, from folder: [String]) -> String? {
        guard !relative.hasPrefix("/") else { return nil }
        var parts = folder
        for part in relative.split(separator: "/") {
            switch part {
            case ".": continue
            case "..":
                guard parts.popLast() != nil else { return nil }
            default: parts.append(String(part))
            }
        }
        return parts.isEmpty ? nil : parts.joined(separator: "/")
    }
}
