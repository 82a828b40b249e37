/// A Handlebars (or plain `{{name}}`) template scanned for its tags, its blocks and the variables it uses.
///
/// Variables are the top-level input names: `{{customer.name}}` uses `customer`; inside `{{#each}}` and
/// `{{#with}}` the context is the item, so names there are its fields, and only `@root.x` or `../x`
/// reaching the top level count. Helpers, hash keys, literals, `@data`, `this`, partials and comments do not.
struct HandlebarsTemplate {
    /// One `{{…}}` tag.
    struct Tag {
        /// What the tag does.
        enum Kind { case expression, blockOpen, blockClose, elseBranch, partial, comment }
        /// What the tag does.
        var kind: Kind
        /// The first word: a helper, a path, a block or partial name.
        var name: String
        /// The rest of the tag after its name.
        var arguments: String
        /// The bytes of the whole tag, braces included.
        var range: Range<Int>

        /// The first argument when it is a quoted string, as in `{{role "user"}}`.
        var quotedArgument: String? {
            guard let quote = arguments.first, quote == "\"" || quote == "'" else { return nil }
            let rest = arguments.dropFirst()
            guard let end = rest.firstIndex(of: quote) else { return nil }
            return String(rest[..<end])
        }
    }

    private struct Block {
        var name: String
        var openTag: Range<Int>
        var changesContext: Bool
    }

    /// The tags in file order, comments included.
    private(set) var tags: [Tag] = []
    /// The variables the template uses.
    private(set) var variables = VariableNames()
    private var blocks: [Block] = []
    /// Whether words that Handlebars' grammar refuses (`>=`, `a+b`) are errors, as in Dotprompt; otherwise
    /// they are skipped and name no variable.
    private let isStrict: Bool

    /// Helpers that take no arguments, so a bare `{{name}}` of theirs is not a variable.
    private static let argumentlessHelpers: Set<String> = ["history"]
    private static let literals: Set<String> = ["true", "false", "null", "undefined"]
    private static let opener = Array("{{".utf8)

    /// Bytes that Handlebars' lexer accepts in no name: its ID excludes them, and no other token
    /// inside `{{…}}` starts with them (`=` and `|` are read as separators before this check).
    private static let invalidNameCharacters = Set("!\"#%&'*+,;<>@^`~\\{}")

    /// Scans `range` of `source`; with `strict`, refuses expressions Handlebars' grammar refuses.
    init(scanning source: SourceText, range: Range<Int>, strict: Bool = false) throws(SourceIssue) {
        isStrict = strict
        var offset = range.lowerBound
        let bytes = source.bytes
        while let open = source.find(Self.opener, from: offset, before: range.upperBound) {
            if open > range.lowerBound, bytes[open - 1] == UInt8(ascii: "\\") {
                offset = open + 2
                continue
            }
            let tag = try Self.readTag(in: source, at: open, before: range.upperBound)
            offset = tag.range.upperBound
            try record(tag, in: source)
        }
        if let unclosed = blocks.last {
            throw SourceIssue(
                source.position(at: unclosed.openTag.lowerBound),
                "block '{{#\(unclosed.name)}}' is never closed; expected '{{/\(unclosed.name)}}'")
        }
    }

    /// Reads the tag whose `{{` is at `open`.
    private static func readTag(in source: SourceText, at open: Int, before end: Int) throws(SourceIssue) -> Tag {
        let bytes = source.bytes
        let isTriple = open + 2 < end && bytes[open + 2] == UInt8(ascii: "{")
        var contentStart = open + (isTriple ? 3 : 2)
        if contentStart < end, bytes[contentStart] == UInt8(ascii: "~") { contentStart += 1 }
        let isComment = contentStart < end && bytes[contentStart] == UInt8(ascii: "!")
        let isLongComment = isComment && bytes[contentStart..<min(end, contentStart + 3)].elementsEqual(Array("!--".utf8))
        let closer = isTriple ? "}}}" : isLongComment ? "--}}" : "}}"
        let closing: Range<Int>? = isLongComment
            ? longCommentEnd(in: source, from: contentStart + 3, before: end)
            : source.findCloser(Array(closer.utf8), from: contentStart, before: end, skippingQuotes: !isComment)
                .map { $0..<$0 + closer.utf8.count }
        guard let close = closing else {
            let opener = isTriple ? "{{{" : isLongComment ? "{{!--" : "{{"
            throw SourceIssue(source.position(at: open), "'\(opener)' is never closed; expected '\(closer)'")
        }
        let tagEnd = close.upperBound
        var inner = Substring(source.text(contentStart..<close.lowerBound))
        if inner.last == "~" { inner = inner.dropLast() }
        inner = inner.trimmingSpaces
        if isComment {
            return Tag(kind: .comment, name: "", arguments: String(inner), range: open..<tagEnd)
        }
        if isTriple { return expressionTag(inner, range: open..<tagEnd) }
        let marker = inner.first
        let rest = inner.dropFirst().trimmingSpaces
        switch marker {
        case "#": return namedTag(.blockOpen, rest.first == ">" ? rest.dropFirst().trimmingSpaces : rest, open..<tagEnd)
        case "/": return namedTag(.blockClose, rest, open..<tagEnd)
        case ">": return namedTag(.partial, rest, open..<tagEnd)
        case "&": return expressionTag(rest, range: open..<tagEnd)
        case "^" where rest.isEmpty: return Tag(kind: .elseBranch, name: "else", arguments: "", range: open..<tagEnd)
        case "^": return namedTag(.blockOpen, rest, open..<tagEnd)
        default:
            if inner == "else" || inner.hasPrefix("else ") {
                return Tag(kind: .elseBranch, name: "else", arguments: String(inner.dropFirst(4).trimmingSpaces), range: open..<tagEnd)
            }
            return expressionTag(inner, range: open..<tagEnd)
        }
    }

