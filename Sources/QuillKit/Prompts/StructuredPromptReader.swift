/// Reads TOML prompt tables and YAML template configurations: every string under a message key
/// (``PromptReading/messageKeys``, at any depth) is a message, the rest of the document its metadata.
///
/// Messages follow the document: a mapping's message keys in the order the reading lists them, then
/// its nested mappings (TOML tables come in TOMLKit's sorted key order). Their lines are those of the
/// key's first definition in the text. The template language is Jinja unless the reading names
/// another; when it is not named, a message whose braces are not valid Jinja has no variables
/// rather than being refused.
enum StructuredPromptReader {
    /// Reads a YAML document; an empty one has no messages.
    static func readYAML(_ source: SourceText, reading: PromptReading, path: String) throws(SourceIssue) -> Prompt {
        let node = try YAMLSource.compose(source.text(0..<source.bytes.count))
        return try read(node.map(YAMLSource.value(of:)) ?? .null, source: source, format: .yaml, reading: reading, path: path)
    }

    /// Reads `document`, parsed from `source`.
    static func read(_ document: YAMLValue, source: SourceText, format: PromptFormat, reading: PromptReading, path: String) throws(SourceIssue) -> Prompt {
        var collector = Collector(source: source, reading: reading)
        let metadata = try collector.collect(document)
        return Prompt(
            path: path, format: format, frontMatter: metadata.isEmptyMapping ? nil : metadata, messages: collector.messages,
            variables: collector.variables.names, model: PromptParser.modelName(in: metadata))
    }

    private struct Collector {
        let source: SourceText
        let reading: PromptReading
        var messages: [PromptMessage] = []
        var variables = VariableNames()
        /// Lines already given to a message, so a key defined in two tables finds its next definition.
        var usedLines: Set<Int> = []

        init(source: SourceText, reading: PromptReading) {
            self.source = source
            self.reading = reading
        }

        /// Takes the messages out of `value` and returns what is left.
        mutating func collect(_ value: YAMLValue) throws(SourceIssue) -> YAMLValue {
            switch value {
            case .mapping(let pairs):
                let roles = Dictionary(reading.messageKeys.enumerated().map { ($1.key, $0) }, uniquingKeysWith: { first, _ in first })
                let messagePairs = pairs.filter { roles[$0.key] != nil && $0.value.stringValue != nil }
                for pair in messagePairs.sorted(by: { roles[$0.key]! < roles[$1.key]! }) {
                    try add(pair.value.stringValue ?? "", key: pair.key, role: reading.messageKeys[roles[pair.key]!].role)
                }
                var rest: [(key: String, value: YAMLValue)] = []
                for pair in pairs where !messagePairs.contains(where: { $0.key == pair.key }) {
                    rest.append((pair.key, try collect(pair.value)))
                }
                return .mapping(rest)
            case .array(let elements):
                var rest: [YAMLValue] = []
                for element in elements { rest.append(try collect(element)) }
                return .array(rest)
            default:
                return value
            }
        }

        private mutating func add(_ text: String, key: String, role: String) throws(SourceIssue) {
            let trimmed = Substring(text).trimmingSpaces
            guard !trimmed.isEmpty else { return }
            let line = definitionLine(of: key)
            let index = messages.count
            let lineCount = trimmed.split(separator: "\n", omittingEmptySubsequences: false).count
            messages.append(PromptMessage(role: role, text: String(trimmed), startLine: line, endLine: min(source.lineCount, line + lineCount)))
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

        /// The first line not yet used that defines `key` (`key =`, `key:`, quoted or not); 1 when none does.
        private mutating func definitionLine(of key: String) -> Int {
            let spellings = [key, "\"\(key)\"", "'\(key)'"]
            for line in 1...max(source.lineCount, 1) where !usedLines.contains(line) && line <= source.lineCount {
                let text = Substring(source.text(source.lineRange(line))).trimmingSpaces.drop { $0 == "-" }.trimmingSpaces
                for spelling in spellings where text.hasPrefix(spelling) {
                    let after = text.dropFirst(spelling.count).trimmingSpaces
                    if after.hasPrefix("=") || after.hasPrefix(":") {
                        usedLines.insert(line)
                        return line
                    }
                }
            }
            return 1
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
