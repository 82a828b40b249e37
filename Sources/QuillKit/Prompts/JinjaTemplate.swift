/// A Jinja2 template scanned for its blocks and the variables it uses.
///
/// Variables are names the template reads without binding them itself: loop targets (`x` in
/// `{% for x in items %}`), `set` and `with` targets, macro parameters, attributes, filters, tests,
/// keyword-argument names and called functions are not variables.
struct JinjaTemplate {
    private struct Block {
        var keyword: String
        var openTag: Range<Int>
        var bound: Set<String>
    }

    /// The variables the template uses.
    private(set) var variables = VariableNames()
    private var blocks: [Block] = []
    private var topLevelBound: Set<String> = []

    private static let blockKeywords: Set<String> = ["for", "if", "macro", "block", "with", "filter", "call", "raw"]
    private static let keywords: Set<String> = [
        "and", "or", "not", "in", "is", "if", "else", "true", "false", "none", "True", "False", "None",
        "loop", "recursive", "self", "varargs", "kwargs", "caller", "super",
    ]

    /// Scans `range` of `source`.
    init(scanning source: SourceText, range: Range<Int>) throws(SourceIssue) {
        let bytes = source.bytes
        var offset = range.lowerBound
        while offset + 1 < range.upperBound {
            guard bytes[offset] == UInt8(ascii: "{"), let closer = Self.closer(after: bytes[offset + 1]) else {
                offset += 1
                continue
            }
            let open = offset
            let isComment = closer == "#}"
            guard let close = source.findCloser(Array(closer.utf8), from: open + 2, before: range.upperBound, skippingQuotes: !isComment) else {
                let opener = source.text(open..<open + 2)
                throw SourceIssue(source.position(at: open), "'\(opener)' is never closed; expected '\(closer)'")
            }
            offset = close + 2
            if isComment { continue }
            var inner = Substring(source.text(open + 2..<close))
            if let first = inner.first, first == "-" || first == "+" { inner = inner.dropFirst() }
            if let last = inner.last, last == "-" || last == "+" { inner = inner.dropLast() }
            inner = inner.trimmingSpaces
            var position: SourcePosition { source.position(at: open) }
            if closer == "}}" {
                guard !inner.isEmpty else {
                    throw SourceIssue(position, "empty '{{ }}'; expected an expression between '{{' and '}}'")
                }
                use(Self.tokens(inner)[...])
            } else if try statement(inner, tag: open..<close + 2, in: source) == "raw" {
                offset = try Self.endOfRaw(in: source, from: offset, before: range.upperBound, opened: position)
                blocks.removeLast()
            }
        }
        if let unclosed = blocks.last {
            throw SourceIssue(
                source.position(at: unclosed.openTag.lowerBound),
                "block '{% \(unclosed.keyword) %}' is never closed; expected '{% end\(unclosed.keyword) %}'")
        }
    }

    private static func closer(after byte: UInt8) -> String? {
        switch byte {
        case UInt8(ascii: "{"): "}}"
        case UInt8(ascii: "%"): "%}"
        case UInt8(ascii: "#"): "#}"
        default: nil
        }
    }

    /// The offset after the `{% endraw %}` that closes a raw block.
    private static func endOfRaw(in source: SourceText, from start: Int, before end: Int, opened: SourcePosition) throws(SourceIssue) -> Int {
        var offset = start
        while let open = source.find(Array("{%".utf8), from: offset, before: end) {
            guard let close = source.find(Array("%}".utf8), from: open + 2, before: end) else { break }
            let word = source.text(open + 2..<close).filter { !"-+ \t\r\n".contains($0) }
            if word == "endraw" { return close + 2 }
            offset = close + 2
        }
        throw SourceIssue(opened, "block '{% raw %}' is never closed; expected '{% endraw %}'")
    }