    /// The `--}}` (or `--~}}`) that ends a long comment.
    private static func longCommentEnd(in source: SourceText, from start: Int, before end: Int) -> Range<Int>? {
        var offset = start
        while let braces = source.find(Array("}}".utf8), from: offset, before: end) {
            let before = source.bytes[start..<braces]
            if before.hasSuffix("--") { return (braces - 2)..<(braces + 2) }
            if before.hasSuffix("--~") { return (braces - 3)..<(braces + 2) }
            offset = braces + 1
        }
        return nil
    }

    private static func expressionTag(_ inner: Substring, range: Range<Int>) -> Tag {
        namedTag(.expression, inner, range)
    }

    private static func namedTag(_ kind: Tag.Kind, _ text: Substring, _ range: Range<Int>) -> Tag {
        let name = text.prefix { !$0.isWhitespace }
        return Tag(kind: kind, name: String(name), arguments: String(text.dropFirst(name.count).trimmingSpaces), range: range)
    }

    private var contextDepth: Int { blocks.count { $0.changesContext } }

    /// Checks a tag against the open blocks and collects the variables it uses.
    private mutating func record(_ tag: Tag, in source: SourceText) throws(SourceIssue) {
        tags.append(tag)
        var position: SourcePosition { source.position(at: tag.range.lowerBound) }
        switch tag.kind {
        case .comment:
            return
        case .expression:
            guard !tag.name.isEmpty else {
                throw SourceIssue(position, "empty '{{}}'; expected a name or an expression between '{{' and '}}'")
            }
            try useCall(name: tag.name, arguments: tag.arguments, at: position)
        case .blockOpen:
            guard !tag.name.isEmpty else {
                throw SourceIssue(position, "block without a name; expected a helper or a name after '{{#'")
            }
            try useCall(name: tag.name.hasPrefix("*") ? String(tag.name.dropFirst()) : tag.name, arguments: tag.arguments, at: position)
            let changesContext = tag.arguments.isEmpty || tag.name == "each" || tag.name == "with"
            blocks.append(Block(name: tag.name, openTag: tag.range, changesContext: changesContext))
        case .blockClose:
            guard let open = blocks.last else {
                throw SourceIssue(position, "'{{/\(tag.name)}}' closes no open block; expected a '{{#\(tag.name)}}' before it")
            }
            guard open.name == tag.name else {
                let line = source.line(at: open.openTag.lowerBound)
                throw SourceIssue(
                    position,
                    "'{{/\(tag.name)}}' closes '{{#\(open.name)}}' opened on line \(line); expected '{{/\(open.name)}}'")
            }
            blocks.removeLast()
        case .elseBranch:
            guard !blocks.isEmpty else {
                throw SourceIssue(position, "'{{else}}' outside a block; expected it between '{{#if}}' and '{{/if}}'")
            }
            let words = tokens(tag.arguments)
            if !words.isEmpty { try useTokens(words.dropFirst(), at: position) }
        case .partial:
            try useTokens(tokens(tag.arguments)[...], at: position)
        }
    }

    /// A mustache or block opening: a lone name is a path; a name with arguments is a helper.
    private mutating func useCall(name: String, arguments: String, at position: SourcePosition) throws(SourceIssue) {
        if let invalid = invalidWord(name) {
            guard !isStrict else { throw Self.invalidIssue(invalid, at: position) }
            return
        }
        if arguments.isEmpty {
            if !Self.argumentlessHelpers.contains(name) { usePath(name) }
        } else {
            try useTokens(tokens(arguments)[...], at: position)
        }
    }

