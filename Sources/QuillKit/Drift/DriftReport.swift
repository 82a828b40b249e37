/// What `quill drift A B` found: how the text collection B differs from the baseline A in
/// vocabulary, n-gram frequencies and sentence lengths, and which configured limits it crosses.
public struct DriftReport: Codable, Sendable, Equatable {
    /// One side of the comparison.
    public struct Side: Codable, Sendable, Equatable {
        /// The collection as the user named it (`data/q.jsonl`, `v1:data/q.jsonl`).
        public let name: String
        public let documents: Int
        public let words: Int
        /// Distinct words.
        public let vocabulary: Int
        public let sentences: Int
    }

    /// The baseline.
    public let a: Side
    /// The collection compared with it.
    public let b: Side
    public let vocabulary: VocabularyDrift
    /// Bigrams, then trigrams.
    public let ngrams: [NGramDrift]
    public let sentenceLengths: SentenceLengthDrift
    /// Each configured limit with the value it was compared with.
    public let checks: [DriftCheck]

    /// Whether any limit was crossed (the command exits 1).
    public var crossed: Bool { checks.contains(where: \.crossed) }
}

/// How B's words differ from A's.
public struct VocabularyDrift: Codable, Sendable, Equatable {
    /// The share of B's words (occurrences) that A never uses.
    public let oovRate: Double
    /// How many distinct words of B A never uses.
    public let newWordTypes: Int
    /// How many distinct words of A B never uses.
    public let vanishedWordTypes: Int
    /// The Jensen–Shannon divergence of the two word distributions, in bits.
    public let divergence: Double
    /// B's most frequent words that A never uses.
    public let newWords: [WordCount]
    /// A's most frequent words that B never uses.
    public let vanishedWords: [WordCount]
}

/// A word and how often one side uses it.
public struct WordCount: Codable, Sendable, Equatable {
    public let word: String
    public let count: Int
}

/// How the frequencies of the n-grams of one order differ.
public struct NGramDrift: Codable, Sendable, Equatable {
    /// 2 for bigrams, 3 for trigrams.
    public let order: Int
    /// Distinct n-grams on each side.
    public let distinctA: Int
    public let distinctB: Int
    /// The Jensen–Shannon divergence of the two distributions in bits; nil when a side has no
    /// n-gram of this order (all its sentences are shorter).
    public let divergence: Double?
    /// The n-grams whose share of all n-grams grew most from A to B.
    public let rose: [NGramChange]
    /// The n-grams whose share fell most.
    public let fell: [NGramChange]
}

/// One n-gram's counts on both sides.
public struct NGramChange: Codable, Sendable, Equatable {
    public let words: [String]
    public let countA: Int
    public let countB: Int
    /// Its share of all n-grams of its order on each side.
    public let shareA: Double
    public let shareB: Double
}

/// How the sentence lengths (in words) differ.
public struct SentenceLengthDrift: Codable, Sendable, Equatable {
    public let a: LengthSummary
    public let b: LengthSummary
    public let test: KolmogorovSmirnovTest
}

/// One configured limit and the value held against it.
public struct DriftCheck: Codable, Sendable, Equatable {
    /// The `quill.yaml` key under `drift:` (`oov_rate`, `word_jsd`, …).
    public let key: String
    /// The measured value; nil when it is undefined (no n-gram of that order on a side).
    public let value: Double?
    public let limit: Double
    public let crossed: Bool
    /// The condition in words, such as `0.31 > 0.10`.
    public let rule: String
}
