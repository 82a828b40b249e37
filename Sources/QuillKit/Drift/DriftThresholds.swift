import Yams

/// The limits past which `quill drift` fails (exit 1), from the `drift:` mapping of `quill.yaml`;
/// a limit set to `null` is off. The defaults pass two samples of one corpus and flag a corpus of
/// another kind (see docs/drift.md for how they were chosen).
public struct DriftThresholds: Codable, Sendable, Equatable {
    /// The largest share of B's words that A never uses.
    public var oovRate: Double? = 0.10
    /// The largest Jensen–Shannon divergence (bits) of the word distributions.
    public var wordDivergence: Double? = 0.10
    /// The largest Jensen–Shannon divergence (bits) of the bigram distributions.
    public var bigramDivergence: Double? = 0.30
    /// The largest Jensen–Shannon divergence (bits) of the trigram distributions.
    public var trigramDivergence: Double?
    /// The largest Kolmogorov–Smirnov statistic of the sentence lengths…
    public var sentenceLengthStatistic: Double? = 0.10
    /// …counted as crossed only when the test's p-value is also below this.
    public var sentenceLengthPValue: Double = 0.01

    public init() {}

    /// The keys of the `drift:` mapping, in the order of the fields above.
    static let keys = ["oov_rate", "word_jsd", "bigram_jsd", "trigram_jsd", "sentence_ks", "sentence_p"]

    /// Reads the `drift:` mapping of `quill.yaml`; keys it does not give keep their defaults.
    static func read(_ node: Node, position: (Node) -> SourcePosition) throws(SourceIssue) -> DriftThresholds {
        var thresholds = DriftThresholds()
        if case .scalar = node, YAMLSource.value(of: node).isNull { return thresholds }
        guard case .mapping(let mapping) = node else {
            throw SourceIssue(position(node), "'drift' is \(YAMLSource.kindDescription(of: node)); expected a mapping with keys \(keys.joined(separator: ", "))")
        }
        for (keyNode, value) in mapping {
            let key = YAMLSource.keyText(keyNode)
            guard keys.contains(key) else {
                throw SourceIssue(position(keyNode), "unknown key '\(key)' in 'drift'; expected one of \(keys.joined(separator: ", "))")
            }
            let scalar = YAMLSource.value(of: value)
            if scalar.isNull, key != "sentence_p" {
                thresholds.set(key, nil)
                continue
            }
            guard let number = scalar.doubleValue, number.isFinite, number >= 0 else {
                let expected = key == "sentence_p" ? "a number between 0 and 1" : "a number of at least 0, or null to turn it off"
                throw SourceIssue(position(value), "'drift.\(key)' is \(YAMLSource.kindDescription(of: value)); expected \(expected)")
            }
            thresholds.set(key, number)
        }
        return thresholds
    }

    /// Sets the limit `key` names (one of `keys`).
    private mutating func set(_ key: String, _ value: Double?) {
        switch key {
        case "oov_rate": oovRate = value
        case "word_jsd": wordDivergence = value
        case "bigram_jsd": bigramDivergence = value
        case "trigram_jsd": trigramDivergence = value
        case "sentence_ks": sentenceLengthStatistic = value
        default: sentenceLengthPValue = value ?? sentenceLengthPValue
        }
    }
}
