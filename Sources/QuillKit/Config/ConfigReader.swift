import Yams

/// Turns a composed `quill.yaml` into a ``QuillConfig``, naming the position of anything unexpected.
enum ConfigReader {
    /// Reads the root node of the document.
    static func read(_ root: Node) throws(SourceIssue) -> QuillConfig {
        let expectedKeys = "expected one of \(QuillConfig.keys.joined(separator: ", "))"
        guard case .mapping(let mapping) = root else {
            if case .scalar = root, YAMLSource.value(of: root).isNull { return QuillConfig() }
            throw issue(at: root, "the configuration is \(kind(root)); expected a mapping with keys \(QuillConfig.keys.joined(separator: ", "))")
        }
        var config = QuillConfig()
        var labelNodes = [(policy: LabelPolicy, nodes: [Node])]()
        for (keyNode, value) in mapping {
            let key = YAMLSource.keyText(keyNode)
            switch key {
            case "prompts": config.prompts = try prompts(value)
            case "metrics": config.metrics = try metrics(value)
            case "notes":
                guard let flag = YAMLSource.value(of: value).boolValue else {
                    throw issue(at: value, "'notes' is \(kind(value)); expected true or false")
                }
                config.notes = flag
            case "labels": labelNodes = try labels(value)
            case "drift": config.drift = try DriftThresholds.read(value) { YAMLSource.position(of: $0, firstLine: 1) }
            case "formats": config.formats = try formats(value)
            default:
                throw issue(at: keyNode, "unknown key '\(key)'; \(expectedKeys)")
            }
        }
        for (policy, nodes) in labelNodes {
            for (metric, node) in zip(policy.require, nodes) where config.metrics.first(where: { $0.name == metric })?.min == nil {
                throw issue(at: node, "label '\(policy.label)' requires metric '\(metric)', which 'metrics' does not declare with a 'min'; expected a metric with a min")
            }
        }
        config.labels = labelNodes.map(\.policy)
        return config
    }

    /// A mapping from label name to `{require: [metric, …]}`, with the node of each required metric.
    private static func labels(_ node: Node) throws(SourceIssue) -> [(policy: LabelPolicy, nodes: [Node])] {
        if case .scalar = node, YAMLSource.value(of: node).isNull { return [] }
        guard case .mapping(let mapping) = node else {
            throw issue(at: node, "'labels' is \(kind(node)); expected a mapping from label name to {require: [metric, …]}")
        }
        return try mapping.map { pair throws(SourceIssue) in
            let label = YAMLSource.keyText(pair.key)
            guard LabelName.isValid(label) else {
                throw issue(at: pair.key, "label name \(LabelName.quoted(label)) is not valid; expected one git reference component such as 'production'")
            }
            guard case .mapping(let fields) = pair.value else {
                throw issue(at: pair.value, "label '\(label)' is \(kind(pair.value)); expected a mapping with 'require'")
            }
            var nodes = [Node]()
            for (fieldKey, value) in fields {
                guard YAMLSource.keyText(fieldKey) == "require" else {
                    throw issue(at: fieldKey, "unknown key '\(YAMLSource.keyText(fieldKey))' in label '\(label)'; expected 'require'")
                }
                switch value {
                case .scalar: nodes = [value]
                case .sequence(let sequence): nodes = Array(sequence)
                default: throw issue(at: value, "'require' of label '\(label)' is \(kind(value)); expected a list of metric names")
                }
            }
            let names = try nodes.map { item throws(SourceIssue) in
                guard case .scalar(let scalar) = item, !YAMLSource.value(of: item).isNull else {
                    throw issue(at: item, "a 'require' entry of label '\(label)' is \(kind(item)); expected a metric name")
                }
                return scalar.string
            }
            return (LabelPolicy(label: label, require: names), nodes)
        }
    }

    static func issue(at node: Node, _ message: String) -> SourceIssue {
        SourceIssue(YAMLSource.position(of: node, firstLine: 1), message)
    }

    static func kind(_ node: Node) -> String {
        YAMLSource.kindDescription(of: node)
    }

