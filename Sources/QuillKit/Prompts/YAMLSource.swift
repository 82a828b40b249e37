import Foundation
import Yams

/// YAML read through Yams' composer, so every node keeps its position in the file.
enum YAMLSource {
    /// Composes `yaml`, which starts on line `firstLine` of its file, into a node tree; nil for an empty document.
    static func compose(_ yaml: String, firstLine: Int = 1) throws(SourceIssue) -> Node? {
        do {
            return try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            throw issue(for: error, in: yaml, firstLine: firstLine)
        } catch {
            throw SourceIssue(line: firstLine, column: 1, "invalid YAML: \(error)")
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
