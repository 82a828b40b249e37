import Foundation
import Yams

/// YAML read through Yams' composer, so every node keeps its position in the file.
///
/// Bounds: libyaml refuses nesting deeper than ``maximumDepth`` levels, and a document may expand
/// through aliases to at most one value per byte of its text plus ``aliasAllowance`` values, so an
/// alias bomb (each level repeating the one below) is refused before any value tree is built from it.
/// A document with aliases may not use an alias, or a collection, as a mapping key: Yams hashes every
/// key to find duplicates, so a key repeating an alias bomb would take exponential time to compose.
enum YAMLSource {
    /// The deepest nesting libyaml (as Yams builds it) accepts.
    static let maximumDepth = 1_000
    /// How many values aliases may add beyond one per byte of the document's text.
    static let aliasAllowance = 100_000

    /// Composes `yaml`, which starts on line `firstLine` of its file, into a node tree; nil for an empty document.
    static func compose(_ yaml: String, firstLine: Int = 1) throws(SourceIssue) -> Node? {
        try checkKeys(yaml, firstLine: firstLine)
        let node: Node?
        do {
            node = try composeTyped(yaml)
        } catch let error as YamlError {
            throw issue(for: error, in: yaml, firstLine: firstLine)
        } catch {
            throw SourceIssue(line: firstLine, column: 1, "invalid YAML: \(error)")
        }
        if let node { try checkExpansion(of: node, limit: yaml.utf8.count + aliasAllowance, firstLine: firstLine) }
        return node
    }

    /// Composes `yaml` with its scalars typed as Yams' default resolver types them.
    ///
    /// That resolver matches every plain scalar against regular expressions, whose first use loads ICU
    /// (about 3 ms and 4 MB, more than reading a small `quill.yaml` costs otherwise). Text that cannot
    /// hold an explicit tag or an alias is composed untyped instead and typed by ``YAMLCoreSchema``.
    /// Untyped, Yams' duplicate-key check takes `1` and `"1"` for the same key: when it reports a
    /// duplicate, the typed composition decides, so the answer and the message stay Yams' own.
    private static func composeTyped(_ yaml: String) throws -> Node? {
        guard !mayHoldTagOrAlias(yaml) else { return try Yams.compose(yaml: yaml) }
        do {
            guard var node = try Yams.compose(yaml: yaml, .basic) else { return nil }
            YAMLCoreSchema.stampTags(&node)
            return node
        } catch YamlError.duplicatedKeysInMapping {
            return try Yams.compose(yaml: yaml)
        }
    }

    /// Whether `yaml` may hold an explicit tag (a `!` that does not follow a letter or digit, as every
    /// tag's does) or an alias, under which composed nodes share subtrees.
    private static func mayHoldTagOrAlias(_ yaml: String) -> Bool {
        var previous = UInt8(ascii: " ")
        for byte in yaml.utf8 {
            if byte == UInt8(ascii: "!") && !isASCIILetterOrDigit(previous) { return true }
            previous = byte
        }
        return mayHoldAlias(yaml)
    }

    /// Whether `yaml` may hold an alias: a `*` that starts a line or follows white space (any
    /// non-ASCII character counts as such) or a flow or block indicator, followed by an anchor's
    /// character. Every text the `alias` pattern matches passes, and most others are told apart
    /// without compiling it (a glob's `prompts/**` does not pass).
    private static func mayHoldAlias(_ yaml: String) -> Bool {
        var previous = UInt8(ascii: "\n")
        var starts = false
        for byte in yaml.utf8 {
            if starts && isAnchorCharacter(byte) { return true }
            starts = byte == UInt8(ascii: "*") && (previous >= 0x80 || " \t\n\r\u{0B}\u{0C}[{,?:-".utf8.contains(previous))
            previous = byte
        }
        return false
    }

    /// A character of an anchor's name as libyaml reads it: an ASCII letter or digit, `_` or `-`.
    private static func isAnchorCharacter(_ byte: UInt8) -> Bool {
        isASCIILetterOrDigit(byte) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
    }

