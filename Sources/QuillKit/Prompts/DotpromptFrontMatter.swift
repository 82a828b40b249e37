import Yams

/// Checks a Dotprompt front matter as the reference parser (`dotpromptz`) does: the portable YAML subset
/// (no anchors or aliases, string keys only) and the types of the fields the format defines.
enum DotpromptFrontMatter {
    /// What each recognised top-level field must be.
    private enum Shape {
        case string, stringList, mapping, mappingOfMappings
        case toolDefinitions, inputConfig, outputConfig
    }

    private static let fields: [String: Shape] = [
        "name": .string, "variant": .string, "version": .string, "description": .string, "model": .string,
        "tools": .stringList, "toolDefs": .toolDefinitions, "config": .mapping, "input": .inputConfig,
        "output": .outputConfig, "raw": .mapping, "metadata": .mapping, "ext": .mappingOfMappings,
    ]

    /// Refuses what the reference parser refuses in `mapping`, whose text starts on line `firstLine` of `source`.
    static func check(_ mapping: Node, firstLine: Int, in source: SourceText) throws(SourceIssue) {
        try checkSubset(mapping, firstLine: firstLine, in: source)
        guard case .mapping(let pairs) = mapping else { return }
        for (key, value) in pairs {
            guard let shape = fields[key.string ?? ""], !isNull(value) else { continue }
            guard conforms(value, to: shape) else {
                throw SourceIssue(
                    YAMLSource.position(of: value, firstLine: firstLine),
                    "front matter field '\(key.string ?? "")' is \(YAMLSource.kindDescription(of: value)); expected \(description(of: shape))")
            }
        }
    }

    /// No anchors, aliases or explicit tags, and every mapping key a plain string, anywhere in the tree.
    ///
    /// Yams keeps no anchors or explicit tags on the nodes it composes, but libyaml starts a node's
    /// place at its `&anchor` or `!tag`, so the text there tells.
    private static func checkSubset(_ node: Node, firstLine: Int, in source: SourceText) throws(SourceIssue) {
        var pending = [node]
        while let node = pending.popLast() {
            let position = YAMLSource.position(of: node, firstLine: firstLine)
            if case .alias = node { throw SourceIssue(position, "YAML alias in Dotprompt front matter; expected no aliases") }
            switch source.character(at: position) {
            case "&": throw SourceIssue(position, "YAML anchor in Dotprompt front matter; expected no anchors")
            case "!": throw SourceIssue(position, "explicit YAML tag in Dotprompt front matter; expected no tags")
            default: break
            }
            switch node {
            case .mapping(let pairs):
                for (key, value) in pairs {
                    guard case .scalar = key, key.tag.rawValue == Tag.Name.str.rawValue else {
                        throw SourceIssue(
                            YAMLSource.position(of: key, firstLine: firstLine),
                            "front matter key is \(YAMLSource.kindDescription(of: key)); expected a string")
                    }
                    pending.append(value)
                }
            case .sequence(let items):
                pending.append(contentsOf: items)
            case .scalar, .alias:
                break
            }
        }
    }

    private static func conforms(_ node: Node, to shape: Shape) -> Bool {
        switch shape {
        case .string:
            return isString(node)
        case .stringList:
            guard case .sequence(let items) = node else { return false }
            return items.allSatisfy(isString)
        case .mapping:
            if case .mapping = node { return true }
            return false
        case .mappingOfMappings:
            guard case .mapping(let pairs) = node else { return false }
            return pairs.allSatisfy { conforms($0.value, to: .mapping) }
        case .toolDefinitions:
            guard case .sequence(let items) = node else { return false }
            return items.allSatisfy { item in
                guard case .mapping = item, let name = item["name"], isString(name), item["inputSchema"] != nil else { return false }
                return item["description"].map { isNull($0) || isString($0) } ?? true
            }
        case .inputConfig:
            guard case .mapping = node else { return false }
            return node["default"].map { isNull($0) || conforms($0, to: .mapping) } ?? true
        case .outputConfig:
            guard case .mapping = node else { return false }
            return node["format"].map { isNull($0) || isString($0) } ?? true
        }
    }

    private static func isString(_ node: Node) -> Bool {
        if case .scalar = node { return node.tag.rawValue == Tag.Name.str.rawValue }
        return false
    }

    private static func isNull(_ node: Node) -> Bool {
        node.tag.rawValue == Tag.Name.null.rawValue
    }

    private static func description(of shape: Shape) -> String {
        switch shape {
        case .string: "a string"
        case .stringList: "a list of strings"
        case .mapping: "a mapping"
        case .mappingOfMappings: "a mapping of mappings"
        case .toolDefinitions: "a list of tool definitions, each with a string 'name' and an 'inputSchema'"
        case .inputConfig: "a mapping whose 'default' is a mapping"
        case .outputConfig: "a mapping whose 'format' is a string"
        }
    }
}
