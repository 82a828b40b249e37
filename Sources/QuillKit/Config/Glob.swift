/// A gitignore-style path pattern: `*` and `?` within one path component, `**` across any number of
/// them, character classes `[abc]`, `[a-z]`, `[!x]`, and `\` to match the next character literally.
///
/// `prompts/**` matches every file under `prompts/`, `**/*.prompt` matches at any depth including the
/// top level, and a trailing `/` means everything under the directory.
public struct Glob: Sendable, Equatable {
    /// The pattern as written.
    public let pattern: String
    private let components: [Component]

    private enum Component: Sendable, Equatable {
        /// `**`: any number of components (at least one when it ends the pattern).
        case anyDepth
        case elements([Element])
    }

    private enum Element: Sendable, Equatable {
        case literal(Character)
        case anyCharacter
        case anyRun
        case characterClass(negated: Bool, ranges: [ClosedRange<Character>])
    }

    /// Compiles `pattern`.
    public init(_ pattern: String) throws(GlobError) {
        self.pattern = pattern
        var text = Substring(pattern)
        guard !text.isEmpty else { throw GlobError(pattern: pattern, message: "empty pattern") }
        if text.hasPrefix("/") { text = text.dropFirst() }
        if text.hasSuffix("/") { text.append(contentsOf: "**") }
        components = try text.split(separator: "/", omittingEmptySubsequences: true).map { part throws(GlobError) in
            part == "**" ? .anyDepth : .elements(try Self.elements(of: part, in: pattern))
        }
    }

    /// Whether the repository-relative `path` (components separated by `/`) matches.
    public func matches(_ path: String) -> Bool {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true).map { Array($0) }
        return Self.match(components[...], parts[...])
    }

    private static func match(_ pattern: ArraySlice<Component>, _ path: ArraySlice<[Character]>) -> Bool {
        guard let first = pattern.first else { return path.isEmpty }
        switch first {
        case .anyDepth:
            let rest = pattern.dropFirst()
            let fewest = rest.isEmpty ? 1 : 0
            guard path.count >= fewest else { return false }
            return (fewest...path.count).contains { match(rest, path.dropFirst($0)) }
        case .elements(let elements):
            guard let component = path.first, match(elements[...], component[...]) else { return false }
            return match(pattern.dropFirst(), path.dropFirst())
        }
    }

    private static func match(_ elements: ArraySlice<Element>, _ text: ArraySlice<Character>) -> Bool {
        guard let first = elements.first else { return text.isEmpty }
        switch first {
        case .anyRun:
            let rest = elements.dropFirst()
            return (0...text.count).contains { match(rest, text.dropFirst($0)) }
        case .anyCharacter:
            return !text.isEmpty && match(elements.dropFirst(), text.dropFirst())
        case .literal(let character):
            return text.first == character && match(elements.dropFirst(), text.dropFirst())
        case .characterClass(let negated, let ranges):
            guard let character = text.first else { return false }
            return ranges.contains { $0.contains(character) } != negated && match(elements.dropFirst(), text.dropFirst())
        }
    }

    private static func elements(of part: Substring, in pattern: String) throws(GlobError) -> [Element] {
        var elements: [Element] = []
        var index = part.startIndex
        while index < part.endIndex {
            let character = part[index]
            index = part.index(after: index)
            switch character {
            case "*":
                if elements.last != .anyRun { elements.append(.anyRun) }
            case "?":
                elements.append(.anyCharacter)
            case "\\":
                guard index < part.endIndex else {
                    throw GlobError(pattern: pattern, message: "'\\' at the end; expected a character to escape")
                }
                elements.append(.literal(part[index]))
                index = part.index(after: index)
            case "[":
                elements.append(try characterClass(in: part, at: &index, pattern: pattern))
            default:
                elements.append(.literal(character))
            }
        }
        return elements
    }

    /// Reads a class after its `[`, leaving `index` after its `]`.
    private static func characterClass(in part: Substring, at index: inout Substring.Index, pattern: String) throws(GlobError) -> Element {
        var negated = false
        if index < part.endIndex, part[index] == "!" || part[index] == "^" {
            negated = true
            index = part.index(after: index)
        }
        var ranges: [ClosedRange<Character>] = []
        var isFirst = true
        while index < part.endIndex {
            let character = part[index]
            index = part.index(after: index)
            if character == "]", !isFirst { return .characterClass(negated: negated, ranges: ranges) }
            isFirst = false
            let next = index < part.endIndex ? part.index(after: index) : part.endIndex
            if index < part.endIndex, part[index] == "-", next < part.endIndex, part[next] != "]" {
                guard character <= part[next] else {
                    throw GlobError(pattern: pattern, message: "range '\(character)-\(part[next])' runs backwards; expected the smaller character first")
                }
                ranges.append(character...part[next])
                index = part.index(after: next)
            } else {
                ranges.append(character...character)
            }
        }
        throw GlobError(pattern: pattern, message: "'[' is never closed; expected ']'")
    }
}