    /// The word itself when Handlebars accepts no such name: a character no name may hold outside a
    /// `[…]` segment (a leading `@` marks data), or a hash argument with no helper before it.
    private func invalidWord(_ word: String) -> String? {
        var rest = Substring(word)
        if rest.first == "@" { rest = rest.dropFirst() }
        var inSegment = false
        for character in rest {
            if character == "[" { inSegment = true } else if character == "]" { inSegment = false }
            if !inSegment, Self.invalidNameCharacters.contains(character) || character == "=" || character == "|" { return word }
        }
        return nil
    }

    private static func invalidIssue(_ word: String, at position: SourcePosition) -> SourceIssue {
        SourceIssue(position, "'\(word)' is not valid in a Handlebars expression; expected names, paths, strings, numbers and helper calls")
    }

    private enum Token { case path(String), helper, hashKey, literal, invalid(String) }

    /// Splits arguments into paths, helper names (first word in parentheses), hash keys and literals.
    private func tokens(_ text: String) -> [Token] {
        var result: [Token] = []
        var index = text.startIndex
        var afterParenthesis = false
        while index < text.endIndex {
            let character = text[index]
            if character.isWhitespace || character == ")" || character == "=" {
                index = text.index(after: index)
            } else if character == "(" {
                afterParenthesis = true
                index = text.index(after: index)
            } else if character == "\"" || character == "'" {
                let rest = text[text.index(after: index)...]
                index = rest.firstIndex(of: character).map { text.index(after: $0) } ?? text.endIndex
                result.append(.literal)
            } else if character == "|" {
                let rest = text[text.index(after: index)...]
                index = rest.firstIndex(of: "|").map { text.index(after: $0) } ?? text.endIndex
            } else {
                let word = text[index...].prefix { !$0.isWhitespace && !"()=|\"'".contains($0) }
                index = word.endIndex
                let isHashKey = text[index...].first { !$0.isWhitespace } == "="
                    && !(text[index...].drop { $0.isWhitespace }.dropFirst().first == "=")
                if invalidWord(String(word)) != nil {
                    result.append(.invalid(String(word)))
                } else if isHashKey {
                    result.append(.hashKey)
                } else if afterParenthesis {
                    result.append(.helper)
                } else if word == "as" {
                    result.append(.literal)
                } else {
                    result.append(.path(String(word)))
                }
                afterParenthesis = false
            }
        }
        return result
    }

    private mutating func useTokens(_ tokens: ArraySlice<Token>, at position: SourcePosition) throws(SourceIssue) {
        for token in tokens {
            switch token {
            case .path(let path): usePath(path)
            case .invalid(let word) where isStrict: throw Self.invalidIssue(word, at: position)
            default: break
            }
        }
    }

    /// Adds the top-level variable a path names, if it names one.
    private mutating func usePath(_ word: String) {
        var path = Substring(word)
        if let first = path.first, first.isNumber || (first == "-" && path.dropFirst().first?.isNumber == true) { return }
        if Self.literals.contains(String(path)) { return }
        var depth = contextDepth
        if path.hasPrefix("@root.") {
            path = path.dropFirst(6)
            depth = 0
        } else if path.hasPrefix("@") {
            return
        }
        while path.hasPrefix("../") {
            path = path.dropFirst(3)
            depth -= 1
        }
        if path == "this" || path == "." { return }
        if path.hasPrefix("this.") { path = path.dropFirst(5) } else if path.hasPrefix("./") { path = path.dropFirst(2) }
        guard depth <= 0 else { return }
        var head = path.prefix { $0 != "." && $0 != "/" }
        if head.hasPrefix("["), head.hasSuffix("]") { head = head.dropFirst().dropLast() }
        if !head.isEmpty { variables.insert(String(head)) }
    }
}

extension Substring {
    /// The text without spaces, tabs and line breaks at either end.
    var trimmingSpaces: Substring {
        guard let first = firstIndex(where: { !$0.isWhitespace }),
              let last = lastIndex(where: { !$0.isWhitespace }) else { return self[endIndex...] }
        return self[first...last]
    }
}

extension ArraySlice<UInt8> {
    /// Whether the bytes end with the UTF-8 of `suffix`.
    func hasSuffix(_ suffix: String) -> Bool {
        let tail = Array(suffix.utf8)
        return count >= tail.count && self.suffix(tail.count).elementsEqual(tail)
    }
}
