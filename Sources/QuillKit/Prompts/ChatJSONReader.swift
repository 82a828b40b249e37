/// Reads OpenAI-style chat JSON: a `messages` array alone, or an object with `messages` and model
/// parameters (which become the front matter).
enum ChatJSONReader {
    /// The roles a message may have.
    static let roles = ["system", "developer", "user", "assistant", "tool", "function"]

    /// Reads the JSON document in `source`.
    static func read(_ source: SourceText, path: String) throws(SourceIssue) -> Prompt {
        let root = try JSONSource.parse(source)
        let expected = "expected a messages array or an object with 'messages'"
        let list: JSONNode
        var frontMatter: YAMLValue?
        switch root.value {
        case .array:
            list = root
        case .object(let members):
            guard let messages = root["messages"] else {
                throw SourceIssue(source.position(at: root.range.lowerBound), "no 'messages' key; \(expected)")
            }
            list = messages
            frontMatter = .mapping(members.filter { $0.key != "messages" }.map { (key: $0.key, value: $0.value.yamlValue) })
        default:
            throw SourceIssue(source.position(at: root.range.lowerBound), "document is \(root.kindDescription); \(expected)")
        }
        guard case .array(let items) = list.value else {
            throw SourceIssue(
                source.position(at: list.range.lowerBound),
                "'messages' is \(list.kindDescription); expected an array of {role, content} objects")
        }
        var messages: [PromptMessage] = []
        var variables = VariableNames()
        for (index, item) in items.enumerated() {
            let (message, names) = try readMessage(item, number: index + 1, in: source)
            messages.append(message)
            names.forEach { variables.insert($0) }
        }
        return Prompt(
            path: path, format: .json, frontMatter: frontMatter, messages: messages,
            variables: variables.names, model: PromptParser.modelName(in: frontMatter))
    }

    /// Reads message `number`; a `null` content (an assistant's tool call) is empty text.
    private static func readMessage(_ item: JSONNode, number: Int, in source: SourceText) throws(SourceIssue) -> (PromptMessage, [String]) {
        let start = source.position(at: item.range.lowerBound)
        guard case .object = item.value else {
            throw SourceIssue(start, "message \(number) is \(item.kindDescription); expected an object with 'role' and 'content'")
        }
        let expectedRoles = "expected one of \(roles.joined(separator: ", "))"
        guard let roleNode = item["role"] else {
            throw SourceIssue(start, "message \(number) has no 'role'; \(expectedRoles)")
        }
        guard case .string(let role) = roleNode.value else {
            throw SourceIssue(
                source.position(at: roleNode.range.lowerBound),
                "role of message \(number) is \(roleNode.kindDescription); \(expectedRoles)")
        }
        guard roles.contains(role) else {
            throw SourceIssue(source.position(at: roleNode.range.lowerBound), "unknown role '\(role)' in message \(number); \(expectedRoles)")
        }
        let content = item["content"]
        let text = try content.map { node throws(SourceIssue) in try self.text(of: node, message: number, in: source) } ?? ""
        let contentPosition = source.position(at: content?.range.lowerBound ?? item.range.lowerBound)
        let variables = try PromptParser.handlebarsVariables(in: text, message: number, at: contentPosition)
        let message = PromptMessage(
            role: role, text: text, startLine: start.line, endLine: source.line(at: item.range.upperBound - 1))
        return (message, variables)
    }

    /// The text of a `content`: a string, null, or the text parts of an array joined by line breaks.
    private static func text(of content: JSONNode, message number: Int, in source: SourceText) throws(SourceIssue) -> String {
        let expectedContent = "expected a string or an array of content parts"
        switch content.value {
        case .string(let text):
            return text
        case .null:
            return ""
        case .array(let parts):
            var texts: [String] = []
            for part in parts {
                guard case .object = part.value else {
                    throw SourceIssue(
                        source.position(at: part.range.lowerBound),
                        "content part of message \(number) is \(part.kindDescription); expected an object with 'type'")
                }
                guard case .string("text") = part["type"]?.value else { continue }
                guard case .string(let text) = part["text"]?.value else {
                    throw SourceIssue(
                        source.position(at: part.range.lowerBound),
                        "text part of message \(number) has no string 'text'; expected {\"type\": \"text\", \"text\": \"…\"}")
                }
                texts.append(text)
            }
            return texts.joined(separator: "\n")
        default:
            throw SourceIssue(
                source.position(at: content.range.lowerBound),
                "content of message \(number) is \(content.kindDescription); \(expectedContent)")
        }
    }
}
