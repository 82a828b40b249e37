import Foundation

/// Compares the profiles of two collections read over one vocabulary and judges the result by
/// the configured limits.
struct DriftAnalysis {
    let vocabulary: Vocabulary
    let a: CorpusProfile
    let b: CorpusProfile
    /// How many words and n-grams each list shows.
    let top: Int

    /// The report, with `names` as the users named the sides. Complexity: O(V + W + S log S) for V
    /// distinct words, W words and S sentences.
    func report(names: (String, String), thresholds: DriftThresholds) -> DriftReport {
        let vocabulary = vocabularyDrift()
        let ngrams = [ngramDrift(order: 2), ngramDrift(order: 3)]
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

    /// Merges the two sides' sorted n-gram counts: the divergence over every n-gram, and the ones
    /// whose share rose and fell most (ties by count, then by key, which is first-interned order).
    private func ngramDrift(order: Int) -> NGramDrift {
        let packing = NGramPacking(order: order, vocabularySize: vocabulary.count)
        let counted = NGramCounts.counted([a.stream, b.stream], packing: packing)
        let (countsA, countsB) = (counted[0], counted[1])
        let (totalA, totalB) = (countsA.total, countsB.total)
        var divergence = JensenShannon(totals: (totalA, totalB))
        typealias Entry = (key: UInt64, countA: Int, countB: Int, change: Double)
        let share = { (count: Int, total: Int) in total == 0 ? 0 : Double(count) / Double(total) }
        var rose = TopList<Entry>(capacity: top) { ($0.change, $0.countB, $1.key) > ($1.change, $1.countB, $0.key) }
        var fell = TopList<Entry>(capacity: top) { (-$0.change, $0.countA, $1.key) > (-$1.change, $1.countA, $0.key) }
        var i = 0
        var j = 0
        while i < countsA.keys.count || j < countsB.keys.count {
            let key: UInt64
            var (countA, countB) = (0, 0)
            if j == countsB.keys.count || (i < countsA.keys.count && countsA.keys[i] <= countsB.keys[j]) {
                key = countsA.keys[i]
                countA = Int(countsA.counts[i])
                i += 1
                if j < countsB.keys.count, countsB.keys[j] == key {
                    countB = Int(countsB.counts[j])
                    j += 1
                }
            } else {
                key = countsB.keys[j]
                countB = Int(countsB.counts[j])
                j += 1
            }
            divergence.add(countA, countB)
            let change = share(countB, totalB) - share(countA, totalA)
            if change > 0 { rose.offer((key, countA, countB, change)) }
            if change < 0 { fell.offer((key, countA, countB, change)) }
        }
        let clamped = vocabulary.count > Int(packing.lastID) + 1
        let change = { (entry: Entry) in
            NGramChange(
                words: packing.ids(entry.key).map { clamped && $0 == packing.lastID ? "(other)" : vocabulary[Int32($0)] },
                countA: entry.countA, countB: entry.countB, shareA: share(entry.countA, totalA), shareB: share(entry.countB, totalB))
        }
        return NGramDrift(
            order: order, distinctA: countsA.keys.count, distinctB: countsB.keys.count, divergence: divergence.divergence,
            rose: rose.items.map(change), fell: fell.items.map(change))
    }
}
