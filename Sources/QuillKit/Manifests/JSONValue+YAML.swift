extension YAMLValue {
    /// The same value as YAML's model, object keys in their UTF-8 order (for key-path comparisons).
    init(json: JSONValue) {
        switch json {
        case .null: self = .null
        case .bool(let flag): self = .bool(flag)
        case .number(let number): self = number == number.rounded() && abs(number) < 9e15 ? .int(Int(number)) : .double(number)
        case .string(let text): self = .string(text)
        case .array(let items): self = .array(items.map(YAMLValue.init(json:)))
        case .object(let members):
            self = .mapping(members.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }.map { ($0, YAMLValue(json: members[$0]!)) })
        }
    }
}