    /// Handles one `{% … %}` statement and returns its keyword.
    private mutating func statement(_ inner: Substring, tag: Range<Int>, in source: SourceText) throws(SourceIssue) -> String {
        var position: SourcePosition { source.position(at: tag.lowerBound) }
        let keyword = String(inner.prefix { !$0.isWhitespace })
        let tokens = Self.tokens(inner.dropFirst(keyword.count))
        guard !keyword.isEmpty else {
            throw SourceIssue(position, "empty '{% %}'; expected a statement such as 'if' or 'for'")
        }
        if keyword.hasPrefix("end") {
            try close(String(keyword.dropFirst(3)), at: position, in: source)
            return keyword
        }
        switch keyword {
        case "for":
            let split = tokens.firstIndex { $0.text == "in" } ?? tokens.endIndex
            use(tokens[split...].dropFirst())
            open(keyword, tag: tag, binding: tokens[..<split].compactMap(\.identifier))
        case "set":
            if let equals = tokens.firstIndex(where: { $0.text == "=" }) {
                use(tokens[equals...].dropFirst())
                bind(tokens[..<equals].compactMap(\.identifier))
            } else {
                open(keyword, tag: tag, binding: tokens.compactMap(\.identifier))
            }
        case "macro":
            bind(tokens.first?.identifier.map { [$0] } ?? [])
            open(keyword, tag: tag, binding: tokens.dropFirst().compactMap(\.identifier))
        case "with":
            use(tokens[...])
            open(keyword, tag: tag, binding: Self.assignedNames(tokens))
        case "block", "raw":
            open(keyword, tag: tag, binding: [])
        case "include", "extends":
            break
        case "import", "from":
            let names = tokens.split { $0.text == "import" || $0.text == "as" }.dropFirst().flatMap { $0.compactMap(\.identifier) }
            bind(names)
        default:
            use(tokens[...])
            if Self.blockKeywords.contains(keyword) { open(keyword, tag: tag, binding: []) }
        }
        return keyword
    }

    private mutating func open(_ keyword: String, tag: Range<Int>, binding names: [String]) {
        blocks.append(Block(keyword: keyword, openTag: tag, bound: Set(names)))
    }

    private mutating func bind(_ names: [String]) {
        if blocks.isEmpty { topLevelBound.formUnion(names) } else { blocks[blocks.count - 1].bound.formUnion(names) }
    }

    private mutating func close(_ keyword: String, at position: SourcePosition, in source: SourceText) throws(SourceIssue) {
        guard let open = blocks.last else {
            throw SourceIssue(position, "'{% end\(keyword) %}' closes no open block; expected a '{% \(keyword) %}' before it")
        }
        guard open.keyword == keyword else {
            let line = source.line(at: open.openTag.lowerBound)
            throw SourceIssue(
                position,
                "'{% end\(keyword) %}' closes '{% \(open.keyword) %}' opened on line \(line); expected '{% end\(open.keyword) %}'")
        }
        blocks.removeLast()
    }

    private struct Token {
        var text: Substring
        var isIdentifier: Bool
        var identifier: String? { isIdentifier ? String(text) : nil }
    }

    /// Splits an expression into identifiers, literals and one-character operators.
    private static func tokens(_ text: Substring) -> [Token] {
        var result: [Token] = []
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            if character.isWhitespace {
                index = text.index(after: index)
            } else if character == "\"" || character == "'" {
                let rest = text[text.index(after: index)...]
                let end = rest.firstIndex(of: character).map { text.index(after: $0) } ?? text.endIndex
                result.append(Token(text: text[index..<end], isIdentifier: false))
                index = end
            } else if character.isLetter || character == "_" || character.isNumber {
                let word = text[index...].prefix { $0.isLetter || $0.isNumber || $0 == "_" }
                result.append(Token(text: word, isIdentifier: !character.isNumber))
                index = word.endIndex
            } else {
                let next = text.index(after: index)
                let isDouble = next < text.endIndex && "=!<>".contains(character) && text[next] == "="
                let end = isDouble ? text.index(after: next) : next
                result.append(Token(text: text[index..<end], isIdentifier: false))
                index = end
            }
        }
        return result
    }

    /// The names in `a = 1, b = x` assignments.
    private static func assignedNames(_ tokens: [Token]) -> [String] {
        tokens.indices.compactMap { index in
            index + 1 < tokens.count && tokens[index + 1].text == "=" ? tokens[index].identifier : nil
        }
    }

    private func isBound(_ name: String) -> Bool {
        topLevelBound.contains(name) || blocks.contains { $0.bound.contains(name) }
    }

    /// Adds the free names an expression reads.
    private mutating func use(_ tokens: ArraySlice<Token>) {
        let tokens = Array(tokens)
        for (index, token) in tokens.enumerated() {
            guard let name = token.identifier, !Self.keywords.contains(name), !isBound(name) else { continue }
            let previous = index > 0 ? tokens[index - 1].text : ""
            let beforePrevious = index > 1 ? tokens[index - 2].text : ""
            let next = index + 1 < tokens.count ? tokens[index + 1].text : ""
            let isMember = previous == "." || previous == "|" || previous == "is" || (previous == "not" && beforePrevious == "is")
            if isMember || next == "(" || next == "=" { continue }
            variables.insert(name)
        }
    }
}
