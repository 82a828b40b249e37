import Foundation

/// Compares the profiles of two collections read over one vocabulary and judges the result by
/// the configured limits.
struct DriftAnalysis {
    let vocabulary: Vocabulary
    let a: CorpusProfile
    let b: CorpusProfile
    /// How many words and n-grams each list shows.
    let top: Int

    /// The report, with `names` as the users named the sides. Complexity: O(V + N₂ + N₃ + S log S)
    /// for V words, N n-grams and S sentences.
    func report(names: (String, String), thresholds: DriftThresholds) -> DriftReport {
        let vocabulary = vocabularyDrift()
        let ngrams = [ngramDrift(order: 2, a.bigramCounts, b.bigramCounts), ngramDrift(order: 3, a.trigramCounts, b.trigramCounts)]
        let sentences = SentenceLengthDrift(
            a: LengthSummary(a.sentenceLengths), b: LengthSummary(b.sentenceLengths),
            test: KolmogorovSmirnovTest(a.sentenceLengths, b.sentenceLengths))
        return DriftReport(
            a: side(names.0, a), b: side(names.1, b), vocabulary: vocabulary, ngrams: ngrams, sentenceLengths: sentences,
            checks: Self.checks(vocabulary: vocabulary, ngrams: ngrams, sentences: sentences, thresholds: thresholds))
    }

    private func side(_ name: String, _ profile: CorpusProfile) -> DriftReport.Side {
        DriftReport.Side(
            name: name, documents: profile.documentCount, words: profile.wordCount,
            vocabulary: profile.wordCounts.lazy.filter { $0 > 0 }.count, sentences: profile.sentenceLengths.count)
    }

    private func vocabularyDrift() -> VocabularyDrift {
        let byCount: (WordCount, WordCount) -> Bool = { ($0.count, $1.word) > ($1.count, $0.word) }
        var newWords = TopList(capacity: top, ranksBefore: byCount)
        var vanishedWords = TopList(capacity: top, ranksBefore: byCount)
        var unseen = 0
        var newTypes = 0
        var vanishedTypes = 0
        var divergence = JensenShannon(totals: (a.wordCount, b.wordCount))
        for id in 0..<Int32(vocabulary.count) {
            let (countA, countB) = (a.count(of: id), b.count(of: id))
            divergence.add(countA, countB)
            if countA == 0, countB > 0 {
                unseen += countB
                newTypes += 1
                newWords.offer(WordCount(word: vocabulary[id], count: countB))
            } else if countB == 0, countA > 0 {
                vanishedTypes += 1
                vanishedWords.offer(WordCount(word: vocabulary[id], count: countA))
            }
        }
        return VocabularyDrift(
            oovRate: b.wordCount == 0 ? 0 : Double(unseen) / Double(b.wordCount), newWordTypes: newTypes, vanishedWordTypes: vanishedTypes,
            divergence: divergence.divergence ?? 0, newWords: newWords.items,
            vanishedWords: vanishedWords.items)
    }

    private func ngramDrift(order: Int, _ countsA: [NGram: Int], _ countsB: [NGram: Int]) -> NGramDrift {
        let totalA = countsA.values.reduce(0, +)
        let totalB = countsB.values.reduce(0, +)
        var divergence = JensenShannon(totals: (totalA, totalB))
        typealias Entry = (key: NGram, countA: Int, countB: Int, change: Double)
        let share = { (count: Int, total: Int) in total == 0 ? 0 : Double(count) / Double(total) }
        var rose = TopList<Entry>(capacity: top) { ($0.change, $0.countB, $1.key.head, $1.key.tail) > ($1.change, $1.countB, $0.key.head, $0.key.tail) }
        var fell = TopList<Entry>(capacity: top) { (-$0.change, $0.countA, $1.key.head, $1.key.tail) > (-$1.change, $1.countA, $0.key.head, $0.key.tail) }
        func offer(_ key: NGram, _ countA: Int, _ countB: Int) {
            divergence.add(countA, countB)
            let change = share(countB, totalB) - share(countA, totalA)
            if change > 0 { rose.offer((key, countA, countB, change)) }
            if change < 0 { fell.offer((key, countA, countB, change)) }
        }
        for (key, countA) in countsA { offer(key, countA, countsB[key] ?? 0) }
        for (key, countB) in countsB where countsA[key] == nil { offer(key, 0, countB) }
        let change = { (entry: Entry) in
            NGramChange(
                words: entry.key.ids.map { vocabulary[$0] }, countA: entry.countA, countB: entry.countB, shareA: share(entry.countA, totalA),
                shareB: share(entry.countB, totalB))
        }
        return NGramDrift(
            order: order, distinctA: countsA.count, distinctB: countsB.count, divergence: divergence.divergence, rose: rose.items.map(change),
            fell: fell.items.map(change))
    }
}
