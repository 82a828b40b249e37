/// Refuses, before toml++ parses a document, the input it cannot be trusted with: dotted keys and table
/// headers deeper than its trees may recurse, and what toml++ 3.4 asserts never happens (an assertion
/// aborts a debug build and is undefined behaviour in a release build): a table header whose key does
/// not start with a key character, and an array value that starts with `}` or with U+0085, U+2028 or
/// U+2029 (line breaks toml++ neither accepts nor refuses there). All are TOML errors anyway; the
/// preflight only says them first.
struct TOMLPreflight {
    /// The most parts a dotted key may have.
    let maximumDepth: Int

    /// Scans `source` once, outside strings and comments, and throws at the first refused byte.
    ///
    /// A dotted key's depth counts the dots of each run of key characters (bare-key bytes, blanks,
    /// quoted parts and dots); no valid value holds such a run of `maximumDepth` dots. A `[` is a table
    /// header when it opens a line (after blanks) outside every array and inline table.
    func check(_ source: SourceText) throws(SourceIssue) {
        let bytes = source.bytes
        var scanner = TOMLStringScanner()
        var dots = 0
        var open = [UInt8]()  // the `[` and `{` not closed yet, innermost last
        var lineStart = true
        let start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        for offset in start..<bytes.count {
            let byte = bytes[offset]
            guard scanner.advance(byte, next: bytes[(offset + 1)...].prefix(2)) == .code else {
                if byte == UInt8(ascii: "\n") { lineStart = true }
                continue
            }
            switch byte {
            case UInt8(ascii: "."):
                dots += 1
                if dots >= maximumDepth {
                    throw SourceIssue(source.position(at: offset), "invalid TOML: key has more than \(maximumDepth) dotted parts; expected at most \(maximumDepth)")
                }
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                if byte == UInt8(ascii: "["), lineStart, open.isEmpty { try checkHeader(source, at: offset) }
                open.append(byte)
                dots = 0
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                if byte == UInt8(ascii: "}"), open.last == UInt8(ascii: "[") {
                    throw SourceIssue(source.position(at: offset), "invalid TOML: '}' inside an array; expected a value, ',' or ']'")
                }
                _ = open.popLast()
                dots = 0
            case _ where Self.isUnicodeLineBreak(bytes[offset...].prefix(3)):
                throw SourceIssue(source.position(at: offset), "invalid TOML: a Unicode line or paragraph separator outside a string; expected a newline")
            default:
                if !Self.isKeyByte(byte) { dots = 0 }
            }
            if byte == UInt8(ascii: "\n") {
                lineStart = true
            } else if !Self.isBlank(byte) {
                lineStart = false
            }
        }
    }

    /// Refuses the table header opening at `offset` unless, past `[` or `[[` and blanks, a key or `]` starts.
    private func checkHeader(_ source: SourceText, at offset: Int) throws(SourceIssue) {
        let bytes = source.bytes
        var index = offset + 1
        if index < bytes.count, bytes[index] == UInt8(ascii: "[") { index += 1 }
        while index < bytes.count, Self.isBlank(bytes[index]) { index += 1 }
        guard index < bytes.count else { return }
        let byte = bytes[index]
        if byte == UInt8(ascii: "["), bytes[offset + 1] != UInt8(ascii: "[") { return }  // `[ [`: toml++ refuses the blank
        guard !Self.isBareKeyByte(byte), byte != UInt8(ascii: "\""), byte != UInt8(ascii: "'"), byte != UInt8(ascii: "]") else { return }
        throw SourceIssue(source.position(at: index), "invalid TOML: expected a key in the table header, saw \(Self.shown(byte))")
    }

    /// `byte` as an error message shows it: printable ASCII quoted, anything else as a hexadecimal byte.
    private static func shown(_ byte: UInt8) -> String {
        (0x21...0x7E).contains(byte) ? "'\(Character(Unicode.Scalar(byte)))'" : "byte 0x\(String(byte, radix: 16, uppercase: true))"
    }

    /// Whether `bytes` start with U+0085, U+2028 or U+2029 in UTF-8.
    private static func isUnicodeLineBreak(_ bytes: ArraySlice<UInt8>) -> Bool {
        bytes.starts(with: [0xC2, 0x85]) || bytes.starts(with: [0xE2, 0x80, 0xA8]) || bytes.starts(with: [0xE2, 0x80, 0xA9])
    }

    private static func isBlank(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t")
    }

    private static func isBareKeyByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "_"), UInt8(ascii: "-"):
            true
        default:
            false
        }
    }

    /// Whether `byte` may stand in a dotted key between its dots: a bare-key byte, a blank or a quote.
    private static func isKeyByte(_ byte: UInt8) -> Bool {
        isBareKeyByte(byte) || isBlank(byte) || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'")
    }
}
