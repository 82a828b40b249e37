import Mustache

/// Renders a prompt's messages through Mustache (hummingbird-project/swift-mustache), with no HTML
/// escaping, as Dotprompt, Prompty and the other formats fill plain `{{name}}` variables.
enum PromptRenderer {
    /// The messages of `prompt` with `variables` filled in; refuses an unsupported template feature
    /// (``TemplateFeatureCheck``) or a variable without a value, naming it.
    static func render(_ prompt: Prompt, variables: [String: String]) throws -> [RenderedMessage] {
        let missing = prompt.variables.filter { name in !variables.keys.contains { $0 == name || $0.hasPrefix(name + ".") } }
        guard missing.isEmpty else {
            throw QuillError.badInput(
                "'\(prompt.path)' uses \(missing.map { "'\($0)'" }.joined(separator: ", ")) with no value; pass --var \(missing[0])=VALUE")
        }
        let context = try nested(variables)
        return try prompt.messages.enumerated().map { index, message in
            if let feature = TemplateFeatureCheck.unsupported(in: message.text) {
                throw QuillError.badInput(
                    "'\(prompt.path)' message \(index + 1) (line \(message.startLine)) uses \(feature), which the renderer (Mustache) does not support; expected plain {{name}} variables and {{#name}} sections")
            }
            do {
                let template = try MustacheTemplate(string: "{{% CONTENT_TYPE: TEXT}}" + message.text)
                return RenderedMessage(role: message.role, text: template.render(context))
            } catch {
                throw QuillError.badInput("'\(prompt.path)' message \(index + 1) (line \(message.startLine)) is not a Mustache template: \(error)")
            }
        }
    }

    /// `customer.name=Ann` as `["customer": ["name": "Ann"]]`.
    static func nested(_ variables: [String: String]) throws -> [String: Any] {
        var root = [String: Any]()
        for (key, value) in variables.sorted(by: { $0.key < $1.key }) {
            try insert(value, at: key.split(separator: ".", omittingEmptySubsequences: false).map(String.init), into: &root, key: key)
        }
        return root
    }

    private static func insert(_ value: String, at path: [String], into object: inout [String: Any], key: String) throws {
        guard let first = path.first, !first.isEmpty else { throw QuillError.badInput("variable name '\(key)' has an empty part; expected a name such as 'customer.name'") }
        if path.count == 1 {
            guard object[first] == nil else { throw QuillError.badInput("variable '\(key)' is given both a value and fields; expected one of them") }
            object[first] = value
            return
        }
        guard var child = (object[first] ?? [String: Any]()) as? [String: Any] else {
            throw QuillError.badInput("variable '\(key)' is given both a value and fields; expected one of them")
        }
        try insert(value, at: Array(path.dropFirst()), into: &child, key: key)
        object[first] = child
    }
}
