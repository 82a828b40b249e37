/// Reads Humanloop `.prompt` files: YAML front matter and a body of `<system>`, `<user>`, `<assistant>`
/// and `<tool>` tags at the start of lines, each holding one message.
enum HumanloopReader {
    /// The roles Humanloop writes as tags.
    static let roles = ["system", "user", "assistant", "tool"]

    private struct OpenTag {
        var role: String
        var start: Int
        var contentStart: Int
    }

    /// Whether the body after `bodyStart` is in Humanloop's shape: no `{{role}}` markers, and its first text a role tag.
    static func recognises(_ source: SourceText, bodyStart: Int) -> Bool {
        guard source.find(Array("{{role".utf8), from: bodyStart) == nil else { return false }
        let first = source.trimmed(bodyStart..<source.bytes.count).lowerBound
        return openingTag(in: source, at: first) != nil
    }

    /// Reads the tagged messages after `frontMatter`.
    static func read(_ source: SourceText, frontMatter: FrontMatter, path: String) throws(SourceIssue) -> Prompt {
        let body = frontMatter.bodyStart..<source.bytes.count
        let template = try HandlebarsTemplate(scanning: source, range: body)
        var messages: [PromptMessage] = []
        var open: OpenTag?
        var offset = body.lowerBound
        while offset < body.upperBound {
            if let current = open {
                let closer = Array("</\(current.role)>".utf8)
                guard let close = source.find(closer, from: offset) else {
                    try rejectStrayTag(in: source, from: offset, inside: current)
                    throw SourceIssue(
                        source.position(at: current.start),
                        "tag '<\(current.role)>' is never closed; expected '</\(current.role)>'")
                }
                try rejectStrayTag(in: source, from: offset, before: close, inside: current)
                source.message(role: current.role, marker: current.start, content: current.contentStart..<close, closing: close, dedenting: true)
                    .map { messages.append($0) }
                open = nil
                offset = close + closer.count
                continue
            }
            let start = source.trimmed(offset..<body.upperBound).lowerBound
            guard start < body.upperBound else { break }
            guard let tag = openingTag(in: source, at: start) else {
                throw SourceIssue(source.position(at: start), "text outside a message; expected \(expectedTags)")
            }
            open = tag
            offset = tag.contentStart
        }
        return Prompt(
            path: path, format: .humanloop, frontMatter: frontMatter.value, messages: messages,
            variables: template.variables.names, model: PromptParser.modelName(in: frontMatter.value))
    }

    private static let expectedTags = roles.map { "'<\($0)>'" }.joined(separator: ", ")

    /// The role tag (`<user>`, `<tool name="…">`) starting at `offset`, if there is one.
    private static func openingTag(in source: SourceText, at offset: Int) -> OpenTag? {
        let bytes = source.bytes
        guard offset < bytes.count, bytes[offset] == UInt8(ascii: "<") else { return nil }
        for role in roles {
            let nameEnd = offset + 1 + role.utf8.count
            guard nameEnd < bytes.count, bytes[offset + 1..<nameEnd].elementsEqual(role.utf8) else { continue }
            let next = bytes[nameEnd]
            guard next == UInt8(ascii: ">") || next == UInt8(ascii: " "),
                  let end = source.find([UInt8(ascii: ">")], from: nameEnd) else { continue }
            return OpenTag(role: role, start: offset, contentStart: end + 1)
        }
        return nil
    }

    /// Throws when a line inside `current` starts with another role's opening or closing tag.
    private static func rejectStrayTag(in source: SourceText, from start: Int, before end: Int? = nil, inside current: OpenTag) throws(SourceIssue) {
        let limit = end ?? source.bytes.count
        let openedOn = source.line(at: current.start)
        var line = source.line(at: start) + 1
        while line <= source.lineCount, source.lineStarts[line - 1] < limit {
            let first = source.trimmed(source.lineRange(line)).lowerBound
            let rest = source.bytes[first..<source.lineRange(line).upperBound]
            if let tag = openingTag(in: source, at: first) {
                throw SourceIssue(
                    source.position(at: first),
                    "'<\(tag.role)>' inside '<\(current.role)>' opened on line \(openedOn); expected '</\(current.role)>' first")
            }
            for role in roles where rest.starts(with: Array("</\(role)>".utf8)) {
                throw SourceIssue(
                    source.position(at: first),
                    "'</\(role)>' closes '<\(current.role)>' opened on line \(openedOn); expected '</\(current.role)>'")
            }
            line += 1
        }
    }
}
