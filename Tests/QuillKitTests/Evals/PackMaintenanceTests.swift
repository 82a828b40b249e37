import Foundation
import GitKit
@testable import QuillKit
import TestSupport
import Testing

/// Quill writes one pack per batch; they are rolled up as they pile up, and nothing is ever dropped.
@Suite("Pack maintenance")
struct PackMaintenanceTests {
    /// `git count-objects -v` as name → value.
    private func countObjects(_ repository: TestRepository) throws -> [String: Int] {
        var counts = [String: Int]()
        for line in try repository.git("count-objects", "-v").split(separator: "\n") {
            let parts = line.split(separator: ":")
            counts[String(parts[0])] = Int(parts[1].trimmingCharacters(in: .whitespaces))
        }
        return counts
    }

    /// A repository whose one commit (a prompt) is in one pack.
    private func packedRepository() throws -> TestRepository {
        let repository = try TestRepository.evaluated()
        try repository.write("prompts/a.md", "Answer {{q}}.\n")
        try repository.commitAll("prompt")
        try repository.git("repack", "-q", "-d")
        return repository
    }

    @Test("100 packed batches leave at most 17 packs, no loose objects and no garbage; every record lists, fsck clean")
    func hundredBatches() throws {
        let repository = try TestRepository.evaluated()
        try repository.write("prompts/a.md", "Answer {{q}}.\n")
        try repository.commitAll("prompt")
        let batch = EvalStore.packedBatchSize
        var maximum = 0
        for number in 0..<100 {
            let evaluations = (0..<batch).map { #"{"suite": "s\#($0)", "metrics": {"accuracy": \#(number * batch + $0)}}"# }
            try repository.write("results/\(number).json", #"{"quill": 1, "evaluations": [\#(evaluations.joined(separator: ","))]}"#)
            _ = try Workspace.open(from: repository.path).recordEvaluations(
                RecordRequest(files: [repository.path + "/results/\(number).json"], prompt: "prompts/a.md"))
            maximum = max(maximum, try countObjects(repository)["packs"] ?? 0)
        }
        let counts = try countObjects(repository)
        #expect(maximum <= EvalStore.packLimit + 1, "\(counts)")
        #expect((counts["packs"] ?? 0) <= EvalStore.packLimit + 1 && (counts["packs"] ?? 0) >= 1, "\(counts)")
        #expect(counts["garbage"] == 0 && counts["size-garbage"] == 0, "\(counts)")
        // The prompt commit's own loose objects (three) may be rolled up too; Quill's batches leave none.
        #expect((counts["count"] ?? 0) <= 3, "\(counts)")
        #expect(try Workspace.open(from: repository.path).listEvaluations(prompt: nil, commit: nil).records.count == 100 * batch)
        try repository.fsck()
    }

    @Test("a consolidation keeps objects nothing reaches, as a concurrent writer's not yet referenced objects")
    func keepsUnreachableObjects() throws {
        let repository = try packedRepository()
        // Two packs of one object each that nothing reaches, beside the pack of the prompt's commit.
        let blobs = try (0..<2).map { number in
            let blob = try repository.git(["hash-object", "-w", "--stdin"], input: "written, not yet referenced \(number)\n")
            try repository.git(["pack-objects", "-q", ".git/objects/pack/pack"], input: blob + "\n")
            return blob
        }
        try repository.git("prune-packed")
        #expect(try countObjects(repository)["packs"] == 3)
        #expect(try repository.open().consolidatePacks(whenMoreThan: 1))
        // Geometric: the two one-object packs roll up into one; the prompt's pack of four objects is at
        // least twice that, so it stays.
        let counts = try countObjects(repository)
        #expect(counts["packs"] == 2 && counts["in-pack"] == 6, "\(counts)")
        #expect(try blobs.map { try repository.git(["cat-file", "-p", $0]) } == ["written, not yet referenced 0", "written, not yet referenced 1"])
        #expect(try repository.open().consolidatePacks(whenMoreThan: 2) == false, "two packs are not more than the limit: nothing runs")
    }

    @Test("a consolidation writes no delta chain longer than Repository.maximumDeltaDepth (git alone chains such blobs about 30 deep)")
    func cappedDeltaChains() throws {
        let repository = try packedRepository()
        // 60 versions of a 200-line summary, each changing one line of the one before: loose objects
        // (fast-import writes fewer than 100 objects loose), which git deltifies against each other.
        var random = SeededGenerator(seed: 3)
        var lines = (0..<200).map { #"{"commit":"\#($0)","metrics":{"accuracy":0.\#(Int.random(in: 0..<10_000, using: &random))}}"# }
        var stream = ""
        for _ in 0..<60 {
            lines[Int.random(in: 0..<200, using: &random)] = #"{"commit":"\#(Int.random(in: 0..<1_000_000_000, using: &random))","metrics":{"accuracy":0.5}}"#
            let blob = lines.joined(separator: "\n") + "\n"
            stream += "blob\ndata \(blob.utf8.count)\n\(blob)\n"
        }
        try repository.git(["fast-import", "--quiet"], input: stream)
        #expect(try countObjects(repository)["count"] ?? 0 >= 60)
        #expect(try repository.open().consolidatePacks(whenMoreThan: 0))
        var longest = 0
        for index in try FileManager.default.contentsOfDirectory(atPath: repository.path + "/.git/objects/pack").filter({ $0.hasSuffix(".idx") }) {
            // `git verify-pack -v` lists each deltified object with its depth in the seventh column.
            for line in try repository.git("verify-pack", "-v", ".git/objects/pack/" + index).split(separator: "\n") {
                let columns = line.split(separator: " ", omittingEmptySubsequences: true)
                if columns.count == 7, let depth = Int(columns[5]) { longest = max(longest, depth) }
            }
        }
        #expect(longest > 1, "the blobs were stored as deltas")
        #expect(longest <= Repository.maximumDeltaDepth)
        #expect(try countObjects(repository)["count"] == 0)
    }
}
