import Yams

/// The YAML block between two `---` lines at the top of a prompt file, and where the body after it starts.
struct FrontMatter {
    /// The front matter's mapping, or nil when the file has none.
    var value: YAMLValue?
    /// The byte offset where the body starts.
    var bodyStart: Int
    /// The composed YAML mapping and the file line its text starts on, for readers that check it further.
    var node: (mapping: Node, firstLine: Int)?

    /// Splits `source` into front matter and body; a file whose first line is not `---` is all body.
    ///
    /// With `afterComments`, as Dotprompt's reference parser reads it, blank lines and lines starting
    /// with `#` (a licence header) may come before the opening `---`.
    init(splitting source: SourceText, afterComments: Bool = false) throws(SourceIssue) {
        var opening = 1
        while afterComments, opening <= source.lineCount, !Self.isFence(source, line: opening), Self.isCommentOrBlank(source, line: opening) {
            opening += 1
        }
        guard opening <= source.lineCount, Self.isFence(source, line: opening) else {
            self.init(value: nil, bodyStart: 0, node: nil)
            return
        }
        var closing = opening + 1
        while closing <= source.lineCount, !Self.isFence(source, line: closing) { closing += 1 }
        guard closing <= source.lineCount else {
            throw SourceIssue(source.endPosition, "front matter opened on line \(opening) is never closed; expected a line '---'")
        }
        let yamlRange = source.lineStarts[opening]..<source.lineStarts[closing - 1]
        let bodyStart = closing < source.lineStarts.count ? source.lineStarts[closing] : source.bytes.count
        guard let node = try YAMLSource.compose(source.text(yamlRange), firstLine: opening + 1) else {
            self.init(value: .mapping([]), bodyStart: bodyStart, node: nil)
            return
        }
        guard case .mapping = node else {
            throw SourceIssue(
                YAMLSource.position(of: node, firstLine: opening + 1),
                "front matter is \(YAMLSource.kindDescription(of: node)); expected a mapping of keys to values")
        }
        self.init(value: YAMLSource.value(of: node), bodyStart: bodyStart, node: (node, opening + 1))
    }

    private init(value: YAMLValue?, bodyStart: Int, node: (mapping: Node, firstLine: Int)?) {
        self.value = value
        self.bodyStart = bodyStart
        self.node = node
    }

    /// Whether line `number` is blank or starts with `#`.
    private static func isCommentOrBlank(_ source: SourceText, line number: Int) -> Bool {
        let bytes = source.bytes[source.lineRange(number)]
        return bytes.first == UInt8(ascii: "#") || bytes.allSatisfy(SourceText.isSpace)
    }

    /// Whether line `number` is `---`, trailing spaces allowed.
    private static func isFence(_ source: SourceText, line number: Int) -> Bool {
        let range = source.lineRange(number)
        let bytes = source.bytes[range]
        guard bytes.starts(with: [0x2D, 0x2D, 0x2D]) else { return false }
        return bytes.dropFirst(3).allSatisfy { $0 == 0x20 || $0 == 0x09 }
    }
}
