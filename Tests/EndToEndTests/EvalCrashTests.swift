import Foundation
import TestSupport
import Testing

/// `quill eval record` killed (SIGKILL) or interrupted (SIGINT, SIGTERM) part-way: the store must stay
/// a valid git history holding every record a run acknowledged, and must stay writable.
@Suite("eval store after killed writers")
struct EvalCrashTests {
    @Test("a recording loop killed at random moments 50 times: fsck clean, every acknowledged record kept, refs readable, recording still works")
    func killedRecorders() throws {
        let fixture = try EvalStoreFixture(commits: 2)
        // 40 records a run: above EvalStore.packedBatchSize, so the objects go into one pack per write.
        let (acknowledged, killed, midWrite) = try interruptedRuns(
            of: fixture, rounds: 50, records: 40, cases: 3, seed: 0x51_6E_41_4C, signal: { _ in SIGKILL })
        #expect(midWrite > 0, "no kill landed during a write (\(killed) runs killed before they wrote)")
        #expect(acknowledged.count > 40, "every run was killed; only the undisturbed run was acknowledged")

        try fixture.fsck()
        #expect(try fixture.repository.git("rev-parse", "--verify", "refs/quill/evals^{commit}").count == 40)
        #expect(try fixture.repository.git("rev-list", "refs/quill/evals", "refs/notes/quill").isEmpty == false)
        let stored = try fixture.storedRecordIDs()
        #expect(acknowledged.isSubset(of: stored), "acknowledged records lost: \(acknowledged.subtracting(stored).sorted())")
        #expect(Set(try fixture.listedRecords().keys) == stored)

        // What killed pack writers left is invisible to git, but for a pack renamed into place without
        // its index (killed between the two renames): git warns of it and counts it as garbage.
        let indexless = try indexlessPacks(in: fixture)
        for arguments in [["status"], ["count-objects", "-v"], ["log", "--oneline", "-1", "refs/quill/evals"]] {
            let result = try ProcessRunner.run(TestEnvironment.gitPath, arguments, in: fixture.path, environment: TestEnvironment.variables())
            let warnings = result.stderr.split(separator: "\n").filter { !$0.contains("no corresponding .idx") }
            #expect(result.status == 0 && warnings.isEmpty, "git \(arguments): \(result.stderr)")
            if arguments[0] == "count-objects" { #expect(result.stdout.contains("\ngarbage: \(indexless.count)\n"), "\(result.stdout)") }
        }
        // Such packs are removed by the next write once they are an hour old (a younger one may be a
        // live writer's, between its renames).
        for pack in indexless { try setModificationTime(of: pack, secondsAgo: 2 * 3_600) }
        // The kills rarely land between the renames, so two such packs are planted: an old and a young one.
        let packs = fixture.path + "/.git/objects/pack/"
        let model = try #require(try FileManager.default.contentsOfDirectory(atPath: packs).first { $0.hasSuffix(".pack") })
        let (old, young) = (packs + "pack-" + String(repeating: "0", count: 40) + ".pack", packs + "pack-" + String(repeating: "1", count: 40) + ".pack")
        for planted in [old, young] { try FileManager.default.copyItem(atPath: packs + model, toPath: planted) }
        try setModificationTime(of: old, secondsAgo: 3_601 + 60)
        // The only lock files a killed run can leave are ref locks, and the `owner.lock` of the folder
        // its pack was being written in (objects/tmp_objdir-quill-…/), which git never reads and the
        // next writer removes with its folder (checked at the end).
        let left = fixture.lockFiles()
        let locks = left.filter { !($0.hasPrefix("objects/tmp_objdir-quill-") && $0.hasSuffix("/owner.lock")) }
        #expect(locks.allSatisfy { $0.hasPrefix("refs/") }, "\(left)")
        // A ref lock a killed run left (if any) stops the next write with a message naming it, never silently.
        // Above EvalStore.packedBatchSize: the later write makes a pack, and with it removes old index-less ones.
        let later = try fixture.writeResults("later", suite: "later", scores: 5_000..<5_040, cases: 5)
        defer { try? FileManager.default.removeItem(atPath: later) }
        if !locks.isEmpty {
            let blocked = try QuillBinary.run(["eval", "record", later, "--commit", fixture.commits[1]], in: fixture.path)
            #expect(blocked.status == 3, "\(locks)")
            #expect(locks.contains { blocked.stderr.contains($0) }, "\(blocked.stderr)")
            for lock in locks { try FileManager.default.removeItem(atPath: fixture.path + "/.git/" + lock) }
        }
        // A later record works, and its notes cover every stored record of its commits again.
        for commit in fixture.commits {
            let ids = try fixture.record(later, at: commit)
            #expect(try fixture.storedRecordIDs().isSuperset(of: ids))
            #expect(try fixture.noteParts(on: commit).count == (try fixture.indexedRecordCount(forCommit: commit)))
        }
        #expect(fixture.lockFiles().isEmpty)
        #expect(try indexlessPacks(in: fixture) == [young])
        try FileManager.default.removeItem(atPath: young)
        let counted = try fixture.repository.git("count-objects", "-v")
        #expect(counted.contains("\ngarbage: 0\n"), "\(counted)")
        try fixture.fsck()
    }

    /// The paths of the `pack-*.pack` files of the fixture that have no `.idx` beside them.
    private func indexlessPacks(in fixture: EvalStoreFixture) throws -> [String] {
        let folder = fixture.path + "/.git/objects/pack/"
        let names = Set(try FileManager.default.contentsOfDirectory(atPath: folder))
        return names.filter { $0.hasSuffix(".pack") && !names.contains(String($0.dropLast(5)) + ".idx") }.map { folder + $0 }
    }

    private func setModificationTime(of path: String, secondsAgo: TimeInterval) throws {
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -secondsAgo)], ofItemAtPath: path)
    }

    @Test("Ctrl-C or kill (SIGINT, SIGTERM) at random moments 40 times never leaves a ref lock: the signal waits until the ref has moved")
    func interruptedRecorders() throws {
        let fixture = try EvalStoreFixture(commits: 1)
        let (acknowledged, interrupted, midWrite) = try interruptedRuns(of: fixture, rounds: 40, records: 10, cases: 2, seed: 0x1A7E_C0DE, signal: { round in
            #expect(fixture.lockFiles().isEmpty, "the run before round \(round) left \(fixture.lockFiles())")
            return round % 2 == 0 ? SIGINT : SIGTERM
        })
        #expect(midWrite > 0, "no signal landed during a write (\(interrupted) runs stopped before they wrote)")
        #expect(fixture.lockFiles().isEmpty)
        #expect(acknowledged.isSubset(of: try fixture.storedRecordIDs()))
        try fixture.fsck()
    }

    /// Runs `quill eval record` `rounds` times, and up to `2 × rounds` more while no signal has landed
    /// mid-write or no run has finished (each run `records` new records with `cases` cases, at the
    /// fixture's commits in turn), sending each run `signal(round)` at a random moment up to 1.5×
    /// (widening to 3× by round `rounds`) the duration of an undisturbed run, so signals land
    /// before, during and after the write.
    /// Returns the ids the runs that exited 0 acknowledged (the undisturbed run's included), how many
    /// runs did not exit 0, and how many of those had begun to write: the store's ref moved, or they
    /// left a temporary object folder or a lock behind.
    private func interruptedRuns(
        of fixture: EvalStoreFixture, rounds: Int, records: Int, cases: Int, seed: UInt64, signal: (Int) -> Int32
    ) throws -> (acknowledged: Set<String>, interrupted: Int, midWrite: Int) {
        var random = SplitMix64(seed: seed)
        let calibration = try fixture.writeResults("calibration", suite: "calibration", scores: 0..<records, cases: cases)
        defer { try? FileManager.default.removeItem(atPath: calibration) }
        let started = Date()
        var acknowledged = Set(try fixture.record(calibration, at: fixture.commits[0]))
        let duration = Date().timeIntervalSince(started)
        var interrupted = 0
        var midWrite = 0
        let objects = fixture.path + "/.git/objects"
        func temporaryFolders() -> Set<String> {
            Set(((try? FileManager.default.contentsOfDirectory(atPath: objects)) ?? []).filter { $0.hasPrefix("tmp_") })
        }
        // On a loaded machine a run's time varies a lot: the window for the signal widens round by
        // round, and until some signal has landed mid-write and some run has finished, up to twice
        // as many rounds again are run.
        var round = 0
        var finished = 0
        while round < rounds || ((midWrite == 0 || finished == 0) && round < rounds * 3) {
            defer { round += 1 }
            let tip = try fixture.repository.git("rev-parse", "refs/quill/evals")
            let folders = temporaryFolders()
            let scores = (round * records)..<(round * records + records)
            let file = try fixture.writeResults("round-\(round)", suite: "round-\(round)", scores: scores, cases: cases)
            defer { try? FileManager.default.removeItem(atPath: file) }
            let run = try KilledRun(
                QuillBinary.path, ["eval", "record", file, "--commit", fixture.commits[round % fixture.commits.count], "--output", "json"],
                in: fixture.path, killAfter: Double.random(in: 0...(duration * 1.5 * (1 + Double(round) / Double(rounds))), using: &random),
                signal: signal(round))
            if run.exitedCleanly {
                finished += 1
                acknowledged.formUnion(try EvalStoreFixture.acknowledgedIDs(in: run.stdout))
            } else {
                interrupted += 1
                let moved = try fixture.repository.git("rev-parse", "refs/quill/evals") != tip
                if moved || !temporaryFolders().subtracting(folders).isEmpty || !fixture.lockFiles().isEmpty { midWrite += 1 }
            }
        }
        return (acknowledged, interrupted, midWrite)
    }

    @Test("a migration to layout 3 killed at random moments 12 times: the layout-1 store reads as before, and the next write completes it")
    func killedMigrations() throws {
        let fixture = try EvalStoreFixture(commits: 2)
        let seed = try fixture.writeResults("seed", suite: "seed", scores: 0..<600, cases: 2)
        defer { try? FileManager.default.removeItem(atPath: seed) }
        _ = try fixture.record(seed, at: fixture.commits[0])
        let layoutOneTree = try fixture.repository.rewriteEvalStoreAsLayoutOne()
        let layoutOneTip = try fixture.repository.git("rev-parse", "refs/quill/evals")
        let before = try fixture.listedRecords()
        #expect(before.count == 600)
        var random = SplitMix64(seed: 0x4D_16_4A_7E)
        let calibration = try fixture.writeResults("calibration", suite: "calibration", scores: [10_000])
        defer { try? FileManager.default.removeItem(atPath: calibration) }
        let started = Date()
        _ = try fixture.record(calibration, at: fixture.commits[1])
        let duration = Date().timeIntervalSince(started)
        var killed = 0
        for round in 0..<12 {
            try fixture.repository.git("update-ref", "refs/quill/evals", layoutOneTip)
            let file = try fixture.writeResults("round-\(round)", suite: "round-\(round)", scores: [20_000 + round])
            defer { try? FileManager.default.removeItem(atPath: file) }
            let run = try KilledRun(
                QuillBinary.path, ["eval", "record", file, "--commit", fixture.commits[1], "--output", "json"],
                in: fixture.path, killAfter: Double.random(in: 0...(duration * 1.5), using: &random))
            let listed = try fixture.listedRecords()
            if run.exitedCleanly {
                #expect(listed.count == 601, "round \(round)")
            } else {
                killed += 1
                #expect(listed.count == 600 || listed.count == 601, "round \(round)")
            }
            #expect(before.allSatisfy { listed[$0.key] == $0.value }, "round \(round): a record reads differently")
            for lock in fixture.lockFiles() { try FileManager.default.removeItem(atPath: fixture.path + "/.git/" + lock) }
        }
        #expect(killed > 0, "no run was killed; the kill delays missed every migration")
        try fixture.repository.git("update-ref", "refs/quill/evals", layoutOneTip)
        _ = try fixture.record(calibration, at: fixture.commits[1])
        let subjects = try fixture.repository.git("log", "--format=%s", "-3", "refs/quill/evals").split(separator: "\n")
        #expect(subjects == ["quill: record 1 evaluation", "quill: store layout 3", "quill: record (layout 1)"])
        #expect(try fixture.repository.git("rev-parse", "refs/quill/evals~2^{tree}") == layoutOneTree)
        #expect(try fixture.listedRecords().count == 601)
        try fixture.fsck()
    }

    @Test("a run that stored its records but found the notes ref locked is repaired by recording the same file again")
    func notesRepairedByRerun() throws {
        let fixture = try EvalStoreFixture(commits: 1)
        let results = try fixture.writeResults("notes", suite: "notes", scores: [1, 2], cases: 2)
        defer { try? FileManager.default.removeItem(atPath: results) }
        let lock = try fixture.leaveStaleLock("refs/notes/quill")
        let blocked = try QuillBinary.run(["eval", "record", results, "--commit", fixture.commits[0]], in: fixture.path)
        #expect(blocked.status == 3, "\(blocked.stderr)")
        #expect(try fixture.indexedRecordCount(forCommit: fixture.commits[0]) == 2, "the records were stored before the notes")
        try FileManager.default.removeItem(atPath: lock)
        let again = try fixture.record(results, at: fixture.commits[0])
        #expect(again.count == 2)
        #expect(try fixture.noteParts(on: fixture.commits[0]).count == 2)
        try fixture.fsck()
    }

    @Test("a lock file left behind stops recording with exit 3 naming it and changes nothing; a live writer's lock is waited for")
    func staleLock() throws {
        let fixture = try EvalStoreFixture(commits: 1)
        let results = try fixture.writeResults("lock", suite: "lock", scores: [1, 2], cases: 2)
        defer { try? FileManager.default.removeItem(atPath: results) }
        _ = try fixture.record(results, at: fixture.commits[0])
        let tip = try fixture.repository.git("rev-parse", "refs/quill/evals")
        let lock = try fixture.leaveStaleLock("refs/quill/evals")
        let other = try fixture.writeResults("other", suite: "other", scores: [3], cases: 2)
        defer { try? FileManager.default.removeItem(atPath: other) }
        let blocked = try QuillBinary.run(["eval", "record", other, "--commit", fixture.commits[0]], in: fixture.path)
        #expect(blocked.status == 3)
        #expect(blocked.stderr.split(separator: "\n").count == 1)
        #expect(blocked.stderr.contains("'\(lock)'"), "\(blocked.stderr)")
        #expect(blocked.stderr.contains("remove"), "\(blocked.stderr)")
        #expect(try fixture.repository.git("rev-parse", "refs/quill/evals") == tip)
        #expect(FileManager.default.fileExists(atPath: lock), "quill never removes a lock it did not take")

        // A fresh lock, as a live writer holds it, is waited for.
        try FileManager.default.setAttributes([.modificationDate: Date()], ofItemAtPath: lock)
        let released = Thread { usleep(300_000); try? FileManager.default.removeItem(atPath: lock) }
        released.start()
        let ids = try fixture.record(other, at: fixture.commits[0])
        #expect(try fixture.storedRecordIDs().isSuperset(of: ids))
        #expect(try fixture.noteParts(on: fixture.commits[0]).count == 3)
        try fixture.fsck()
    }
}

/// A child process sent `signal` (SIGKILL unless told) after a delay (unless it finished first), with its output.
private struct KilledRun {
    let exitedCleanly: Bool
    let stdout: String

    init(_ executable: String, _ arguments: [String], in directory: String, killAfter delay: TimeInterval, signal: Int32 = SIGKILL) throws {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("quill-killed-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: output) }
        let process = try SignalableProcess(executable, arguments, in: directory, environment: TestEnvironment.variables(), outputPath: output.path)
        usleep(UInt32(delay * 1_000_000))
        if process.isRunning { process.send(signal) }
        exitedCleanly = process.waitUntilExit()
        stdout = String(decoding: try Data(contentsOf: output), as: UTF8.self)
    }
}
