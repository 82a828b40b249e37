/// A value from a JSON, YAML or TOML file with its position: the common ground the metric readers walk.
struct ValueNode {
    /// The value, its children positioned too.
    enum Kind {
        case null
        case bool(Bool)
        /// A number, possibly not finite (YAML `.nan`, TOML `inf`, JSON `1e999`), with the text it was written as.
        case number(Double, literal: String)
        case string(String)
        case list([ValueNode])
        case table([(key: String, value: ValueNode)])
    }

    /// Where a value starts: a position, or a byte offset turned into one only when a message needs it
    /// (counting columns on a long minified JSON line for every value would be quadratic).
    enum Place {
        case position(SourcePosition)
        case offset(Int, in: SourceText, firstLine: Int)

        /// The line and column.
        var position: SourcePosition {
            switch self {
            case .position(let position):
                return position
            case .offset(let offset, let source, let firstLine):
                let position = source.position(at: offset)
                return SourcePosition(line: position.line + firstLine - 1, column: position.column)
            }
        }
    }

    /// The value.
    var kind: Kind
    /// Where the value starts, when known.
    var place: Place?

    init(kind: Kind, position: SourcePosition) {
        self.init(kind: kind, place: .position(position))
    }

    init(kind: Kind, place: Place?) {
        self.kind = kind
        self.place = place
    }

    /// Where the value starts, as a line and column, when known.
    var position: SourcePosition? { place?.position }

    /// What kind of value this is, with its article, for error messages.
    var kindDescription: String {
        switch kind {
        case .null: "null"
        case .bool: "a boolean"
        case .number: "a number"
        case .string: "a string"
        case .list: "a list"
        case .table: "an object"
        }
    }

    /// Whether the tree has the shape of a DVC metrics file: no text anywhere, lists holding numbers only.
    var holdsNumbersOnly: Bool {
        switch kind {
        case .null, .bool, .number: true
        case .string: false
        case .list(let elements): elements.allSatisfy { if case .number = $0.kind { true } else { false } }
        case .table(let members): members.allSatisfy(\.value.holdsNumbersOnly)
        }
    }

    /// Whether a number stands anywhere in the tree.
    var containsNumber: Bool {
        switch kind {
        case .number: true
        case .list(let elements): elements.contains(where: \.containsNumber)
        case .table(let members): members.contains { $0.value.containsNumber }
        default: false
        }
    }
}
