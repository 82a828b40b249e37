/// The pieces of the fast readers for lines Quill writes itself (`CaseLineScanner`, and the score
/// summary lines of `ScoreLine(scanning:)`): strings without escapes, numbers, objects of numbers.
///
/// Each piece reads exactly the canonical form and gives up (nil) on anything else, so its caller can
/// fall back to a full JSON reader, which reads any JSON and reports errors. Every piece reads ahead
/// only, one byte at a time: linear in the input, no recursion.
struct JSONLineScanner {
    private let bytes: UnsafeRawBufferPointer
    /// The offset of the next byte to read.
    private(set) var position = 0

    init(bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

    /// Whether only white space is left.
    mutating func isAtEnd() -> Bool {
        skipWhitespace()
        return position == bytes.count
    }

    /// An object of names to numbers.
    mutating func metrics() -> [String: Double]? {
        var values = [String: Double]()
        guard metrics({ name, value in values[String(decoding: name, as: UTF8.self)] = value }) else { return nil }
        return values
    }

    /// An object of names to numbers, each pair handed to `each` as it is read: the name as the bytes of
    /// a valid string (see `stringBytes()`), no `String` made. False when the object is not canonical
    /// (pairs already handed over stay handed over).
    mutating func metrics(_ each: (UnsafeRawBufferPointer, Double) -> Void) -> Bool {
        guard consume(UInt8(ascii: "{")) else { return false }
        if consume(UInt8(ascii: "}")) { return true }
        repeat {
            guard let name = stringBytes(), consume(UInt8(ascii: ":")), let value = number() else { return false }
            each(name, value)
        } while consume(UInt8(ascii: ","))
        return consume(UInt8(ascii: "}"))
    }

    /// A string without escapes, of valid UTF-8, is copied as it is; any other is left to the full reader.
    mutating func string() -> String? {
        guard let (text, isASCII) = unescapedString() else { return nil }
        return isASCII ? String(decoding: text, as: UTF8.self) : String(validating: text, as: UTF8.self)
    }

    /// The bytes between the quotes of a string `string()` reads, not copied into a `String`.
    mutating func stringBytes() -> UnsafeRawBufferPointer? {
        guard let (text, isASCII) = unescapedString() else { return nil }
        return isASCII || String(validating: text, as: UTF8.self) != nil ? text : nil
    }

    /// The bytes of a string without escapes or control characters, and whether they are all ASCII.
    private mutating func unescapedString() -> (UnsafeRawBufferPointer, isASCII: Bool)? {
        skipWhitespace()
        guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else { return nil }
        let start = position + 1
        var end = start
        var isASCII = true
        while end < bytes.count, bytes[end] != UInt8(ascii: "\"") {
            if bytes[end] == UInt8(ascii: "\\") || bytes[end] < 0x20 { return nil }
            isASCII = isASCII && bytes[end] < 0x80
            end += 1
        }
        guard end < bytes.count else { return nil }
        position = end + 1
        return (UnsafeRawBufferPointer(rebasing: bytes[start..<end]), isASCII)
    }

    /// A number as JSON writes one, `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`, that
    /// is finite as a Double; nil otherwise (`+1`, `01`, `.5` and `1e400` are left to the full reader).
    mutating func number() -> Double? {
        skipWhitespace()
        let start = position
        let isNegative = consumeByte(UInt8(ascii: "-"))
        if !consumeByte(UInt8(ascii: "0")) {
            guard digits() > 0 else { return nil }
        }
        let integerEnd = position
        if consumeByte(UInt8(ascii: ".")), digits() == 0 { return nil }
        if consumeByte(UInt8(ascii: "e")) || consumeByte(UInt8(ascii: "E")) {
            if !consumeByte(UInt8(ascii: "+")) { _ = consumeByte(UInt8(ascii: "-")) }
            guard digits() > 0 else { return nil }
        }
        // A whole number of up to 15 digits (most per-case scores: 0, 1) is exact as a Double; it is
        // added up here instead of parsed from a String. `-0` is left to the parser (it is -0.0).
        if position == integerEnd, !isNegative, position - start <= 15 {
            return Double(bytes[start..<position].reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) })
        }
        guard let value = Double(String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)),
              value.isFinite else { return nil }
        return value
    }

    mutating func boolean() -> Bool? {
        skipWhitespace()
        if matches("true") { return true }
        if matches("false") { return false }
        return nil
    }

    /// Consumes `byte`, after any white space, if it comes next.
    mutating func consume(_ byte: UInt8) -> Bool {
        skipWhitespace()
        guard position < bytes.count, bytes[position] == byte else { return false }
        position += 1
        return true
    }

    mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x0A, 0x0D, 0x09: position += 1
            default: return
            }
        }
    }

    /// Skips a run of ASCII digits and says how long it was.
    private mutating func digits() -> Int {
        let start = position
        while position < bytes.count, bytes[position] >= UInt8(ascii: "0"), bytes[position] <= UInt8(ascii: "9") { position += 1 }
        return position - start
    }

    /// Consumes `byte` if it comes next (no white space skipped).
    private mutating func consumeByte(_ byte: UInt8) -> Bool {
        guard position < bytes.count, bytes[position] == byte else { return false }
        position += 1
        return true
    }

    private mutating func matches(_ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard position + count <= bytes.count else { return false }
        for offset in 0..<count where bytes[position + offset] != word.utf8Start[offset] { return false }
        position += count
        return true
    }
}
