/// Builds the profiles of the two sides of a comparison, one after the other, over one shared
/// `Vocabulary`.
struct CorpusProfiler: TokenSink {
    private(set) var vocabulary = Vocabulary()
    /// The profile of the side being read.
    private(set) var profile = CorpusProfile()
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
        profile.stream.append(id)
        sentenceLength += 1
    }

    mutating func endSentence() {
        guard sentenceLength > 0 else { return }
        profile.sentenceLengths.append(sentenceLength)
        profile.stream.append(CorpusProfile.sentenceEnd)
        sentenceLength = 0
    }
}
