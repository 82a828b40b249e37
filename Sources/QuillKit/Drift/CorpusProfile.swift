/// What the drift statistics need of one text collection: word, bigram and trigram counts, and the
/// length of every sentence in words. N-grams never cross a sentence boundary. Built by `CorpusProfiler`.
struct CorpusProfile {
    /// Occurrences of each word, indexed by its `Vocabulary` id (shorter than the vocabulary when
    /// the last words interned belong to the other side).
    var wordCounts = [Int]()
    var bigramCounts = [NGram: Int]()
    var trigramCounts = [NGram: Int]()
    /// Words per sentence, in reading order; sentences without a word are not counted.
    var sentenceLengths = [Int]()
    /// How many documents were read.
    var documentCount = 0
    /// How many words were read.
    var wordCount = 0

    /// Occurrences of the word with `id`.
    func count(of id: Int32) -> Int {
        Int(id) < wordCounts.count ? wordCounts[Int(id)] : 0
    }
}
