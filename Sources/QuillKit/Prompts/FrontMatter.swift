/// The YAML block between two `---` lines at the top of a prompt file, and where the body after it starts.
struct FrontMatter {
    /// The front matter's mapping, or nil when the file has none.
    var value: YAMLValue?
    /// The byte offset where the body starts.
    var bodyStart: Int

    /// Splits `source` into front matter and body; a file whose first line is not `---` is all body.
    init(splitting source: SourceText) throws(SourceIssue) {
        guard source.lineCount >= 1, Self.isFence(source, line: 1) else {
            self.init(value: nil, bodyStart: 0)
            return
        }
        var closing = 2
        while closing <= source.lineCount, !Self.isFence(source, line: closing) { closing += 1 }
        guard closing <= source.lineCount else {
            throw SourceIssue(source.endPosition, "front matter opened on line 1 is never closed; expected a line '---'")
        }
        let yamlRange = source.lineStarts[1]..<source.lineStarts[closing - 1]
        let bodyStart = closing < source.lineStarts.count ? source.lineStarts[closing] : source.bytes.count
        guard let node = try YAMLSource.compose(source.text(yamlRange), firstLine: 2) else {
            self.init(value: .mapping([]), bodyStart: bodyStart)
            return
        }
        guard case .mapping = node else {
            throw SourceIssue(
                YAMLSource.position(of: node, firstLine: 2),
                "front matter is \(YAMLSource.kindDescription(of: node)); expected a mapping of keys to values")
        }
        self.init(value: YAMLSource.value(of: node), bodyStart: bodyStart)
    }

    private init(value: YAMLValue?, bodyStart: Int) {
        self.value = value
        self.bodyStart = bodyStart
    }

    /// Whether line `number` is `---`, trailing spaces allowed.
    private static func isFence(_ source: SourceText, line number: Int) -> Bool {
        let range = source.lineRange(number)
        let bytes = source.bytes[range]
        guard bytes.starts(with: [0x2D, 0x2D, 0x2D]) else { return false }
        return bytes.dropFirst(3).allSatisfy { $0 == 0x20 || $0 == 0x09 }
    }
}
