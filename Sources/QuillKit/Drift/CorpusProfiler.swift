/// Builds the profiles of the two sides of a comparison, one after the other, over one shared
/// `Vocabulary`.
struct CorpusProfiler: TokenSink {
    private(set) var vocabulary = Vocabulary()
    /// The profile of the side being read.
    private(set) var profile = CorpusProfile()
    /// The ids of the current sentence's last two words (`previous` the latest), -1 when absent.
    private var previous: Int32 = -1
    private var beforePrevious: Int32 = -1
    private var sentenceLength = 0

    /// Adds one document to the current side. Complexity: O(n) in its bytes.
    mutating func add(_ document: String) {
        TextScanner.scan(document, into: &self)
        profile.documentCount += 1
    }

    /// The current side's profile; the profiler starts an empty one, keeping the vocabulary.
    mutating func finishSide() -> CorpusProfile {
        defer { profile = CorpusProfile() }
        return profile
    }

    mutating func word(_ text: String) {
        let id = vocabulary.id(of: text)
        if Int(id) >= profile.wordCounts.count {
            profile.wordCounts.append(contentsOf: repeatElement(0, count: Int(id) + 1 - profile.wordCounts.count))
        }
        profile.wordCounts[Int(id)] += 1
        profile.wordCount += 1
        if previous >= 0 {
            profile.bigramCounts[NGram(previous, id), default: 0] += 1
            if beforePrevious >= 0 { profile.trigramCounts[NGram(beforePrevious, previous, id), default: 0] += 1 }
        }
        beforePrevious = previous
        previous = id
        sentenceLength += 1
    }

    mutating func endSentence() {
        if sentenceLength > 0 { profile.sentenceLengths.append(sentenceLength) }
        sentenceLength = 0
        previous = -1
        beforePrevious = -1
    }
}
