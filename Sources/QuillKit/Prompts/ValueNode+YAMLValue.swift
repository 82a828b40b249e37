extension ValueNode {
    /// The tree as a ``YAMLValue`` (a TOML prompt's metadata): whole numbers written without a fraction
    /// or exponent stay integers.
    var yamlValue: YAMLValue {
        switch kind {
        case .null: .null
        case .bool(let flag): .bool(flag)
        case .number(let number, let literal):
            if let whole = Int(literal) { .int(whole) } else { .double(number) }
        case .string(let text): .string(text)
        case .list(let elements): .array(elements.map(\.yamlValue))
        case .table(let members): .mapping(members.map { (key: $0.key, value: $0.value.yamlValue) })
        }
    }
}
