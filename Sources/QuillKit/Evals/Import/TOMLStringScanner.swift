/// Tells, byte by byte, whether a TOML document is inside a string or a comment, or in code: enough to
/// find keys without parsing values.
struct TOMLStringScanner {
    /// Where a byte stands.
    enum Place {
        /// Between tokens, in a key or a bare value: the byte is TOML syntax.
        case code
        /// In a string (its quotes included) or a comment.
        case inString
    }

    private enum State {
        case code
        case comment
        /// In a string opened by `quote`, three of them when `multiLine`; `escaped` after a backslash.
        case string(quote: UInt8, multiLine: Bool, escaped: Bool)
        /// The bytes left of a closing or opening `"""`/`'''` already accounted for.
        case skipping(Int, then: StateAfterSkip)
    }

    private enum StateAfterSkip {
        case code
        case multiLineString(quote: UInt8)
    }

    private var state = State.code

    /// Whether the next byte starts outside every string and comment.
    var isInCode: Bool {
        if case .code = state { true } else { false }
    }

    /// Moves past `byte`, `next` being the (up to) two bytes after it, and says where `byte` stood.
    mutating func advance(_ byte: UInt8, next: ArraySlice<UInt8>) -> Place {
        switch state {
        case .skipping(let left, let after):
            if left > 1 {
                state = .skipping(left - 1, then: after)
            } else {
                switch after {
                case .code: state = .code
                case .multiLineString(let quote): state = .string(quote: quote, multiLine: true, escaped: false)
                }
            }
            return .inString
        case .comment:
            if byte == UInt8(ascii: "\n") { state = .code }
            return .inString
        case .string(let quote, let multiLine, let escaped):
            if escaped {
                state = .string(quote: quote, multiLine: multiLine, escaped: false)
            } else if byte == UInt8(ascii: "\\"), quote == UInt8(ascii: "\"") {
                state = .string(quote: quote, multiLine: multiLine, escaped: true)
            } else if byte == quote, !multiLine {
                state = .code
            } else if byte == quote, next.elementsEqual([quote, quote]) {
                state = .skipping(2, then: .code)
            } else if byte == UInt8(ascii: "\n"), !multiLine {
                state = .code
            }
            return .inString
        case .code:
            if byte == UInt8(ascii: "#") {
                state = .comment
                return .inString
            }
            guard byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") else { return .code }
            if next.elementsEqual([byte, byte]) {
                state = .skipping(2, then: .multiLineString(quote: byte))
            } else {
                state = .string(quote: byte, multiLine: false, escaped: false)
            }
            return .inString
        }
    }
}
