extension ValueNode {
    /// The member `name` of a table: the key as written, else a dotted path through nested tables
    /// (`outputs.output`), so flat CSV headers and nested JSON read alike; nil when absent.
    func field(_ name: String) -> ValueNode? {
        guard case .table(let members) = kind else { return nil }
        if let member = members.first(where: { $0.key == name }) { return member.value }
        guard let dot = name.firstIndex(of: "."),
              let parent = members.first(where: { $0.key == name[..<dot] })?.value
        else { return nil }
        return parent.field(String(name[name.index(after: dot)...]))
    }

    /// A model output as text: strings as they are, other values as canonical JSON; nil for null.
    var outputText: String? {
        switch kind {
        case .null: nil
        case .string(let text): text
        default: JSONDocument.canonicalText(jsonValue)
        }
    }

    /// The plain value; numbers JSON cannot hold become null.
    var jsonValue: JSONValue {
        switch kind {
        case .null: .null
        case .bool(let flag): .bool(flag)
        case .number(let value, _): value.isFinite ? .number(value) : .null
        case .string(let text): .string(text)
        case .list(let elements): .array(elements.map(\.jsonValue))
        case .table(let members): .object(Dictionary(members.map { ($0.key, $0.value.jsonValue) }) { _, last in last })
        }
    }

    /// The tree with true and false as the numbers 1 and 0, for formats whose boolean scores are metrics.
    var scoringBooleans: ValueNode {
        switch kind {
        case .bool(let flag): ValueNode(kind: .number(flag ? 1 : 0, literal: flag ? "1" : "0"), place: place)
        case .table(let members): ValueNode(kind: .table(members.map { (key: $0.key, value: $0.value.scoringBooleans) }), place: place)
        default: self
        }
    }
}
