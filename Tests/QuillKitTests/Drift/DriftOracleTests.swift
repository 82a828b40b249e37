import Foundation
import Testing
import TestSupport

@testable import QuillKit

/// Quill's drift statistics against SciPy's, as `Fixtures/drift/scipy_oracle.py` computed them
/// (scipy.spatial.distance.jensenshannon squared, scipy.stats.ks_2samp with method='auto') and
/// committed in `Fixtures/drift/expected.json`.
@Suite("drift statistics agree with SciPy")
struct DriftOracleTests {
    struct Expected: Decodable {
        struct Test: Decodable {
            let statistic: Double
            let pValue: Double
            let method: String
        }

        struct Pair: Decodable {
            let name: String
            let wordsA, wordsB, vocabularyA, vocabularyB, sentencesA, sentencesB: Int
            let oovRate, wordDivergence, bigramDivergence, trigramDivergence: Double
            let meanA, medianA, p90A, meanB, medianB, p90B: Double
            let ks: Test
        }

        struct Case: Decodable {
            let name: String
            let a: [String: Int]
            let b: [String: Int]
            let statistic: Double
            let pValue: Double
            let method: String
        }

        let pairs: [Pair]
        let ksCases: [Case]
    }

    static let expected: Expected = try! JSONDecoder().decode(Expected.self, from: Fixtures.data("drift/expected.json"))

    /// Whether `actual` is within `relative` of `expected`, or within 1e-15 of it when both are tiny.
    static func close(_ actual: Double?, _ expected: Double, relative: Double = 1e-9) -> Bool {
        guard let actual else { return false }
        return abs(actual - expected) <= max(relative * abs(expected), 1e-15)
    }

    @Test("each corpus pair: counts, OOV rate, word/bigram/trigram JSD, sentence lengths and KS as SciPy computes them",
        arguments: expected.pairs.map(\.name))
    func corpusPair(_ name: String) throws {
        let pair = try #require(Self.expected.pairs.first { $0.name == name })
        let repository = try TestRepository()
        let folder = Fixtures.root.appendingPathComponent("drift").path
        let report = try Workspace.open(from: repository.path).drift(DriftRequest(a: "\(folder)/\(name)-a.jsonl", b: "\(folder)/\(name)-b.jsonl"))
        let counts: [Int] = [report.a.words, report.b.words, report.a.vocabulary, report.b.vocabulary, report.a.sentences, report.b.sentences]
        let expectedCounts: [Int] = [pair.wordsA, pair.wordsB, pair.vocabularyA, pair.vocabularyB, pair.sentencesA, pair.sentencesB]
        #expect(counts == expectedCounts)
        #expect(Self.close(report.vocabulary.oovRate, pair.oovRate))
        #expect(Self.close(report.vocabulary.divergence, pair.wordDivergence))
        #expect(Self.close(report.ngrams[0].divergence, pair.bigramDivergence))
        #expect(Self.close(report.ngrams[1].divergence, pair.trigramDivergence))
        let lengths = report.sentenceLengths
        #expect([lengths.a.mean, lengths.a.median, lengths.a.p90, lengths.b.mean, lengths.b.median, lengths.b.p90]
            .elementsEqual([pair.meanA, pair.medianA, pair.p90A, pair.meanB, pair.medianB, pair.p90B]) { Self.close($0, $1) })
        #expect(Self.close(lengths.test.statistic, pair.ks.statistic, relative: 1e-12))
        #expect(Self.close(lengths.test.pValue, pair.ks.pValue, relative: 1e-7))
        #expect(lengths.test.method.rawValue == String(pair.ks.method))
    }

    @Test("the default limits pass the identical and the mildly different pair and flag the clearly different ones")
    func defaultLimits() throws {
        let repository = try TestRepository()
        let workspace = try Workspace.open(from: repository.path)
        let folder = Fixtures.root.appendingPathComponent("drift").path
        let crossed = try ["identical", "mild", "clear", "scripts"].map { name in
            try workspace.drift(DriftRequest(a: "\(folder)/\(name)-a.jsonl", b: "\(folder)/\(name)-b.jsonl")).crossed
        }
        #expect(crossed == [false, false, true, true])
    }

    @Test("synthetic sentence lengths reach every branch of ks_2samp's p-value and agree with it", arguments: expected.ksCases.map(\.name))
    func kolmogorovSmirnov(_ name: String) throws {
        let sample = try #require(Self.expected.ksCases.first { $0.name == name })
        let expand = { (histogram: [String: Int]) in histogram.flatMap { Array(repeating: Int($0.key)!, count: $0.value) }.shuffled() }
        let test = KolmogorovSmirnovTest(expand(sample.a), expand(sample.b))
        #expect(Self.close(test.statistic, sample.statistic, relative: 1e-12))
        #expect(Self.close(test.pValue, sample.pValue, relative: 1e-7), "p = \(test.pValue), SciPy \(sample.pValue)")
        #expect(test.method.rawValue == String(sample.method))
    }
}
