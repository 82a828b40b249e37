import Foundation
import Synchronization

/// The profiles of the two sides of a comparison over one vocabulary, each side read on a thread
/// of its own: every side interns its words in a vocabulary of its own, then B's ids are mapped
/// into A's vocabulary (extended with B's new words).
struct ProfiledPair {
    let vocabulary: Vocabulary
    let a: CorpusProfile
    let b: CorpusProfile

    /// Reads both sides in parallel. The work is pure: the bytes were read from the repository beforehand.
    static func read(_ sides: [TextCollection]) throws -> ProfiledPair {
        precondition(sides.count == 2, "a pair has two sides")
        let results = Mutex([Result<CorpusProfiler, InputFileError>?](repeating: nil, count: 2))
        DispatchQueue.concurrentPerform(iterations: 2) { side in
            let result = Result { () throws(InputFileError) -> CorpusProfiler in
                var profiler = CorpusProfiler()
                try sides[side].read { profiler.add($0) }
                return profiler
            }
            results.withLock { $0[side] = result }
        }
        var profilers = try results.withLock { $0 }.map { try $0!.get() }
        var vocabulary = profilers[0].vocabulary
        let a = profilers[0].finishSide()
        let mapping = profilers[1].vocabulary.words.map { vocabulary.id(of: $0) }
        return ProfiledPair(vocabulary: vocabulary, a: a, b: profilers[1].finishSide().mapped(mapping, vocabularySize: vocabulary.count))
    }
}

extension CorpusProfile {
    /// The profile with every word id `id` replaced by `mapping[id]`.
    func mapped(_ mapping: [Int32], vocabularySize: Int) -> CorpusProfile {
        var profile = self
        profile.wordCounts = [Int](repeating: 0, count: vocabularySize)
        for (id, count) in wordCounts.enumerated() { profile.wordCounts[Int(mapping[id])] = count }
        profile.stream = stream.map { $0 == CorpusProfile.sentenceEnd ? $0 : mapping[Int($0)] }
        return profile
    }
}
