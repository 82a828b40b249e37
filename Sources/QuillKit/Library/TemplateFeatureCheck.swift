/// Finds the template features in a message that Mustache (the renderer) does not render as the
/// prompt's own engine would: Handlebars helpers, `else`, partials, `../` and `@` paths, `this`;
/// Jinja statements, comments, filters and expressions; Mustache delimiters, pragmas and blocks.
/// What passes is plain `{{name}}`, `{{{name}}}`, `{{&name}}`, `{{#name}}`/`{{^name}}`/`{{/name}}`
/// sections and `{{! comments}}`, which every one of those engines renders alike.
enum TemplateFeatureCheck {
    /// The first unsupported feature in `text`, described for an error message (`nil`: none).
    static func unsupported(in text: String) -> String? {
        let bytes = Array(text.utf8)
        var index = 0
        while index + 1 < bytes.count {
            defer { index += 1 }
            guard bytes[index] == UInt8(ascii: "{") else { continue }
            switch bytes[index + 1] {
            case UInt8(ascii: "%"): return "Jinja statement '\(excerpt(bytes, from: index, closer: "%}"))'"
            case UInt8(ascii: "#"): return "Jinja comment '\(excerpt(bytes, from: index, closer: "#}"))'"
            case UInt8(ascii: "{"): break
            default: continue
            }
            let triple = index + 2 < bytes.count && bytes[index + 2] == UInt8(ascii: "{")
            let closer = triple ? "}}}" : "}}"
            let tag = excerpt(bytes, from: index, closer: closer)
            guard tag.hasSuffix(closer) else { return "unclosed tag '\(tag)'" }
            var inner = Substring(tag.dropFirst(triple ? 3 : 2).dropLast(closer.count))
            if let problem = problem(inTag: &inner, tag: tag, triple: triple) { return problem }
            index += tag.utf8.count - 1
        }
        return nil
    }

    private static func problem(inTag inner: inout Substring, tag: String, triple: Bool) -> String? {
        if inner.first == "~" || inner.last == "~" { return "Handlebars whitespace control '\(tag)'" }
        guard let sigil = inner.first else { return "empty tag '\(tag)'" }
        switch sigil {
        case "!": return nil
        case ">": return "partial '\(tag)'"
        case "=": return "delimiter change '\(tag)'"
        case "%": return "Mustache pragma '\(tag)'"
        case "$", "<": return "Mustache block '\(tag)'"
        case "#", "^", "/", "&":
            guard !triple else { return "tag '\(tag)'" }
            inner = inner.dropFirst()
            if sigil == "#", inner.first == ">" || inner.first == "*" { return "Handlebars partial block '\(tag)'" }
        default: break
        }
        let words = inner.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" })
        guard let name = words.first else { return "empty tag '\(tag)'" }
        if words.count > 1 {
            if words.contains("|") || inner.contains("|") { return "Jinja filter '\(tag)'" }
            return sigil == "#" ? "Handlebars block helper '{{#\(name)}}'" : "Handlebars helper '\(name)' in '\(tag)'"
        }
        if inner.contains("|") { return "Jinja filter '\(tag)'" }
        if name == "else" { return "Handlebars '{{else}}'" }
        if name == "this" || name.hasPrefix("this.") || name.hasPrefix("../") || name.hasPrefix("@") { return "Handlebars path '\(name)'" }
        let allowed = name == "." || name.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" || $0 == "." }
        return allowed ? nil : "expression '\(tag)'"
    }

    /// The tag starting at `start`: up to and including `closer`, or the rest of the line when unclosed.
    private static func excerpt(_ bytes: [UInt8], from start: Int, closer: String) -> String {
        let close = Array(closer.utf8)
        var end = start + 2
        while end + close.count <= bytes.count {
            if bytes[end..<end + close.count].elementsEqual(close) { return String(decoding: bytes[start..<end + close.count], as: UTF8.self) }
            if bytes[end] == UInt8(ascii: "\n") { break }
            end += 1
        }
        return String(decoding: bytes[start..<min(end, bytes.count)], as: UTF8.self)
    }
}
