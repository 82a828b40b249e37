import QuillKit

/// The pieces of text every format of `quill drift` shows, worded once.
enum DriftCells {
    /// `passed: no limit crossed`, `failed: 2 of 5 limits crossed (oov_rate, word_jsd)`.
    static func outcome(_ report: DriftReport) -> String {
        let crossed = report.checks.filter(\.crossed)
        guard !crossed.isEmpty else {
            return report.checks.isEmpty ? "passed: no limit configured" : "passed: no limit crossed (\(DiffCells.count(report.checks.count, "limit")) checked)"
        }
        return "failed: \(crossed.count) of \(DiffCells.count(report.checks.count, "limit")) crossed (\(crossed.map(\.key).joined(separator: ", ")))"
    }

    /// `120 documents, 2,400 words (610 distinct), 180 sentences`.
    static func side(_ side: DriftReport.Side) -> String {
        "\(DiffCells.count(side.documents, "document")), \(DiffCells.count(side.words, "word")) (\(side.vocabulary) distinct), "
            + DiffCells.count(side.sentences, "sentence")
    }

    /// The check's row: key, value, limit, result.
    static func check(_ check: DriftCheck) -> [String] {
        [check.key, check.value.map(ScoreFormat.short) ?? "—", ScoreFormat.short(check.limit), check.crossed ? "crossed" : "within", check.rule]
    }

    /// `12.5%`.
    static func percent(_ share: Double) -> String {
        ScoreFormat.short(share * 100) + "%"
    }

    /// `23.4% of B's words are not in A (812 new distinct words, 455 vanished); JSD 0.3123 bits`.
    static func vocabulary(_ drift: VocabularyDrift) -> String {
        "\(percent(drift.oovRate)) of B's words are not in A (\(drift.newWordTypes) new distinct words, \(drift.vanishedWordTypes) vanished); "
            + "Jensen–Shannon divergence \(ScoreFormat.short(drift.divergence)) bits"
    }

    /// `bigrams`, `trigrams`.
    static func order(_ drift: NGramDrift) -> String {
        drift.order == 2 ? "bigrams" : drift.order == 3 ? "trigrams" : "\(drift.order)-grams"
    }

    /// `Jensen–Shannon divergence 0.51 bits (A 12000 distinct, B 13000)`.
    static func ngrams(_ drift: NGramDrift) -> String {
        let divergence = drift.divergence.map { "Jensen–Shannon divergence \(ScoreFormat.short($0)) bits" } ?? "Jensen–Shannon divergence undefined (a side has none)"
        return "\(divergence) (A \(drift.distinctA) distinct, B \(drift.distinctB))"
    }

    /// An n-gram's row: its words, counts and shares on both sides.
    static func change(_ change: NGramChange) -> [String] {
        [change.words.joined(separator: " "), String(change.countA), String(change.countB), percent(change.shareA), percent(change.shareB)]
    }

    /// A side's sentence lengths: count, mean, median, p90.
    static func lengths(_ summary: LengthSummary) -> [String] {
        [String(summary.count), ScoreFormat.short(summary.mean), ScoreFormat.short(summary.median), ScoreFormat.short(summary.p90)]
    }

    /// `Kolmogorov–Smirnov D = 0.31, p < 0.0001 (asymptotic)`.
    static func test(_ test: KolmogorovSmirnovTest) -> String {
        "Kolmogorov–Smirnov D = \(ScoreFormat.short(test.statistic)), \(DiffCells.pValue(test.pValue)) (\(test.method.rawValue))"
    }
}
