/// Refuses, before toml++ parses a document, the input it cannot be trusted with: dotted keys and table
/// headers deeper than its trees may recurse, and table headers whose key does not start with a key
/// character (toml++ 3.4 asserts that it does, which aborts a debug build and is undefined behaviour in
/// a release build). Both refusals are TOML errors anyway; the preflight only says them first.
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
        var brackets = 0
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
                if byte == UInt8(ascii: "["), lineStart, brackets == 0 { try checkHeader(source, at: offset) }
                brackets += 1
                dots = 0
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                brackets = max(brackets - 1, 0)
                dots = 0
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
