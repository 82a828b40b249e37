import Foundation
import GitKit
@testable import QuillKit
import TestSupport
import Testing

/// `log` with scores keeps each shown version's scores by the id of its score summary blob
/// (docs/storage.md, *Score cache*): the next log reads only summaries it has not seen, answers
/// exactly as a log without the cache, and never trusts a damaged file.
@Suite("log score cache")
struct ScoreCacheTests {
    /// `prompts/a.md` in four versions, three evaluated on two suites (one with a model and a
    /// manifest), one version twice so it has a deviation, and version 2 not at all.
    private func scoredRepository() throws -> TestRepository {
        let repository = try TestRepository.evaluated()
        for version in 0..<4 {
            try repository.write("prompts/a.md", "Answer {{q}} (v\(version)).\n")
            try repository.commitAll("edit \(version)")
            guard version != 2 else { continue }
            try repository.recordMetrics(#"{"accuracy": \#(0.5 + Double(version) / 10), "latency_ms": \#(100 + version)}"#)
            try repository.recordMetrics(#"{"quill": 1, "suite": "nightly", "model": "gpt-4o-mini", "manifest": "\#(String(repeating: "ab", count: 20))", "metrics": {"accuracy": \#(0.25 + Double(version) / 7)}}"#)
            if version == 1 { try repository.recordMetrics(#"{"accuracy": 0.95}"#) }
        }
        return repository
    }

    private func logJSON(_ repository: TestRepository) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: try encoder.encode(try Workspace.open(from: repository.path).log(prompt: "prompts/a.md")), as: UTF8.self)
    }

    private func cachePath(_ repository: TestRepository) throws -> String {
        try ScoreCache.path(in: repository.open(), prompt: "prompts/a.md")
    }

    @Test("a log answers the same from the cache as without it, and writes the cache only when it read what the cache did not hold")
    func sameAnswers() throws {
        let repository = try scoredRepository()
        let path = try cachePath(repository)
        let first = try logJSON(repository)
        let written = try #require(FileManager.default.contents(atPath: path))
        let cache = try #require(ScoreCache(bytes: Array(written)))
        #expect(cache.entries.count == 4 && cache.entries.values.filter { $0.summary == nil && $0.scores.isEmpty }.count == 1)
        #expect(cache.scoresTree.hex == (try repository.git("rev-parse", "refs/quill/evals:scores")))
        #expect(try logJSON(repository) == first)
        #expect(FileManager.default.contents(atPath: path) == written)
        try FileManager.default.removeItem(atPath: path)
        #expect(try logJSON(repository) == first)
        #expect(first.contains(#""suite":"nightly""#) && first.contains("standardDeviation") && first.contains("delta"))
    }

    @Test("scores come from the cache entry of a summary, and new records, which make a new summary, are read instead")
    func entriesByContent() throws {
        let repository = try scoredRepository()
        let path = try cachePath(repository)
        _ = try logJSON(repository)
        // A cache whose entries say 0.125 for every metric: a log that used it shows 0.125.
        let cache = ScoreCache.read(at: path)
        let altered = cache.entries.mapValues { entry in
            ScoreCache.Entry(summary: entry.summary, scores: entry.scores.map { score in
                VersionScore(
                    suite: score.suite, model: score.model, records: score.records,
                    metrics: score.metrics.mapValues { VersionScore.MetricValue(mean: 0.125, count: $0.count, standardDeviation: nil, delta: nil) },
                    manifests: score.manifests)
            })
        }
        CacheFile.write(ScoreCache(scoresTree: cache.scoresTree, entries: altered).encoded(), to: path)
        let versions = try Workspace.open(from: repository.path).log(prompt: "prompts/a.md").versions
        #expect(versions.filter { !$0.scores.isEmpty }.count == 3)
        #expect(versions.allSatisfy { $0.scores.allSatisfy { $0.metrics.values.allSatisfy { $0.mean == 0.125 } } })
        // A new record for the newest version changes its summary and the scores tree: its scores are
        // read from the store, and the other versions' entries, whose summaries did not change, are kept.
        try repository.recordMetrics(#"{"accuracy": 0.75}"#)
        let after = try Workspace.open(from: repository.path).log(prompt: "prompts/a.md").versions
        let accuracy = try #require(after.first?.scores.first { $0.suite == "default" }?.metrics["accuracy"])
        #expect(accuracy.mean == (0.8 + 0.75) / 2 && accuracy.count == 2)
        #expect(after.dropFirst().allSatisfy { $0.scores.allSatisfy { $0.metrics.values.allSatisfy { $0.mean == 0.125 } } })
        let rewritten = ScoreCache.read(at: path)
        #expect(rewritten.scoresTree.hex == (try repository.git("rev-parse", "refs/quill/evals:scores")) && rewritten.entries.count == 4)
    }

    @Test("a damaged cache is ignored: the log reads every summary, answers as before, and replaces the file", arguments: CacheDamage.allCases)
    func damagedCache(damage: CacheDamage) throws {
        let repository = try scoredRepository()
        let path = try cachePath(repository)
        let expected = try logJSON(repository)
        var bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        damage.apply(to: &bytes, version: 2)
        #expect(ScoreCache(bytes: bytes) == nil)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        #expect(try logJSON(repository) == expected)
        #expect(ScoreCache(bytes: Array(try Data(contentsOf: URL(fileURLWithPath: path))))?.entries.count == 4)
    }

    @Test("an entry reads back exactly: every double by its bits, absent models, deviations and manifests")
    func roundTrip() throws {
        let metrics: [String: VersionScore.MetricValue] = [
            "accuracy": .init(mean: 0.1 + 0.2, count: 3, standardDeviation: 1e-300, delta: nil),
            "latency_ms": .init(mean: -0.0, count: 1, standardDeviation: nil, delta: nil),
            "ünïcode": .init(mean: .leastNonzeroMagnitude, count: 7, standardDeviation: .greatestFiniteMagnitude, delta: nil),
        ]
        let entries: [ObjectID: ScoreCache.Entry] = [
            ObjectID(hex: String(repeating: "1f", count: 20))!: ScoreCache.Entry(summary: ObjectID(hex: String(repeating: "2a", count: 20)), scores: [
                VersionScore(suite: "default", model: nil, records: 3, metrics: metrics, manifests: nil),
                VersionScore(suite: "nightly", model: "gpt-4o-mini", records: 1, metrics: [:], manifests: ["m1", "m2"]),
            ]),
            ObjectID(hex: String(repeating: "e0", count: 20))!: ScoreCache.Entry(summary: nil, scores: []),
        ]
        let cache = ScoreCache(scoresTree: ObjectID(hex: String(repeating: "c3", count: 20))!, entries: entries)
        let decoded = try #require(ScoreCache(bytes: cache.encoded()))
        #expect(decoded == cache)
        func bits(_ cache: ScoreCache) -> [UInt64] { cache.entries.values.flatMap(\.scores).flatMap(\.metrics.values).map(\.mean.bitPattern).sorted() }
        #expect(bits(decoded) == bits(cache))
    }
}
