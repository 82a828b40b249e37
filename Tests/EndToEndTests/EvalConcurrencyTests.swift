import Foundation
import Synchronization
import TestSupport
import Testing

/// Many `quill eval record` processes on one repository at once: every compare-and-swap race on
/// `refs/quill/evals` and `refs/notes/quill` must end with every acknowledged record stored.
@Suite("eval store under concurrent writers")
struct EvalConcurrencyTests {
    @Test("8 processes recording 100 records each at once: all 800 stored and listed, fsck clean, every note lists its commit's records")
    func concurrentRecorders() throws {
        // Each worker records 100 records in 4 invocations: one batch of 40 (written as a pack) and three
        // of 20 (loose objects), so both write paths race.
        let workers = 8, batches = [40, 20, 20, 20]
        let fixture = try EvalStoreFixture(commits: 3)
        // Worker w records scores w*100 + 0…99 for suite "worker-w", each invocation at one of the commits.
        var jobs = [[(file: String, commit: String)]]()
        var expected = [String: [String]]()  // commit → note parts
        for worker in 0..<workers {
            var files = [(file: String, commit: String)]()
            for (invocation, size) in batches.enumerated() {
                let first = worker * 100 + batches.prefix(invocation).reduce(0, +)
                let scores = first..<(first + size)
                let commit = fixture.commits[(worker + invocation) % fixture.commits.count]
                files.append((try fixture.writeResults("w\(worker)-\(invocation)", suite: "worker-\(worker)", scores: scores), commit))
                expected[commit, default: []] += scores.map { EvalStoreFixture.notePart(suite: "worker-\(worker)", score: $0) }
            }
            jobs.append(files)
        }
        defer { jobs.joined().forEach { try? FileManager.default.removeItem(atPath: $0.file) } }

        let acknowledged = Mutex<[String]>([])
        let failures = Mutex<[String]>([])
        let (path, work) = (fixture.path, jobs)
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            for job in work[worker] {
                do {
                    let ids = try EvalStoreFixture.record(job.file, at: job.commit, in: path)
                    acknowledged.withLock { $0 += ids }
                } catch {
                    failures.withLock { $0.append("worker \(worker): \(error)") }
                }
            }
        }
        #expect(failures.withLock { $0 }.isEmpty, "lock or race errors must be retried, not reported: \(failures.withLock { $0 })")
        let acknowledgedIDs = Set(acknowledged.withLock { $0 })
        #expect(acknowledgedIDs.count == workers * 100)

        let stored = try fixture.storedRecordIDs()
        #expect(stored == acknowledgedIDs, "records lost: \(acknowledgedIDs.subtracting(stored).count)")
        let listed = try fixture.listedRecords()
        #expect(Set(listed.keys) == stored)
        let expectedListing = expected.flatMap { commit, parts in parts.map { "\(commit) \($0)" } }
        let listing = listed.values.map { line -> String in
            let fields = line.split(separator: " ")
            return "\(fields[0]) \(EvalStoreFixture.notePart(suite: String(fields[1]), score: Int(fields[2]) ?? -1))"
        }
        #expect(Set(listing) == Set(expectedListing))
        for commit in fixture.commits {
            #expect(try fixture.indexedRecordCount(forCommit: commit) == expected[commit]?.count)
            let parts = try fixture.noteParts(on: commit)
            #expect(parts.sorted() == expected[commit]?.sorted(), "the note of \(commit) misses records a concurrent writer stored")
        }
        #expect(fixture.lockFiles().isEmpty)
        #expect(try fixture.repository.evalStoreSummaryMismatches() == [])
        try fixture.fsck()
    }

    @Test("4 processes recording at once on a layout-1 store: one migration commit, every record kept, fsck clean")
    func writersRacingAMigration() throws {
        let fixture = try EvalStoreFixture(commits: 2)
        let seed = try fixture.writeResults("seed", suite: "seed", scores: 0..<200)
        defer { try? FileManager.default.removeItem(atPath: seed) }
        let seeded = Set(try fixture.record(seed, at: fixture.commits[0]))
        try fixture.repository.rewriteEvalStoreAsLayoutOne()
        let files = try (0..<4).map { try fixture.writeResults("racer-\($0)", suite: "racer-\($0)", scores: ($0 * 50)..<($0 * 50 + 40)) }
        defer { files.forEach { try? FileManager.default.removeItem(atPath: $0) } }
        let acknowledged = Mutex<[String]>([])
        let failures = Mutex<[String]>([])
        let (path, commit) = (fixture.path, fixture.commits[1])
        DispatchQueue.concurrentPerform(iterations: files.count) { worker in
            do {
                let ids = try EvalStoreFixture.record(files[worker], at: commit, in: path)
                acknowledged.withLock { $0 += ids }
            } catch {
                failures.withLock { $0.append("worker \(worker): \(error)") }
            }
        }
        #expect(failures.withLock { $0 }.isEmpty, "\(failures.withLock { $0 })")
        let expected = seeded.union(acknowledged.withLock { $0 })
        #expect(expected.count == 200 + 4 * 40)
        #expect(try fixture.storedRecordIDs() == expected)
        #expect(Set(try fixture.listedRecords().keys) == expected)
        let subjects = try fixture.repository.git("log", "--format=%s", "refs/quill/evals").split(separator: "\n")
        #expect(subjects.filter { $0 == "quill: store layout 3" }.count == 1, "\(subjects)")
        #expect(try fixture.repository.git("cat-file", "-p", "refs/quill/evals:layout.json") == #"{"fanout":2,"quill":1,"scores":1}"#)
        #expect(try fixture.repository.evalStoreSummaryMismatches() == [])
        try fixture.fsck()
    }
}
