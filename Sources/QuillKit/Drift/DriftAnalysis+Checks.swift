extension DriftAnalysis {
    /// Each limit that is on, with the value measured against it.
    static func checks(
        vocabulary: VocabularyDrift, ngrams: [NGramDrift], sentences: SentenceLengthDrift, thresholds: DriftThresholds
    ) -> [DriftCheck] {
        var checks = [DriftCheck]()
        func add(_ key: String, _ value: Double?, _ limit: Double?) {
            guard let limit else { return }
            let crossed = value.map { $0 > limit } ?? false
            let rule = value.map { "\(ScoreFormat.short($0)) \(crossed ? ">" : "≤") \(ScoreFormat.short(limit))" } ?? "undefined (a side has none)"
            checks.append(DriftCheck(key: key, value: value, limit: limit, crossed: crossed, rule: rule))
        }
        add("oov_rate", vocabulary.oovRate, thresholds.oovRate)
        add("word_jsd", vocabulary.divergence, thresholds.wordDivergence)
        add("bigram_jsd", ngrams.first { $0.order == 2 }?.divergence, thresholds.bigramDivergence)
        add("trigram_jsd", ngrams.first { $0.order == 3 }?.divergence, thresholds.trigramDivergence)
        if let limit = thresholds.sentenceLengthStatistic {
            let test = sentences.test
            let pLimit = thresholds.sentenceLengthPValue
            let crossed = test.statistic > limit && test.pValue < pLimit
            let rule = "D \(ScoreFormat.short(test.statistic)) \(test.statistic > limit ? ">" : "≤") \(ScoreFormat.short(limit)), "
                + "p \(ScoreFormat.short(test.pValue)) \(test.pValue < pLimit ? "<" : "≥") \(ScoreFormat.short(pLimit))"
            checks.append(DriftCheck(key: "sentence_ks", value: test.statistic, limit: limit, crossed: crossed, rule: rule))
        }
        return checks
    }
}
