import Foundation
import GitKit
@testable import QuillKit
import TestSupport
import Testing

/// The store's layouts (docs/storage.md): layout 1 (one fan-out level) and layout 2 (two levels, no
/// score summaries) read exactly as layout 3 does, and the first write on either migrates it once, in
/// a commit of its own, to the very tree quill writes.
@Suite("Eval store layouts")
struct EvalStoreLayoutTests {
    /// A repository with two prompts over three commits, and records with cases for both at each commit.
    private func recordedRepository() throws -> TestRepository {
        let repository = try TestRepository.evaluated()
        for version in 0..<3 {
            try repository.write("prompts/a.md", "Answer {{q}} (v\(version)).\n")
            if version != 1 { try repository.write("prompts/b.md", "Summarise {{text}} (v\(version)).\n") }
            try repository.commitAll("edit \(version)")
            for (prompt, score) in [("prompts/a.md", 0.5 + Double(version) / 10), ("prompts/b.md", 0.9 - Double(version) / 10)] {
                let cases = (0..<4).map { #"{"id": "c\#($0)", "pass": \#($0 % 2 == version % 2), "metrics": {"accuracy": \#(score)}}"# }
                try recordResults(#"{"quill": 1, "suite": "nightly", "cases": [\#(cases.joined(separator: ","))], "metrics": {"accuracy": \#(score)}}"#, prompt: prompt, in: repository)
            }
        }
        return repository
    }

    private func recordResults(_ json: String, prompt: String, in repository: TestRepository) throws {
        let name = "results/\(UUID().uuidString).json"
        try repository.write(name, json)
        _ = try Workspace.open(from: repository.path).recordEvaluations(RecordRequest(files: [repository.path + "/" + name], prompt: prompt))
    }

    /// What the read commands answer on the store as it is.
    private func answers(_ repository: TestRepository) throws -> [String] {
        let workspace = try Workspace.open(from: repository.path)
        let all = try workspace.listEvaluations(prompt: nil, commit: nil)
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        func json(_ value: some Encodable) throws -> String { String(decoding: try encoder.encode(value), as: UTF8.self) }
        return [
            try json(all.records.sorted { $0.id < $1.id }),
            try json(workspace.listEvaluations(prompt: "prompts/a.md", commit: nil)),
            try json(workspace.listEvaluations(prompt: nil, commit: "HEAD~1")),
            try json(workspace.log(prompt: "prompts/a.md")),
            try json(workspace.log(prompt: "prompts/b.md")),
            try json(workspace.regressions(prompt: "prompts/b.md", metric: "accuracy")),
            try json(workspace.showEvaluation(String(try #require(all.records.first).id.prefix(4)))),
        ]
    }

    /// Which answers differ from `expected`, and how.
    private func differences(_ repository: TestRepository, from expected: [String]) throws -> [String] {
        zip(try answers(repository), expected).enumerated().filter { $0.element.0 != $0.element.1 }
            .map { "answer \($0.offset): \($0.element.0) — expected \($0.element.1)" }
    }

    @Test("a store of layout 1 or 2 answers every read as layout 3 does; the next write migrates it once, to the very tree layout 3 wrote", arguments: [1, 2])
    func migratesOnce(from layout: Int) throws {
        let repository = try recordedRepository()
        let layoutThreeTree = try repository.git("rev-parse", "refs/quill/evals^{tree}")
        #expect(try repository.git("cat-file", "-p", "refs/quill/evals:layout.json") == #"{"fanout":2,"quill":1,"scores":1}"#)
        #expect(try repository.evalStoreSummaryMismatches() == [])
        let expected = try answers(repository)

        let oldTree = layout == 1 ? try repository.rewriteEvalStoreAsLayoutOne() : try repository.rewriteEvalStoreAsLayoutTwo()
        let folders = "by-commit\nby-prompt\ncases\n" + (layout == 1 ? "" : "layout.json\n") + "meta\nrecords"
        #expect(try repository.git("ls-tree", "--name-only", "refs/quill/evals") == folders)
        #expect(try repository.git("ls-tree", "--name-only", "refs/quill/evals:records").split(separator: "\n").allSatisfy { $0.count == 2 })
        // Which answers differ, and how, if any.
        let before = try differences(repository, from: expected)
        #expect(before.isEmpty, "\(before.joined(separator: "\n"))")
        // Every record is listed in id order in every layout (answer 6 shows the first one listed).
        let listed = try Workspace.open(from: repository.path).listEvaluations(prompt: nil, commit: nil).records.map(\.id)
        #expect(listed.count > 2 && listed == listed.sorted())

        try recordResults(#"{"accuracy": 0.75}"#, prompt: "prompts/a.md", in: repository)
        let subjects = try repository.git("log", "--format=%s", "refs/quill/evals").split(separator: "\n")
        #expect(subjects.prefix(3) == ["quill: record 1 evaluation", "quill: store layout 3", "quill: record (layout \(layout))"])
        #expect(try repository.git("rev-parse", "refs/quill/evals~1^{tree}") == layoutThreeTree)
        #expect(try repository.git("rev-parse", "refs/quill/evals~2^{tree}") == oldTree)
        #expect(try repository.evalStoreSummaryMismatches() == [])
        // The migrated store, before the write's record, answers as the store did before it was rewritten.
        let tip = try repository.git("rev-parse", "refs/quill/evals")
        try repository.git("update-ref", "refs/quill/evals", "refs/quill/evals~1")
        let after = try differences(repository, from: expected)
        #expect(after.isEmpty, "\(after.joined(separator: "\n"))")
        try repository.git("update-ref", "refs/quill/evals", tip)

        try recordResults(#"{"accuracy": 0.8}"#, prompt: "prompts/b.md", in: repository)
        let later = try repository.git("log", "--format=%s", "refs/quill/evals").split(separator: "\n")
        #expect(later.filter { $0 == "quill: store layout 3" }.count == 1)
        #expect(try repository.evalStoreSummaryMismatches() == [])
        #expect(try StoreMigration(repository: repository.open()).migrated(ObjectID(hex: repository.git("rev-parse", "refs/quill/evals^{tree}"))!)
            == ObjectID(hex: repository.git("rev-parse", "refs/quill/evals^{tree}")))
        try repository.fsck()
    }

    @Test("a layout file of a later version is refused with a message naming it, not misread")
    func refusesUnknownLayout() throws {
        let repository = try recordedRepository()
        let index = repository.path + "/.git/layout-index"
        try repository.git(["read-tree", "refs/quill/evals"], environment: ["GIT_INDEX_FILE": index])
        let blob = try repository.git(["hash-object", "-w", "--stdin"], input: #"{"fanout":3,"quill":2}"#)
        try repository.git(["update-index", "--cacheinfo", "100644,\(blob),layout.json"], environment: ["GIT_INDEX_FILE": index])
        let tree = try repository.git(["write-tree"], environment: ["GIT_INDEX_FILE": index])
        try repository.git("update-ref", "refs/quill/evals", try repository.git("commit-tree", tree, "-p", "refs/quill/evals", "-m", "future"))
        let error = #expect(throws: QuillError.self) { try Workspace.open(from: repository.path).log(prompt: "prompts/a.md") }
        #expect(error?.message.contains("layout.json") == true, "\(String(describing: error))")
        #expect(error?.message.contains("upgrade quill") == true, "\(String(describing: error))")
    }
}
