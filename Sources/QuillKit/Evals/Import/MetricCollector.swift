/// Gathers the numbers of a value tree as metrics, nested keys joined with '.' (`eval.accuracy`).
///
/// Booleans and nulls are never metrics and are skipped. Numbers must be finite.
struct MetricCollector {
    /// What to do with values that are not numbers.
    enum Policy {
        /// Strings and lists are errors: every leaf must be a metric.
        case strict
        /// As strict, but a list of numbers is a per-case series (DVC): case 0 takes the first value.
        case series
        /// Strings and lists are skipped: they are inputs or notes beside the metrics (JSON Lines cases).
        case lenient
    }

    /// The most values a per-case series may list: each becomes a case (about 300 bytes in memory),
    /// so a hostile file of zeros cannot take gigabytes; real suites hold thousands of cases.
    static let maximumSeries = 500_000

    /// The policy for values that are not numbers.
    let policy: Policy
    /// The metrics read so far.
    private(set) var metrics: [String: Double] = [:]
    /// The lists of numbers read so far, in file order (`.series` only).
    private(set) var series: [(name: String, values: [Double])] = []

    init(_ policy: Policy) {
        self.policy = policy
    }

    /// The metrics of an object's members, strict; a convenience for a `metrics`-style object.
    static func metrics(of node: ValueNode) throws(SourceIssue) -> [String: Double] {
        var collector = MetricCollector(.strict)
        try collector.collect(node, name: nil)
        return collector.metrics
    }

    /// Reads `node` as the metric `name`, or as the metrics under it when it is an object (`name` nil at the root).
    mutating func collect(_ node: ValueNode, name: String?) throws(SourceIssue) {
        switch node.kind {
        case .null, .bool:
            return
        case .table(let members):
            for member in members {
                try collect(member.value, name: name.map { "\($0).\(member.key)" } ?? member.key)
            }
        case .number:
            try add(try Self.finite(node, name: name ?? ""), name: name ?? "", at: node)
        case .list(let elements) where policy == .series:
            guard let name, !elements.isEmpty else { return }
            guard elements.count <= Self.maximumSeries else {
                throw SourceIssue(node.position, "metric '\(name)' lists \(elements.count) values; expected at most \(Self.maximumSeries) cases")
            }
            var values: [Double] = []
            for (index, element) in elements.enumerated() {
                values.append(try Self.finite(element, name: "\(name)[\(index)]"))
            }
            try add(nil, name: name, at: node)
            series.append((name: name, values: values))
        case .string, .list:
            guard policy == .lenient else { throw Self.notANumber(node, name: name ?? "") }
        }
    }

    private mutating func add(_ value: Double?, name: String, at node: ValueNode) throws(SourceIssue) {
        guard metrics[name] == nil, !series.contains(where: { $0.name == name }) else {
            throw SourceIssue(node.position, "metric '\(name)' appears twice; expected each metric once")
        }
        if let value { metrics[name] = value }
    }

    private static func finite(_ node: ValueNode, name: String) throws(SourceIssue) -> Double {
        guard case .number(let value, let literal) = node.kind else { throw notANumber(node, name: name) }
        // 1e400 reads as infinity and 1e-400 as zero: both are out of a double's range, so both are refused.
        let mantissa = literal.prefix { $0 != "e" && $0 != "E" }
        let overflows = !value.isFinite && mantissa.contains(where: \.isNumber)
        guard !overflows, value != 0 || !mantissa.contains(where: { ("1"..."9").contains($0) }) else {
            throw SourceIssue(node.position, "metric '\(name)' is '\(literal)', out of the range of a double; expected 0 or a magnitude between 5e-324 and 1.8e308")
        }
        guard value.isFinite else {
            throw SourceIssue(node.position, "metric '\(name)' is '\(literal)', not a finite number; expected a number")
        }
        return value
    }

    private static func notANumber(_ node: ValueNode, name: String) -> SourceIssue {
        SourceIssue(node.position, "metric '\(name)' is \(node.kindDescription); expected a number")
    }
}
