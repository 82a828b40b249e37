import Foundation

/// A parsed JSON value with the text it came from, so readers can say where a value is wrong.
struct JSONDocument {
    /// The text the value was parsed from: a whole file, or one line of a JSON Lines file.
    let source: SourceText
    /// The file's line number of the source's first line.
    let firstLine: Int
    /// The value.
    let root: JSONNode

    /// Parses `source`, which starts on line `firstLine` of its file.
    static func parse(_ source: SourceText, firstLine: Int = 1) throws(SourceIssue) -> JSONDocument {
        do {
            return JSONDocument(source: source, firstLine: firstLine, root: try JSONSource.parse(source))
        } catch {
            throw SourceIssue(line: error.line.map { $0 + firstLine - 1 }, column: error.column, error.message)
        }
    }

    /// Where `node` starts in the file.
    func position(of node: JSONNode) -> SourcePosition {
        place(of: node).position
    }

    /// Where `node` starts, worked out only when asked.
    private func place(of node: JSONNode) -> ValueNode.Place {
        .offset(node.start, in: source, firstLine: firstLine)
    }

    /// A problem with `node`, placed where it starts.
    func issue(_ node: JSONNode, _ message: String) -> SourceIssue {
        SourceIssue(position(of: node), message)
    }

    /// The members of `node`, which the file calls `name`, or an issue saying it should be `expected`.
    @discardableResult
    func members(_ node: JSONNode, _ name: String, expected: String = "an object") throws(SourceIssue) -> [(key: String, value: JSONNode)] {
        guard case .object(let members) = node.value else { throw issue(node, "\(name) is \(node.kindDescription); expected \(expected)") }
        return members
    }

    /// The elements of `node`, which the file calls `name`, or an issue saying it should be `expected`.
    func elements(_ node: JSONNode, _ name: String, expected: String) throws(SourceIssue) -> [JSONNode] {
        guard case .array(let elements) = node.value else { throw issue(node, "\(name) is \(node.kindDescription); expected \(expected)") }
        return elements
    }

    /// The positioned tree of a `metrics`-style member, which must be an object.
    func metricTable(_ node: JSONNode, _ name: String) throws(SourceIssue) -> ValueNode {
        try members(node, name, expected: "an object of metric names to numbers")
        return value(node)
    }

    /// The text of an optional string member; nil when it is absent or null.
    func string(_ node: JSONNode?, _ name: String) throws(SourceIssue) -> String? {
        try optional(node, name, expected: "a string") { if case .string(let text) = $0 { text } else { nil } }
    }

    /// The value of an optional boolean member; nil when it is absent or null.
    func bool(_ node: JSONNode?, _ name: String) throws(SourceIssue) -> Bool? {
        try optional(node, name, expected: "true or false") { if case .bool(let flag) = $0 { flag } else { nil } }
    }

    /// The value of an optional member that must be a whole number of at least zero; nil when it is absent or null.
    func index(_ node: JSONNode?, _ name: String) throws(SourceIssue) -> Int? {
        try optional(node, name, expected: "a whole number of at least 0") {
            if case .number(let text) = $0, let number = Int(text), number >= 0 { number } else { nil }
        }
    }

    /// The case id in member `id` of `node`, which the file calls `name` ("case 3"): a string, or a whole
    /// number read as its decimal text; an issue when it is absent or of another kind.
    func caseID(of node: JSONNode, _ name: String, expected: String) throws(SourceIssue) -> String {
        guard let idNode = node["id"] else { throw issue(node, "\(name) has no 'id'; expected \(expected)") }
        switch idNode.value {
        case .string(let text): return text
        case .number(let text) where Int(text) != nil: return text
        default: throw issue(idNode, "'id' of \(name) is \(idNode.kindDescription); expected a string or a whole number")
        }
    }

    /// An optional member read by `read`; nil when it is absent or null, an issue when `read` refuses it.
    private func optional<Value>(
        _ node: JSONNode?, _ name: String, expected: String, _ read: (JSONNode.Value) -> Value?
    ) throws(SourceIssue) -> Value? {
        guard let node else { return nil }
        if case .null = node.value { return nil }
        guard let value = read(node.value) else { throw issue(node, "\(name) is \(node.kindDescription); expected \(expected)") }
        return value
    }

    /// A model output as text: strings as they are, other values as canonical JSON; nil for null.
    func output(_ node: JSONNode?) -> String? {
        guard let node else { return nil }
        switch node.value {
        case .string(let text): return text
        case .null: return nil
        default: return Self.canonicalText(jsonValue(node))
        }
    }

    /// The canonical JSON text of `value` (sorted keys, one number format); `jsonValue` trees always have one.
    static func canonicalText(_ value: JSONValue) -> String {
        String(decoding: (try? CanonicalJSON.encode(value)) ?? Data(), as: UTF8.self)
    }

    /// The plain value of `node`; numbers JSON cannot hold become null.
    func jsonValue(_ node: JSONNode) -> JSONValue {
        switch node.value {
        case .null: .null
        case .bool(let flag): .bool(flag)
        case .number(let text): Double(text).flatMap { $0.isFinite ? JSONValue.number($0) : nil } ?? .null
        case .string(let text): .string(text)
        case .array(let elements): .array(elements.map(jsonValue))
        case .object(let members): .object(Dictionary(members.map { ($0.key, jsonValue($0.value)) }) { _, last in last })
        }
    }

    /// The positioned value tree of `node`, for the metric readers.
    func value(_ node: JSONNode) -> ValueNode {
        let kind: ValueNode.Kind = switch node.value {
        case .null: .null
        case .bool(let flag): .bool(flag)
        case .number(let text): .number(Double(text) ?? .nan, literal: text)
        case .string(let text): .string(text)
        case .array(let elements): .list(elements.map(value))
        case .object(let members): .table(members.map { (key: $0.key, value: value($0.value)) })
        }
        return ValueNode(kind: kind, place: place(of: node))
    }
}
