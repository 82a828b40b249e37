/// The bytes of a text file checked as UTF-8, with a line index to turn byte offsets into positions.
struct SourceText: Sendable {
    /// The file's bytes, without a leading byte-order mark.
    let bytes: [UInt8]
    /// The byte offset where each line starts; line `n` starts at `lineStarts[n - 1]`.
    let lineStarts: LineStarts

    /// Checks that `data` is text (UTF-8 without NUL bytes) and indexes its lines.
    init(checking data: some Collection<UInt8>) throws(SourceIssue) {
        var bytes = Array(data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        self.init(unchecked: bytes)
        if let offset = bytes.firstIndex(of: 0) {
            throw SourceIssue(position(at: offset), "binary file: NUL byte; expected UTF-8 text")
        }
        if let offset = Self.firstInvalidUTF8Offset(in: bytes) {
            throw SourceIssue(position(at: offset), "invalid UTF-8 byte 0x\(Self.hex(bytes[offset])); expected UTF-8 text")
        }
    }

    /// Indexes text that is known to be valid UTF-8.
    init(unchecked bytes: [UInt8]) {
        self.bytes = bytes
        var starts: [UInt32] = [0]
        for (offset, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
            starts.append(UInt32(truncatingIfNeeded: offset + 1))
        }
        lineStarts = LineStarts(offsets: starts)
    }

    /// Indexes a string.
    init(_ text: String) {
        self.init(unchecked: Array(text.utf8))
    }

    /// The character at `position`, or nil past the end of its line.
    func character(at position: SourcePosition) -> Character? {
        guard position.line >= 1, position.line <= lineCount else { return nil }
        let line = text(lineRange(position.line)).unicodeScalars
        guard position.column >= 1, position.column <= line.count else { return nil }
        return Character(line[line.index(line.startIndex, offsetBy: position.column - 1)])
    }

    /// The 1-based line holding the byte at `offset`.
    func line(at offset: Int) -> Int {
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        return low + 1
    }

    /// The line and column (in Unicode scalars) of the byte at `offset`.
    func position(at offset: Int) -> SourcePosition {
        let line = line(at: offset)
        let start = lineStarts[line - 1]
        let scalars = bytes[start..<min(offset, bytes.count)].lazy.filter { $0 & 0xC0 != 0x80 }.count
        return SourcePosition(line: line, column: scalars + 1)
    }

    /// The position just after the last character, on the last line that has one.
    var endPosition: SourcePosition {
        var end = bytes.count
        if end > 0, bytes[end - 1] == UInt8(ascii: "\n") { end -= 1 }
        if end > 0, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        return position(at: end)
    }

    /// The number of lines, not counting the empty piece after a final newline.
    var lineCount: Int {
        bytes.last == UInt8(ascii: "\n") ? lineStarts.count - 1 : lineStarts.count
    }

    /// The bytes of 1-based line `number`, without its line break.
    func lineRange(_ number: Int) -> Range<Int> {
        let start = lineStarts[number - 1]
        var end = number < lineStarts.count ? lineStarts[number] - 1 : bytes.count
        if end > start, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        return start..<max(start, end)
    }

    /// The text of a byte range.
    func text(_ range: Range<Int>) -> String {
        String(decoding: bytes[range], as: UTF8.self)
    }

    /// The range without the spaces, tabs and line breaks at both ends.
    func trimmed(_ range: Range<Int>) -> Range<Int> {
        var lower = range.lowerBound
        var upper = range.upperBound
        while lower < upper, Self.isSpace(bytes[lower]) { lower += 1 }
        while upper > lower, Self.isSpace(bytes[upper - 1]) { upper -= 1 }
        return lower..<upper
    }

    /// The offset of the first occurrence of `needle` at or after `start` and before `end`.
    func find(_ needle: [UInt8], from start: Int, before end: Int? = nil) -> Int? {
        let limit = (end ?? bytes.count) - needle.count
        guard let first = needle.first, start <= limit else { return nil }
        var offset = start
        while offset <= limit {
            if bytes[offset] == first, bytes[offset..<offset + needle.count].elementsEqual(needle) { return offset }
            offset += 1
        }
        return nil
    }

    /// Whether `byte` is a space, tab, carriage return or line feed.
    static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    private static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
    }

    /// The offset of the first byte that does not belong to a well-formed UTF-8 sequence.
    private static func firstInvalidUTF8Offset(in bytes: [UInt8]) -> Int? {
        var offset = 0
        while offset < bytes.count {
            let lead = bytes[offset]
            if lead < 0x80 {
                offset += 1
                continue
            }
            let length: Int
            var secondRange: ClosedRange<UInt8> = 0x80...0xBF
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; secondRange = 0xA0...0xBF
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; secondRange = 0x80...0x9F
            case 0xF0: length = 4; secondRange = 0x90...0xBF
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; secondRange = 0x80...0x8F
            default: return offset
            }
            for index in 1..<length {
                let position = offset + index
                guard position < bytes.count else { return offset }
                let range = index == 1 ? secondRange : 0x80...0xBF
                guard range.contains(bytes[position]) else { return offset }
            }
            offset += length
        }
        return nil
    }
}

extension SourceText {
    /// The offset of the first `closer` at or after `start` and before `end`, stepping over quoted strings when asked.
    func findCloser(_ closer: [UInt8], from start: Int, before end: Int, skippingQuotes: Bool) -> Int? {
        guard skippingQuotes else { return find(closer, from: start, before: end) }
        var offset = start
        var quote: UInt8?
        while offset + closer.count <= end {
            let byte = bytes[offset]
            if let open = quote {
                if byte == UInt8(ascii: "\\") { offset += 1 } else if byte == open { quote = nil }
            } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                quote = byte
            } else if bytes[offset..<offset + closer.count].elementsEqual(closer) {
                return offset
            }
            offset += 1
        }
        return nil
    }
}

/// Where each line of a `SourceText` starts, 32 bits each (a text Quill reads is under 4 GiB: a JSON
/// text of more is refused, prompts and result files are bounded far below), so an indented JSON file
/// of short lines does not spend 8 bytes a line.
struct LineStarts: RandomAccessCollection, Sendable {
    let offsets: [UInt32]

    var startIndex: Int { 0 }
    var endIndex: Int { offsets.count }

    subscript(position: Int) -> Int { Int(offsets[position]) }
}
