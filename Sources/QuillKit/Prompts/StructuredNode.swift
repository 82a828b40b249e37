import Yams

/// A node of a parsed YAML or TOML prompt document, as ``StructuredPromptReader`` walks it: each
/// mapping key comes with the line it is written on, so a message's lines come from the parser, not
/// from a search of the text.
protocol StructuredNode {
    /// A mapping's pairs in document order, each with its key's line when known; nil for anything else.
    var keyedMembers: [(key: String, line: Int?, value: Self)]? { get }
    /// A sequence's elements; nil for anything else.
    var elements: [Self]? { get }
    /// The text of a string scalar; nil for anything else.
    var text: String? { get }
    /// The node as metadata.
    var metadata: YAMLValue { get }
}

extension Node: StructuredNode {
    var keyedMembers: [(key: String, line: Int?, value: Node)]? {
        guard case .mapping(let mapping) = self else { return nil }
        return mapping.map { (key: YAMLSource.keyText($0.key), line: $0.key.mark?.line, value: $0.value) }
    }

    var elements: [Node]? {
        guard case .sequence(let sequence) = self else { return nil }
        return Array(sequence)
    }

    var text: String? {
        guard case .scalar = self else { return nil }
        return YAMLSource.value(of: self).stringValue
    }

    var metadata: YAMLValue { YAMLSource.value(of: self) }
}

/// A TOML value is placed after its `key =` (or at its table's header), on its key's line.
extension ValueNode: StructuredNode {
    var keyedMembers: [(key: String, line: Int?, value: ValueNode)]? {
        guard case .table(let members) = kind else { return nil }
        return members.map { (key: $0.key, line: $0.value.position?.line, value: $0.value) }
    }

    var elements: [ValueNode]? {
        guard case .list(let elements) = kind else { return nil }
        return elements
    }

    var text: String? {
        guard case .string(let text) = kind else { return nil }
        return text
    }

    var metadata: YAMLValue { yamlValue }
}
