/// A path pattern that means what it means to git as a glob pathspec (`git ls-files
/// ':(glob)PATTERN'`), always relative to the repository's root (a leading `/` is dropped).
///
/// - The pattern's text matches the path itself and, when it ends at a `/` of the path, everything
///   below it: `prompts` and `prompts/` match `prompts/a/b.md`.
/// - Otherwise the path must start with the text before the first `*`, `?`, `[` or `\`, and the
///   rest is matched as git's wildmatch does with `WM_PATHNAME`: `?`, `*` and classes (`[abc]`,
///   `[a-z]`, `[!x]`, `[^x]`, `[[:alpha:]]`) never match `/`; `**` where a component starts (or
///   where that literal text ends: `b**` is git's reading too) and ends crosses folders, and
///   `**/` may match no folder at all; `\` takes the next character literally. Matching is over
///   UTF-8 bytes, as git's, so `?` is one byte.
///
/// A pattern with wildcards that ends in `/` matches no file in git and is refused. Matching runs
/// the pattern as a set of states (no backtracking): O(pattern × path) steps.
public struct Glob: Sendable, Equatable {
    /// The pattern as written.
    public let pattern: String
    /// The pattern's bytes, without a leading `/`.
    private let text: [UInt8]
    /// How many bytes of `text` come before its first wildcard or escape.
    private let literalLength: Int
    /// The rest of `text`, compiled.
    private let elements: [Element]

    private enum Element: Sendable, Equatable {
        case literal(UInt8)
        /// `?`: one byte, not `/`.
        case anyByte
        /// `*`: any bytes but `/`.
        case run
        /// `**` between boundaries: any bytes.
        case deepRun
        /// Reads nothing; stands before the `deepRun` and `/` of a `**/`, which may be skipped
        /// together (no folder at all).
        case optionalFolders
        case characterClass(GlobCharacterClass)
    }

    /// Compiles `pattern`.
    public init(_ pattern: String) throws(GlobError) {
        self.pattern = pattern
        var bytes = Array(pattern.utf8)
        if bytes.first == UInt8(ascii: "/") { bytes.removeFirst() }
        guard !bytes.isEmpty else { throw GlobError(pattern: pattern, message: "empty pattern") }
        text = bytes
        literalLength = bytes.firstIndex { Self.specialBytes.contains($0) } ?? bytes.count
        elements = try Self.compile(bytes[literalLength...], pattern: pattern)
        if literalLength < bytes.count, bytes.last == UInt8(ascii: "/") {
            throw GlobError(pattern: pattern, message: "a pattern with wildcards that ends in '/' matches no file; expected '\(pattern)**' for everything below")
        }
    }

    /// Whether the pattern has a wildcard or escape; one without names a file or folder literally.
    public var hasWildcards: Bool { literalLength < text.count }

    /// The bytes git's pathspecs treat as the start of a pattern (`is_glob_special`).
    private static let specialBytes: Set<UInt8> = [UInt8(ascii: "*"), UInt8(ascii: "?"), UInt8(ascii: "["), UInt8(ascii: "\\")]

    /// Whether the repository-relative `path` (components separated by `/`) matches.
    public func matches(_ path: String) -> Bool {
        let name = Array(path.utf8)
        if name.starts(with: text),
           name.count == text.count || text.last == UInt8(ascii: "/") || name[text.count] == UInt8(ascii: "/") {
            return true
        }
        guard literalLength < text.count, name.starts(with: text[..<literalLength]) else { return false }
        return matchesElements(name[literalLength...])
    }

    /// Runs the elements as states over `bytes`: state i means the first i elements have matched
    /// what was read so far.
    private func matchesElements(_ bytes: ArraySlice<UInt8>) -> Bool {
        var states = closure(of: [0])
        for byte in bytes {
            var next: [Int] = []
            for state in states where state < elements.count {
                switch elements[state] {
                case .literal(let literal): if byte == literal { next.append(state + 1) }
                case .anyByte: if byte != UInt8(ascii: "/") { next.append(state + 1) }
                case .run: if byte != UInt8(ascii: "/") { next.append(state) }
                case .deepRun: next.append(state)
                case .optionalFolders: break
                case .characterClass(let characterClass): if characterClass.contains(byte) { next.append(state + 1) }
                }
            }
            states = closure(of: next)
            if states.isEmpty { return false }
        }
        return states.contains(elements.count)
    }

    /// `states` and every state reached from them without reading a byte: past an empty run, and
    /// past a `**/` that matches no folder.
    private func closure(of states: [Int]) -> [Int] {
        var seen = Set(states)
        var pending = states
        while let state = pending.popLast() {
            guard state < elements.count else { continue }
            var skips: [Int] = []
            switch elements[state] {
            case .run, .deepRun: skips = [state + 1]
            case .optionalFolders: skips = [state + 1, state + 3]
            default: break
            }
            for skip in skips where seen.insert(skip).inserted { pending.append(skip) }
        }
        return Array(seen)
    }

    /// Compiles the part of a pattern after its literal text; a `**` counts as starting a component
    /// where that part starts, as in git, which hands wildmatch only this part.
    private static func compile(_ bytes: ArraySlice<UInt8>, pattern: String) throws(GlobError) -> [Element] {
        var elements: [Element] = []
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            index += 1
            switch byte {
            case UInt8(ascii: "*"):
                let start = index - 1
                while index < bytes.endIndex, bytes[index] == UInt8(ascii: "*") { index += 1 }
                let startsComponent = start == bytes.startIndex || bytes[start - 1] == UInt8(ascii: "/")
                let rest = bytes[index...]
                let slashFollows = rest.first == UInt8(ascii: "/") || rest.starts(with: [UInt8(ascii: "\\"), UInt8(ascii: "/")])
                if index - start > 1, startsComponent, rest.isEmpty || slashFollows {
                    elements += slashFollows ? [.optionalFolders, .deepRun] : [.deepRun]
                } else {
                    elements.append(.run)
                }
            case UInt8(ascii: "?"):
                elements.append(.anyByte)
            case UInt8(ascii: "\\"):
                guard index < bytes.endIndex else {
                    throw GlobError(pattern: pattern, message: "'\\' at the end; expected a character to escape")
                }
                elements.append(.literal(bytes[index]))
                index += 1
            case UInt8(ascii: "["):
                var position = index - bytes.startIndex
                elements.append(.characterClass(try GlobCharacterClass(in: Array(bytes), at: &position, pattern: pattern)))
                index = bytes.startIndex + position
            default:
                elements.append(.literal(byte))
            }
        }
        return elements
    }
}