    /// One glob or a list of globs, each a string, relative to the repository's root, and checked to compile.
    private static func prompts(_ node: Node) throws(SourceIssue) -> [Glob] {
        let items: [Node]
        switch node {
        case .scalar: items = [node]
        case .sequence(let sequence): items = Array(sequence)
        default: throw issue(at: node, "'prompts' is \(kind(node)); expected a glob or a list of globs")
        }
        return try items.map { item throws(SourceIssue) in try checkedGlob(item, field: "prompts") }
    }

    /// A glob of `field` (`prompts`, `formats`): a string relative to the repository's root that compiles.
    static func checkedGlob(_ item: Node, field: String) throws(SourceIssue) -> Glob {
        guard case .scalar(let scalar) = item, case .string = YAMLSource.value(of: item) else {
            throw issue(at: item, "a '\(field)' entry is \(kind(item)); expected a glob such as \"prompts/**\"")
        }
        if scalar.string.hasPrefix("/") {
            throw issue(at: item, "prompt glob '\(scalar.string)' is an absolute path; expected a glob relative to the repository's root, such as \"prompts/**\"")
        }
        if scalar.string.split(separator: "/").contains("..") {
            throw issue(at: item, "prompt glob '\(scalar.string)' leaves the repository ('..'); expected a glob relative to the repository's root, such as \"prompts/**\"")
        }
        do throws(GlobError) {
            return try Glob(scalar.string)
        } catch {
            throw issue(at: item, error.description)
        }
    }

    /// A mapping from metric name to its declaration, in file order.
    private static func metrics(_ node: Node) throws(SourceIssue) -> [MetricSpec] {
        if case .scalar = node, YAMLSource.value(of: node).isNull { return [] }
        guard case .mapping(let mapping) = node else {
            throw issue(at: node, "'metrics' is \(kind(node)); expected a mapping from metric name to {direction, min, max_drop}")
        }
        return try mapping.map { pair throws(SourceIssue) in try metric(named: YAMLSource.keyText(pair.key), pair.key, pair.value) }
    }

    /// One metric: a mapping of direction and gates, or just its direction (`accuracy: higher`).
    private static func metric(named name: String, _ keyNode: Node, _ node: Node) throws(SourceIssue) -> MetricSpec {
        if case .scalar = node, let word = YAMLSource.value(of: node).stringValue {
            return MetricSpec(name: name, direction: try direction(word, of: name, at: node))
        }
        guard case .mapping(let fields) = node else {
            throw issue(at: node, "metric '\(name)' is \(kind(node)); expected a mapping with \(QuillConfig.metricKeys.joined(separator: ", "))")
        }
        var direction: MetricDirection?
        var spec = MetricSpec(name: name, direction: .higher)
        for (fieldKey, value) in fields {
            let field = YAMLSource.keyText(fieldKey)
            switch field {
            case "direction":
                guard let word = YAMLSource.value(of: value).stringValue else {
                    throw issue(at: value, "'direction' of metric '\(name)' is \(kind(value)); expected higher or lower")
                }
                direction = try self.direction(word, of: name, at: value)
            case "min":
                spec.min = try number(value, field: field, of: name)
            case "max_drop":
                let drop = try number(value, field: field, of: name)
                guard drop >= 0 else {
                    throw issue(at: value, "'max_drop' of metric '\(name)' is negative; expected a number of at least 0")
                }
                spec.maxDrop = drop
            default:
                throw issue(
                    at: fieldKey,
                    "unknown key '\(field)' in metric '\(name)'; expected one of \(QuillConfig.metricKeys.joined(separator: ", "))")
            }
        }
        guard let direction else {
            throw issue(at: keyNode, "metric '\(name)' has no 'direction'; expected higher or lower")
        }
        spec.direction = direction
        return spec
    }

    private static func direction(_ word: String, of name: String, at node: Node) throws(SourceIssue) -> MetricDirection {
        guard let direction = MetricDirection(rawValue: word) else {
            throw issue(at: node, "metric '\(name)' has direction '\(word)'; expected higher or lower")
        }
        return direction
    }

    private static func number(_ node: Node, field: String, of name: String) throws(SourceIssue) -> Double {
        guard let number = YAMLSource.value(of: node).doubleValue, number.isFinite else {
            throw issue(at: node, "'\(field)' of metric '\(name)' is \(kind(node)); expected a number")
        }
        return number
    }
}
