/// Reads TOML prompt tables and YAML template configurations: every string under a message key
/// (``PromptReading/messageKeys``, at any depth) is a message, the rest of the document its metadata.
///
/// Messages follow the document: a mapping's message keys in the order the reading lists them, then
/// its nested mappings (TOML tables come in TOMLKit's sorted key order). A message starts on its
/// key's line as the parser placed it. The template language is Jinja unless the reading names
/// another; when it is not named, a message whose braces are not valid Jinja has no variables
/// rather than being refused.
enum StructuredPromptReader {
    /// Reads a YAML document; an empty one has no messages.
    static func readYAML(_ source: SourceText, reading: PromptReading, path: String) throws(SourceIssue) -> Prompt {
        guard let node = try YAMLSource.compose(source.text(0..<source.bytes.count)) else {
            return try read(ValueNode(kind: .null, place: nil), source: source, format: .yaml, reading: reading, path: path)
        }
        return try read(node, source: source, format: .yaml, reading: reading, path: path)
    }

    /// Reads `document`, parsed from `source`.
    static func read(_ document: some StructuredNode, source: SourceText, format: PromptFormat, reading: PromptReading, path: String) throws(SourceIssue) -> Prompt {
        var collector = Collector(lineCount: source.lineCount, reading: reading)
        let metadata = try collector.collect(document)
        return Prompt(
            path: path, format: format, frontMatter: metadata.isEmptyMapping ? nil : metadata, messages: collector.messages,
            variables: collector.variables.names, model: PromptParser.modelName(in: metadata))
    }

    private struct Collector {
        let lineCount: Int
        let reading: PromptReading
        var messages: [PromptMessage] = []
        var variables = VariableNames()

        init(lineCount: Int, reading: PromptReading) {
            self.lineCount = lineCount
            self.reading = reading
        }

        /// Takes the messages out of `node` and returns what is left.
        mutating func collect<Node: StructuredNode>(_ node: Node) throws(SourceIssue) -> YAMLValue {
            if let members = node.keyedMembers {
                let roles = Dictionary(reading.messageKeys.enumerated().map { ($1.key, $0) }, uniquingKeysWith: { first, _ in first })
                let messageMembers = members.compactMap { member in
                    roles[member.key].flatMap { role in member.value.text.map { (role: role, text: $0, line: member.line) } }
                }
                for member in messageMembers.enumerated().sorted(by: { ($0.element.role, $0.offset) < ($1.element.role, $1.offset) }) {
                    let message = member.element
                    try add(message.text, line: message.line ?? 1, role: reading.messageKeys[message.role].role)
                }
                let messageKeys = Set(messageMembers.map { reading.messageKeys[$0.role].key })
                var rest: [(key: String, value: YAMLValue)] = []
                for member in members where !messageKeys.contains(member.key) {
                    rest.append((member.key, try collect(member.value)))
                }
                return .mapping(rest)
            }
            if let elements = node.elements {
                var rest: [YAMLValue] = []
                for element in elements { rest.append(try collect(element)) }
                return .array(rest)
            }
            return node.metadata
        }

        private mutating func add(_ text: String, line: Int, role: String) throws(SourceIssue) {
            let trimmed = Substring(text).trimmingSpaces
            guard !trimmed.isEmpty else { return }
            let index = messages.count
            let lineCount = trimmed.split(separator: "\n", omittingEmptySubsequences: false).count
            messages.append(PromptMessage(role: role, text: String(trimmed), startLine: line, endLine: min(self.lineCount, line + lineCount)))
            let language = reading.template ?? .jinja
            let scanned = SourceText(String(trimmed))
            do {
                for name in try TemplateScan.variables(in: scanned, range: 0..<scanned.bytes.count, language: language) { variables.insert(name) }
            } catch where reading.template != nil {
                throw SourceIssue(SourcePosition(line: line, column: 1), "in the content of message \(index): \(error.message)")
            } catch {
                return
            }
        }
    }
}

extension YAMLValue {
    /// Whether this is a mapping without pairs.
    var isEmptyMapping: Bool {
        if case .mapping(let pairs) = self { return pairs.isEmpty }
        return false
    }
}
