import Yams

extension ValueNode {
    /// Plain (unquoted) YAML words that spell a non-finite number without YAML's leading dot.
    private static let nonFiniteWords: Set<String> = ["nan", "inf", "+inf", "-inf", "infinity", "+infinity", "-infinity"]

    /// The value tree of a composed YAML node, scalars typed by YAML's core schema; plain `nan` and `inf`
    /// are read as the non-finite numbers they spell, so a metric written that way is refused as one.
    init(yaml node: Node) {
        let position = YAMLSource.position(of: node, firstLine: 1)
        switch node {
        case .scalar(let scalar):
            self.init(kind: Self.kind(of: scalar, in: node), position: position)
        case .sequence(let sequence):
            self.init(kind: .list(sequence.map(ValueNode.init(yaml:))), position: position)
        case .mapping(let mapping):
            let members = mapping.map { (key: YAMLSource.keyText($0.key), value: ValueNode(yaml: $0.value)) }
            self.init(kind: .table(members), position: position)
        case .alias:
            self.init(kind: .null, position: position)
        }
    }

    private static func kind(of scalar: Node.Scalar, in node: Node) -> Kind {
        let text = scalar.string
        switch Tag.Name(rawValue: node.tag.rawValue) {
        case .null: return .null
        case .bool: return node.bool.map(Kind.bool) ?? .string(text)
        case .int: return node.int.map { .number(Double($0), literal: text) } ?? .string(text)
        case .float: return node.float.map { .number($0, literal: text) } ?? .string(text)
        default:
            let isNonFiniteWord = scalar.style == .plain && nonFiniteWords.contains(text.lowercased())
            return isNonFiniteWord ? .number(.nan, literal: text) : .string(text)
        }
    }
}
