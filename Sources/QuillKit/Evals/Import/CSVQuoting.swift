/// RFC 4180 quoting as SwiftCSV applies it, followed over a file's bytes for what SwiftCSV cannot
/// say: where the first quoting error is (it reads a quote left open at the end of the file as if it
/// closed, and reports the other errors without a position), and where each field of a record starts.
/// The bytes that matter (`"`, `,`, line breaks) are ASCII, so a byte offset is exact in UTF-8.
struct CSVQuoting {
    /// Where the scanner is within a field.
    private enum State {
        case fieldStart, unquoted, unquotedQuote, quoted, afterClosingQuote
    }

    /// What one byte did.
    private enum Step {
        case inField, fieldEnd, recordEnd
        case error(at: Int, String)
    }

    private var state = State.fieldStart
    /// The offset of the last quote that opened a quoted field or stood in an unquoted one.
    private var quote = 0

    /// The first quoting error of `bytes`: its byte offset and the line's message.
    static func firstError(in bytes: [UInt8]) -> (offset: Int, message: String)? {
        var scanner = CSVQuoting()
        for (offset, byte) in bytes.enumerated() {
            if case .error(let at, let message) = scanner.step(byte, at: offset) { return (at, message) }
        }
        switch scanner.state {
        case .quoted: return (scanner.quote, "quoted field is never closed; expected a closing '\"'")
        case .unquotedQuote: return (scanner.quote, Self.strayQuote)
        default: return nil
        }
    }

    /// The byte offset where each record of `bytes` starts, as SwiftCSV splits them: at the start and
    /// after each `\n`, `\r` or `\r\n` outside quotes. The file must have no quoting error.
    static func recordStarts(in bytes: [UInt8]) -> [Int] {
        var scanner = CSVQuoting()
        var starts = [0]
        var offset = 0
        while offset < bytes.count {
            if case .recordEnd = scanner.step(bytes[offset], at: offset) {
                if bytes[offset] == UInt8(ascii: "\r"), offset + 1 < bytes.count, bytes[offset + 1] == UInt8(ascii: "\n") { offset += 1 }
                starts.append(offset + 1)
            }
            offset += 1
        }
        return starts
    }

    /// The byte offset where each field of the record that starts at `start` begins (the first one,
    /// for a record of one field). The file must have no quoting error.
    static func fieldStarts(ofRecordAt start: Int, in bytes: [UInt8]) -> [Int] {
        var scanner = CSVQuoting()
        var starts = [start]
        for offset in start..<bytes.count {
            switch scanner.step(bytes[offset], at: offset) {
            case .fieldEnd: starts.append(offset + 1)
            case .recordEnd, .error: return starts
            case .inField: continue
            }
        }
        return starts
    }

    private static let strayQuote = "a '\"' inside an unquoted field; expected the whole field quoted, with each '\"' in it doubled"

    /// Moves past `byte`, at `offset`.
    private mutating func step(_ byte: UInt8, at offset: Int) -> Step {
        let isBreak = byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")
        let isBlank = byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t")
        let ends: Step? = byte == UInt8(ascii: ",") ? .fieldEnd : isBreak ? .recordEnd : nil
        switch state {
        case .fieldStart:
            if let ends { return ends }
            if byte == UInt8(ascii: "\"") {
                state = .quoted
                quote = offset
            } else if !isBlank {
                state = .unquoted
            }
        case .unquoted:
            if let ends {
                state = .fieldStart
                return ends
            }
            if byte == UInt8(ascii: "\"") {
                state = .unquotedQuote
                quote = offset
            }
        case .unquotedQuote:
            guard byte == UInt8(ascii: "\"") else { return .error(at: quote, Self.strayQuote) }
            state = .unquoted
        case .quoted:
            if byte == UInt8(ascii: "\"") { state = .afterClosingQuote }
        case .afterClosingQuote:
            if let ends {
                state = .fieldStart
                return ends
            }
            if byte == UInt8(ascii: "\"") {
                state = .quoted
            } else if !isBlank {
                return .error(at: offset, "text after a field's closing quote; expected ',' or a line break")
            }
        }
        return .inField
    }
}
