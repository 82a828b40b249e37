/// What the drift statistics need of one text collection: word counts, the words in reading order
/// (for n-grams), and the length of every sentence in words. Built by `CorpusProfiler`.
struct CorpusProfile {
    /// Occurrences of each word, indexed by its `Vocabulary` id (shorter than the vocabulary when
    /// the last words interned belong to the other side).
    var wordCounts = [Int]()
    /// The ids of the side's words in reading order, each sentence followed by `sentenceEnd`.
    var stream = [Int32]()
    /// Words per sentence, in reading order; sentences without a word are not counted.
    var sentenceLengths = [Int]()
    /// How many documents were read.
    var documentCount = 0
    /// How many words were read.
    var wordCount = 0

    /// The mark that ends a sentence in `stream`.
    static let sentenceEnd: Int32 = -1

    /// Occurrences of the word with `id`.
    func count(of id: Int32) -> Int {
        Int(id) < wordCounts.count ? wordCounts[Int(id)] : 0
    }
}
