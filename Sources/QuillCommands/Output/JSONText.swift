/// JSON text written directly from values, byte for byte as `Renderer.json`'s `JSONEncoder` writes
/// it (pretty-printed with two-space indents and `" : "`, slashes unescaped, control characters
/// escaped as swift-foundation escapes them). The caller writes each object's keys in UTF-8 order,
/// as `.sortedKeys` orders them; dictionaries with arbitrary keys are sorted here.
///
/// For results of thousands of entries (`log`, `blame`): `JSONEncoder` first builds a tree of boxed
/// values, which cost more time than the walk that found them and, for a blame of 100,000 lines,
/// more memory than the blame.
struct JSONText {
    private(set) var bytes = [UInt8]()
    private var depth = 0
    /// Whether the container being written already holds a value (the next one needs a comma).
    private var hasValue = false
    /// Set when a number could not be written (not finite): the encoder's answer is an error.
    private(set) var failed = false

    init(capacity: Int = 0) {
        bytes.reserveCapacity(capacity)
    }

    /// Writes an object whose members `body` writes with `member(_:_:)`.
    mutating func object(_ body: (inout JSONText) -> Void) {
        open(UInt8(ascii: "{"))
        body(&self)
        close(UInt8(ascii: "}"))
    }

    /// Writes an array whose elements `body` writes, each with `element(_:)`.
    mutating func array(_ body: (inout JSONText) -> Void) {
        open(UInt8(ascii: "["))
        body(&self)
        close(UInt8(ascii: "]"))
    }

    /// Writes an array of `values`, each with `write`.
    mutating func array<Element>(_ values: some Sequence<Element>, _ write: (inout JSONText, Element) -> Void) {
        array { text in
            for value in values { text.element { write(&$0, value) } }
        }
    }

    /// Writes one member of the current object: its key, then the value `value` writes.
    mutating func member(_ key: String, _ value: (inout JSONText) -> Void) {
        separate()
        string(key)
        bytes.append(0x20)
        bytes.append(UInt8(ascii: ":"))
        bytes.append(0x20)
        value(&self)
        hasValue = true
    }

    /// Writes one element of the current array.
    mutating func element(_ value: (inout JSONText) -> Void) {
        separate()
        value(&self)
        hasValue = true
    }

    /// Writes an object of `dictionary`'s entries, keys in UTF-8 order, each value with `write`.
    mutating func object<Value>(_ dictionary: [String: Value], _ write: (inout JSONText, Value) -> Void) {
        object { text in
            for (key, value) in dictionary.sorted(by: { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }) {
                text.member(key) { write(&$0, value) }
            }
        }
    }

    mutating func string(_ value: String) {
        bytes.append(UInt8(ascii: "\""))
        var value = value
        value.withUTF8 { utf8 in
            var start = 0
            for index in utf8.indices {
                let byte = utf8[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                bytes.append(contentsOf: utf8[start..<index])
                start = index + 1
                bytes.append(UInt8(ascii: "\\"))
                switch byte {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"): bytes.append(byte)
                case 0x08: bytes.append(UInt8(ascii: "b"))
                case 0x0C: bytes.append(UInt8(ascii: "f"))
                case 0x0A: bytes.append(UInt8(ascii: "n"))
                case 0x0D: bytes.append(UInt8(ascii: "r"))
                case 0x09: bytes.append(UInt8(ascii: "t"))
                default: bytes.append(contentsOf: [UInt8(ascii: "u"), 0x30, 0x30, JSONText.hexDigit(byte >> 4), JSONText.hexDigit(byte & 0xF)])
                }
            }
            bytes.append(contentsOf: utf8[start...])
        }
        bytes.append(UInt8(ascii: "\""))
    }

    mutating func number(_ value: Int) {
        bytes.append(contentsOf: String(value).utf8)
    }

    /// A double as the encoder writes it: Swift's shortest form without a trailing `.0`. Not finite
    /// marks the text failed, as the encoder throws.
    mutating func number(_ value: Double) {
        guard value.isFinite else {
            failed = true
            return
        }
        let text = value.description
        bytes.append(contentsOf: text.hasSuffix(".0") ? text.utf8.dropLast(2) : text.utf8[...])
    }

    mutating func bool(_ value: Bool) {
        bytes.append(contentsOf: (value ? "true" : "false").utf8)
    }

    mutating func null() {
        bytes.append(contentsOf: "null".utf8)
    }

    /// Ends the text with a newline, as a printed result ends.
    mutating func newline() {
        bytes.append(0x0A)
    }

    private mutating func open(_ bracket: UInt8) {
        bytes.append(bracket)
        bytes.append(0x0A)
        depth += 1
        hasValue = false
    }

    private mutating func close(_ bracket: UInt8) {
        bytes.append(0x0A)
        depth -= 1
        indent()
        bytes.append(bracket)
    }

    private mutating func separate() {
        if hasValue {
            bytes.append(UInt8(ascii: ","))
            bytes.append(0x0A)
        }
        indent()
    }

    private mutating func indent() {
        var count = 2 * depth
        while count > 0 {
            let run = min(count, JSONText.spaces.count)
            JSONText.spaces.withUnsafeBufferPointer { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: $0[..<run])) }
            count -= run
        }
    }

    /// Spaces to indent with, copied in one piece instead of appended one by one.
    private static let spaces = [UInt8](repeating: 0x20, count: 64)

    private static func hexDigit(_ value: UInt8) -> UInt8 {
        value < 10 ? 0x30 + value : UInt8(ascii: "a") + value - 10
    }
}
