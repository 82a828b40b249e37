/// What the configuration promptfoo saves beside its results says about the run: the prompt files, the
/// providers' settings, the suite's description and the tests file.
struct PromptfooConfig {
    /// File extensions promptfoo reads prompts from; a label segment with one of them names a prompt file.
    private static let promptExtensions: Set<String> = [
        "txt", "md", "json", "jsonl", "yaml", "yml", "j2", "prompt", "prompty", "py", "js", "mjs", "cjs", "ts", "csv",
    ]

    /// The configured prompts, in order: the file each names, if any, and its label.
    private var prompts: [(path: String?, label: String?)] = []
    /// The configured providers that carry settings.
    private var providers: [(id: String?, label: String?, settings: [String: JSONValue])] = []
    /// The suite's `description`.
    private(set) var description: String?
    /// The tests file, when `tests` names one.
    private(set) var testsPath: String?

    /// A configuration that says nothing: JSON Lines output has none.
    init() {}

    /// Reads the `config` object of a promptfoo output file.
    init(_ config: JSONNode, in document: JSONDocument) {
        description = Self.text(config["description"])
        testsPath = Self.text(config["tests"]).flatMap(Self.filePath)
        switch config["prompts"]?.value {
        case .string(let text)?:
            prompts = [(path: Self.filePath(text), label: nil)]
        case .array(let items)?:
            prompts = items.map { item in
                (path: Self.text(item).flatMap(Self.filePath) ?? Self.text(item["id"]).flatMap(Self.filePath), label: Self.text(item["label"]))
            }
        case .object(let members)?:
            prompts = members.map { (path: Self.filePath($0.key), label: Self.text($0.value)) }
        default:
            break
        }
        if case .array(let items)? = config["providers"]?.value {
            providers = items.compactMap { item in
                guard case .object(let settings)? = item["config"]?.value else { return nil }
                let values = Dictionary(settings.map { ($0.key, document.jsonValue($0.value)) }) { _, last in last }
                return (id: Self.text(item["id"]), label: Self.text(item["label"]), settings: values)
            }
        }
    }

    /// The prompt file of the prompt labelled `label`, the prompt at `position` of the `count` distinct
    /// prompts in the results: the path in its label first, then the configured prompt with that label,
    /// then the only configured prompt, or the one at the same position when the counts agree.
    func promptPath(label: String?, position: Int, of count: Int) -> String? {
        if let label {
            for segment in label.components(separatedBy: ": ").prefix(2) {
                if let path = Self.filePath(segment) { return path }
            }
            if let entry = prompts.first(where: { $0.label == label }) { return entry.path }
        }
        if prompts.count == 1 { return prompts[0].path }
        return prompts.count == count ? prompts[position].path : nil
    }

    /// The settings (`config`) of the configured provider with this label, or else this id.
    func parameters(providerID: String?, label: String?) -> [String: JSONValue] {
        let match = providers.first { label != nil && $0.label == label } ?? providers.first { providerID != nil && $0.id == providerID }
        return match?.settings ?? [:]
    }

    /// The file a prompt reference names: `file://` and a `:function` suffix stripped; nil for inline
    /// text, globs and URLs.
    static func filePath(_ reference: String) -> String? {
        var path = reference.hasPrefix("file://") ? String(reference.dropFirst("file://".count)) : reference
        if let colon = path.lastIndex(of: ":"), !path[colon...].contains("/") { path = String(path[..<colon]) }
        if path.hasPrefix("./") { path.removeFirst(2) }
        let name = path.split(separator: "/").last ?? ""
        guard !path.contains(where: { $0.isWhitespace || "*?[]{}:".contains($0) }),
              let dot = name.lastIndex(of: "."),
              promptExtensions.contains(name[name.index(after: dot)...].lowercased())
        else { return nil }
        return path
    }

    private static func text(_ node: JSONNode?) -> String? {
        if case .string(let text)? = node?.value { return text }
        return nil
    }
}
