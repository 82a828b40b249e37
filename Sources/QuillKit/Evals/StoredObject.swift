/// The members of a stored canonical JSON object (a record blob, a score summary line), read with
/// Quill's own JSON reader rather than `JSONDecoder`, with `Codable`'s rules: required keys must be
/// there with the right types, optional ones may be absent or null, unknown keys are ignored.
struct StoredObject {
    private let members: [String: JSONValue]
    /// What the object is, before each problem in an error (`""` for a record, `"score line: "`).
    private let context: String

    init(_ bytes: [UInt8], context: String = "") throws {
        let document: JSONDocument
        do {
            document = try JSONDocument.parse(SourceText(unchecked: bytes))
        } catch {
            throw StoredRecordError("\(context)\(error.message)\(error.column.map { " at column \($0)" } ?? "")")
        }
        guard case .object(let members) = document.jsonValue(document.root) else { throw StoredRecordError("\(context)not an object") }
        self.members = members
        self.context = context
    }

    func required<Value>(_ key: String, _ read: (JSONValue) -> Value?) throws -> Value {
        guard let value = members[key].flatMap(read) else { throw StoredRecordError("\(context)'\(key)' is missing or of the wrong type") }
        return value
    }

    func optional<Value>(_ key: String, _ read: (JSONValue) -> Value?) throws -> Value? {
        guard let value = members[key], value != .null else { return nil }
        guard let read = read(value) else { throw StoredRecordError("\(context)'\(key)' is of the wrong type") }
        return read
    }

    /// A whole number a double holds exactly.
    static func whole(_ value: JSONValue) -> Int? {
        value.numberValue.flatMap { $0 == $0.rounded() && abs($0) < 9e15 ? Int($0) : nil }
    }

    /// An object of names to numbers.
    static func numbers(_ value: JSONValue) -> [String: Double]? {
        value.objectValue.flatMap { table in
            let pairs = table.compactMapValues(\.numberValue)
            return pairs.count == table.count ? pairs : nil
        }
    }
}
