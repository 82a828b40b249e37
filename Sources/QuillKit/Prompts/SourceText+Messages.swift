extension SourceText {
    /// The message in `content`, its lines running from its role marker (or its first text) to its closing
    /// marker (or its last text); nil when the content is blank.
    ///
    /// With `dedenting`, the text keeps its first line's indentation and loses the indentation all its lines share.
    func message(role: String, marker: Int?, content: Range<Int>, closing: Int? = nil, dedenting: Bool = false) -> PromptMessage? {
        let trimmed = trimmed(content)
        guard !trimmed.isEmpty else { return nil }
        let startLine = line(at: marker ?? trimmed.lowerBound)
        let endLine = closing.map { line(at: $0) } ?? line(at: trimmed.upperBound - 1)
        guard dedenting else {
            return PromptMessage(role: role, text: text(trimmed), startLine: startLine, endLine: endLine)
        }
        let firstLineStart = max(content.lowerBound, lineStarts[line(at: trimmed.lowerBound) - 1])
        let lines = text(firstLineStart..<trimmed.upperBound).split(separator: "\n", omittingEmptySubsequences: false)
        let indent = lines.filter { !$0.allSatisfy(\.isWhitespace) }
            .map { $0.prefix { $0 == " " || $0 == "\t" }.count }
            .min() ?? 0
        let text = lines.map { $0.allSatisfy(\.isWhitespace) ? "" : String($0.dropFirst(indent)) }.joined(separator: "\n")
        return PromptMessage(role: role, text: text, startLine: startLine, endLine: endLine)
    }
}
