import Foundation
import Synchronization
import TestSupport
import Testing

/// Many `quill label set` processes moving one label at once: compare-and-swap on `refs/quill/labels`
/// must leave one current value and every acknowledged move in the history, chained from one to the next.
@Suite("labels under concurrent writers")
struct LabelConcurrencyTests {
    @Test("8 processes moving one label twice each to their own versions: 16 moves in the history, each from the one before, fsck clean")
    func concurrentMoves() throws {
        let workers = 8, movesEach = 2
        let fixture = try EvalStoreFixture(commits: workers * movesEach)
        let path = fixture.path, commits = fixture.commits
        let failures = Mutex<[String]>([])
        let acknowledged = Mutex<[String]>([])
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            for move in 0..<movesEach {
                let commit = commits[worker * movesEach + move]
                do {
                    let result = try QuillBinary.run(
                        ["label", "set", "production", "\(EvalStoreFixture.prompt)@\(commit)", "-m", "worker \(worker)", "--format", "json"], in: path)
                    guard result.status == 0 else { throw TestFailure("exit \(result.status): \(result.stderr)") }
                    let report = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
                    acknowledged.withLock { $0.append((report?["id"] as? String) ?? "?") }
                } catch {
                    failures.withLock { $0.append("worker \(worker): \(error)") }
                }
            }
        }
        #expect(failures.withLock { $0 }.isEmpty, "races must be retried, not reported: \(failures.withLock { $0 })")

        // git reads the history: oldest first, each move's Quill-From is the Quill-To before it.
        let repository = fixture.repository
        let log = try repository.git("log", "--reverse", "--format=%H%x00%B%x01", "refs/quill/labels")
        let moves = log.split(separator: "\u{1}").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
        #expect(moves.count == workers * movesEach)
        #expect(Set(moves.map { String($0.prefix(40)) }) == Set(acknowledged.withLock { $0 }))
        var previous = "none"
        var targets = Set<String>()
        for move in moves {
            let trailers = Dictionary(uniqueKeysWithValues: move.split(separator: "\n").compactMap { line -> (String, String)? in
                guard let colon = line.range(of: ": "), line.hasPrefix("Quill-") else { return nil }
                return (String(line[..<colon.lowerBound]), String(line[colon.upperBound...]))
            })
            #expect(trailers["Quill-From"] == previous)
            previous = trailers["Quill-To"] ?? "?"
            targets.insert(previous)
        }
        let expected = try commits.map { "\(try repository.git("rev-parse", "\($0):\(EvalStoreFixture.prompt)")) \($0)" }
        #expect(targets == Set(expected), "every worker's version was current once")
        let current = try repository.git("cat-file", "blob", "refs/quill/labels:production/\(EvalStoreFixture.prompt)")
        #expect(current.hasPrefix("{\"blob\":\"\(previous.prefix(40))\",\"commit\":\"\(previous.suffix(40))\""))
        #expect(fixture.lockFiles().isEmpty)
        try fixture.fsck()
    }
}
