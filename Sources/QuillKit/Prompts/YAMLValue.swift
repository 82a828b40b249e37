/// A typed YAML or JSON value tree, mapping keys kept in document order.
public indirect enum YAMLValue: Sendable {
    /// `null`, `~` or an empty value.
    case null
    /// `true` or `false`.
    case bool(Bool)
    /// A whole number.
    case int(Int)
    /// A number with a fraction or an exponent.
    case double(Double)
    /// Any other scalar, kept as written.
    case string(String)
    /// A sequence.
    case array([YAMLValue])
    /// A mapping, in document order.
    case mapping([(key: String, value: YAMLValue)])
}

extension YAMLValue {
    /// The value under `key` when this is a mapping; the first one when the key repeats.
    public subscript(key: String) -> YAMLValue? {
        guard case .mapping(let pairs) = self else { return nil }
        return pairs.first { $0.key == key }?.value
    }

    /// The text of a string scalar.
    public var stringValue: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    /// The value of a boolean scalar.
    public var boolValue: Bool? {
        if case .bool(let flag) = self { return flag }
        return nil
    }

    /// The value of a whole-number scalar.
    public var intValue: Int? {
        if case .int(let number) = self { return number }
        return nil
    }

    /// The value of any number scalar, whole or not.
    public var doubleValue: Double? {
        switch self {
        case .int(let number): Double(number)
        case .double(let number): number
        default: nil
        }
    }

    /// The elements of a sequence.
    public var arrayValue: [YAMLValue]? {
        if case .array(let elements) = self { return elements }
        return nil
    }

    /// The pairs of a mapping, in document order.
    public var mappingValue: [(key: String, value: YAMLValue)]? {
        if case .mapping(let pairs) = self { return pairs }
        return nil
    }

    /// Whether this is `null`.
    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// What kind of value this is, with its article, for error messages: "a mapping", "a string".
    var kindDescription: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .int, .double: "a number"
        case .string: "a string"
        case .array: "a list"
        case .mapping: "a mapping"
        }
    }
}

extension YAMLValue: Equatable {
    /// Values are equal when their kinds and contents are, mapping pairs compared in order.
    public static func == (lhs: YAMLValue, rhs: YAMLValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): true
        case (.bool(let left), .bool(let right)): left == right
        case (.int(let left), .int(let right)): left == right
        case (.double(let left), .double(let right)): left == right
        case (.string(let left), .string(let right)): left == right
        case (.array(let left), .array(let right)): left == right
        case (.mapping(let left), .mapping(let right)):
            left.count == right.count
                && zip(left, right).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        default: false
        }
    }
}

extension YAMLValue: Codable {
    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    /// Encodes as the plain JSON value: mappings become objects, sequences arrays.
    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .mapping(let pairs):
            var container = encoder.container(keyedBy: Key.self)
            for pair in pairs {
                try container.encode(pair.value, forKey: Key(stringValue: pair.key))
            }
        case .array(let elements):
            var container = encoder.unkeyedContainer()
            for element in elements { try container.encode(element) }
        case .null:
            var container = encoder.singleValueContainer()
            try container.encodeNil()
        case .bool(let flag):
            var container = encoder.singleValueContainer()
            try container.encode(flag)
        case .int(let number):
            var container = encoder.singleValueContainer()
            try container.encode(number)
        case .double(let number):
            var container = encoder.singleValueContainer()
            try container.encode(number)
        case .string(let text):
            var container = encoder.singleValueContainer()
            try container.encode(text)
        }
    }

    /// Decodes any JSON value; object keys come in the decoder's order.
    public init(from decoder: any Decoder) throws {
        if let container = try? decoder.container(keyedBy: Key.self) {
            self = .mapping(try container.allKeys.map { key in
                (key: key.stringValue, value: try container.decode(YAMLValue.self, forKey: key))
            })
        } else if var container = try? decoder.unkeyedContainer() {
            var elements: [YAMLValue] = []
            while !container.isAtEnd { elements.append(try container.decode(YAMLValue.self)) }
            self = .array(elements)
        } else {
            let container = try decoder.singleValueContainer()
            if container.decodeNil() {
                self = .null
            } else if let flag = try? container.decode(Bool.self) {
                self = .bool(flag)
            } else if let number = try? container.decode(Int.self) {
                self = .int(number)
            } else if let number = try? container.decode(Double.self) {
                self = .double(number)
            } else {
                self = .string(try container.decode(String.self))
            }
        }
    }
}
