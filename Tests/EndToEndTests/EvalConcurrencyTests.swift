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
        let workers = 8, invocations = 5, recordsPerInvocation = 20
        let fixture = try EvalStoreFixture(commits: 3)
        // Worker w's invocation i records scores w*100 + i*20 + 0…19 for suite "worker-w" at one of the commits.
        var jobs = [[(file: String, commit: String)]]()
        var expected = [String: [String]]()  // commit → note parts
        for worker in 0..<workers {
            var files = [(file: String, commit: String)]()
            for invocation in 0..<invocations {
                let first = worker * 100 + invocation * recordsPerInvocation
                let scores = first..<(first + recordsPerInvocation)
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
        #expect(acknowledgedIDs.count == workers * invocations * recordsPerInvocation)

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
        try fixture.fsck()
    }
}