    private static func isASCIILetterOrDigit(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"): true
        default: false
        }
    }

    /// An alias (`*name`), anywhere a node may start.
    private nonisolated(unsafe) static let alias = /(?m)(?:^|[\s\[{,?:-])\*[A-Za-z0-9_-]/
    /// A key that is an alias, an explicit key (`? `), or a flow collection followed by `:`.
    private nonisolated(unsafe) static let largeKey =
        /(?m)(?:(?:^|[\s\[{,?])\*[A-Za-z0-9_-]+|[\]}])[ \t]*:(?:[\s,\]}]|$)|(?:^|[ \t])\?(?:\s|$)/

    /// Refuses an alias or collection used as a mapping key in a document that has aliases.
    ///
    /// The text is scanned first. Where it shows such a key, the document is composed once more with
    /// every `*` read as U+E000 (each alias becomes a plain scalar in the same place, so nothing
    /// expands and the keys hash in linear time), and only a key found there at an alias's place, or
    /// a collection key, is refused: text inside block or quoted scalars that merely looks like a key
    /// (`Submission {{n}}:`) passes. A document that does not compose that way is refused at the
    /// first key the text shows.
    private static func checkKeys(_ yaml: String, firstLine: Int) throws(SourceIssue) {
        guard mayHoldAlias(yaml), yaml.contains(alias), let key = yaml.firstMatch(of: largeKey) else { return }
        var position = SourceText(yaml).position(at: {
            let separators = key.output.prefix { $0.isWhitespace || "[{,".contains($0) }
            return yaml.utf8.distance(from: yaml.startIndex, to: key.range.lowerBound) + separators.utf8.count
        }())
        var inert = String.UnicodeScalarView()
        inert.append(contentsOf: yaml.unicodeScalars.lazy.map { $0 == "*" ? inertAlias : $0 })
        if let root = try? Yams.compose(yaml: String(inert)) {
            guard let mark = firstLargeKey(in: root)?.mark else { return }
            position = SourcePosition(line: mark.line, column: mark.column)
        }
        throw SourceIssue(
            line: position.line + firstLine - 1, column: position.column,
            "a mapping key that is an alias or a collection, in YAML with aliases; expected plain keys where aliases are used")
    }

    /// What `checkKeys` reads each `*` as: a private-use character a plain scalar may start with.
    private static let inertAlias: Unicode.Scalar = "\u{E000}"

    /// The first mapping key under `root` that is a collection or a plain scalar starting with `inertAlias`.
    private static func firstLargeKey(in root: Node) -> Node? {
        var pending = [root]
        while let node = pending.popLast() {
            switch node {
            case .mapping(let mapping):
                for pair in mapping {
                    if case .scalar(let scalar) = pair.key, scalar.style != .plain || scalar.string.unicodeScalars.first != inertAlias { continue }
                    return pair.key
                }
                pending.append(contentsOf: mapping.reversed().map(\.value))
            case .sequence(let sequence): pending.append(contentsOf: sequence.reversed())
            case .scalar, .alias: break
            }
        }
        return nil
    }

    /// Counts the values `root` expands to, aliases repeated, and stops at the first past `limit`,
    /// naming where the alias that repeats it is used. A node an alias repeats keeps its anchor's
    /// position, which lies before its parent's: such a node is placed at its parent's place of use.
    ///
    /// Complexity: O(min(expanded values, limit)).
    private static func checkExpansion(of root: Node, limit: Int, firstLine: Int) throws(SourceIssue) {
        func place(_ node: Node) -> (line: Int, column: Int) { (node.mark?.line ?? 0, node.mark?.column ?? 0) }
        var count = 0
        var pending = [(node: root, usedAt: place(root))]
        while let (node, usedAt) = pending.popLast() {
            count += 1
            guard count <= limit else {
                throw SourceIssue(
                    line: usedAt.line + firstLine - 1, column: usedAt.column,
                    "YAML aliases expand to more than \(limit) values; expected at most one value per byte plus \(aliasAllowance) (an alias bomb?)")
            }
            let children: [Node] = switch node {
            case .sequence(let sequence): Array(sequence)
            case .mapping(let mapping): mapping.flatMap { [$0.key, $0.value] }
            case .scalar, .alias: []
            }
            pending.append(contentsOf: children.map { ($0, place($0) < usedAt ? usedAt : place($0)) })
        }
    }

    /// The position of `node` in its file, given the line its YAML text starts on.
    static func position(of node: Node, firstLine: Int) -> SourcePosition {
        guard let mark = node.mark else { return SourcePosition(line: firstLine, column: 1) }
        return SourcePosition(line: mark.line + firstLine - 1, column: mark.column)
    }

    /// The value tree of `node`: scalars typed by YAML's core resolution, quoted scalars kept as strings.
    static func value(of node: Node) -> YAMLValue {
        switch node {
        case .scalar(let scalar):
            switch Tag.Name(rawValue: node.tag.rawValue) {
            case .null: return .null
            case .bool: return node.bool.map(YAMLValue.bool) ?? .string(scalar.string)
            case .int: return node.int.map(YAMLValue.int) ?? .string(scalar.string)
            case .float: return node.float.map(YAMLValue.double) ?? .string(scalar.string)
            default: return .string(scalar.string)
            }
        case .sequence(let sequence):
            return .array(sequence.map(value(of:)))
        case .mapping(let mapping):
            return .mapping(mapping.map { (key: keyText($0.key), value: value(of: $0.value)) })
        case .alias:
            return .null
        }
    }

    /// The text of a mapping key; a key that is itself a collection is written back as YAML.
    static func keyText(_ node: Node) -> String {
        if case .scalar(let scalar) = node { return scalar.string }
        return ((try? Yams.serialize(node: node)) ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// What kind of value `node` is, with its article, for error messages.
    static func kindDescription(of node: Node) -> String {
        value(of: node).kindDescription
    }

    private static func issue(for error: YamlError, in yaml: String, firstLine: Int) -> SourceIssue {
        func located(_ position: SourcePosition, _ message: String) -> SourceIssue {
            SourceIssue(line: position.line + firstLine - 1, column: position.column, "invalid YAML: \(message)")
        }
        func located(_ mark: Mark, _ message: String) -> SourceIssue {
            located(SourcePosition(line: mark.line, column: mark.column), message)
        }
        switch error {
        case .parser(_, let problem, let mark, _) where problem.hasPrefix("Maximum nesting level reached"):
            return located(mark, "nested deeper than \(maximumDepth) levels; expected at most \(maximumDepth)")
        case .scanner(let context, let problem, let mark, _),
             .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            let while_ = context.map { "\($0.text), " } ?? ""
            return located(mark, while_ + problem)
        case .reader(let problem, let offset, _, _):
            return located(SourceText(yaml).position(at: offset ?? 0), problem)
        case .duplicatedKeysInMapping(let duplicates, let context):
            let names = duplicates.map { "'\($0)'" }.joined(separator: ", ")
            return located(context.mark, "duplicate key \(names); expected each key once in a mapping")
        default:
            return SourceIssue(line: firstLine, column: 1, "invalid YAML: \(error)")
        }
    }
}
