import Yams

extension ConfigReader {
    /// The keys a `formats` entry may have.
    static let formatKeys = ["format", "role", "template", "messages"]

    /// `formats`: a mapping from glob to `{format, role, template, messages}`, in file order.
    static func formats(_ node: Node) throws(SourceIssue) -> [PromptFormatRule] {
        if case .scalar = node, YAMLSource.value(of: node).isNull { return [] }
        guard case .mapping(let mapping) = node else {
            throw issue(at: node, "'formats' is \(kind(node)); expected a mapping from glob to {\(formatKeys.joined(separator: ", "))}")
        }
        return try mapping.map { pair throws(SourceIssue) in
            let compiled = try checkedGlob(pair.key, field: "formats")
            let glob = compiled.pattern
            guard case .mapping(let fields) = pair.value else {
                throw issue(at: pair.value, "format of '\(glob)' is \(kind(pair.value)); expected a mapping with \(formatKeys.joined(separator: ", "))")
            }
            var reading = PromptReading()
            for (fieldKey, value) in fields {
                let field = YAMLSource.keyText(fieldKey)
                switch field {
                case "format":
                    reading.format = try choice(value, field: field, of: glob, PromptFormat.allCases)
                case "role":
                    reading.role = try word(value, field: field, of: glob)
                case "template":
                    reading.template = try choice(value, field: field, of: glob, PromptReading.Template.allCases)
                case "messages":
                    reading.messageKeys = try messageKeys(value, of: glob)
                default:
                    throw issue(at: fieldKey, "unknown key '\(field)' in the format of '\(glob)'; expected one of \(formatKeys.joined(separator: ", "))")
                }
            }
            return PromptFormatRule(glob: compiled, reading: reading)
        }
    }

    /// `messages`: a mapping from key to role, in the order a table's messages take.
    private static func messageKeys(_ node: Node, of glob: String) throws(SourceIssue) -> [PromptReading.MessageKey] {
        guard case .mapping(let mapping) = node else {
            throw issue(at: node, "'messages' of '\(glob)' is \(kind(node)); expected a mapping from key to role, such as {system_template: system}")
        }
        return try mapping.map { pair throws(SourceIssue) in
            PromptReading.MessageKey(key: YAMLSource.keyText(pair.key), role: try word(pair.value, field: "messages", of: glob))
        }
    }

    private static func word(_ node: Node, field: String, of glob: String) throws(SourceIssue) -> String {
        guard let text = YAMLSource.value(of: node).stringValue, !text.isEmpty else {
            throw issue(at: node, "'\(field)' of '\(glob)' is \(kind(node)); expected a role such as system or user")
        }
        return text.lowercased()
    }

    private static func choice<Value: RawRepresentable<String>>(_ node: Node, field: String, of glob: String, _ values: [Value]) throws(SourceIssue) -> Value {
        let names = values.map(\.rawValue).joined(separator: ", ")
        guard let text = YAMLSource.value(of: node).stringValue, let value = Value(rawValue: text) else {
            throw issue(at: node, "'\(field)' of '\(glob)' is not one of \(names); expected one of them")
        }
        return value
    }
}
