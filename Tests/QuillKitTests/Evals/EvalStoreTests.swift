import Foundation
import GitKit
@testable import QuillKit
import TestSupport
import Testing

@Suite("Eval store")
struct EvalStoreTests {
    private let prompt = "---\nmodel: gpt-4o\n---\n{{role \"user\"}}\nHello {{name}}\n"

    /// A repository with one prompt committed and an identity, opened as a workspace.
    private func evaluatedRepository() throws -> (TestRepository, Workspace) {
        let repository = try TestRepository.evaluated()
        try repository.write("prompts/greet.prompt", prompt)
        try repository.commitAll("add greeting")
        return (repository, try Workspace.open(from: repository.path))
    }

    /// `ab/cd/ef…`: an id's path in a layout-2 store's sharded folders (docs/storage.md).
    private func fanned(_ id: String) -> String { "\(id.prefix(2))/\(id.dropFirst(2).prefix(2))/\(id.dropFirst(4))" }

    private func metricsFile(_ repository: TestRepository, _ name: String, _ json: String) throws -> String {
        try repository.write("results/\(name)", json)
        return repository.path + "/results/\(name)"
    }

    @Test("stores a record that git reads: canonical blob, index entries, a note, fsck clean")
    func storesRecord() throws {
        let (repository, workspace) = try evaluatedRepository()
        let file = try metricsFile(repository, "m.json", #"{"accuracy": 0.9, "latency_ms": 120}"#)
        let report = try workspace.recordEvaluations(RecordRequest(files: [file], prompt: "prompts/greet.prompt", suite: "smoke"))
        let record = try #require(report.records.first)
        #expect(record.isNew == true)
        let head = try repository.git("rev-parse", "HEAD")
        let blob = try repository.git("rev-parse", "HEAD:prompts/greet.prompt")
        #expect(try repository.git("cat-file", "-p", "refs/quill/evals:records/\(fanned(record.id)).json")
            == #"{"commit":"\#(head)","metrics":{"accuracy":0.9,"latency_ms":120},"prompt":"prompts/greet.prompt","promptBlob":"\#(blob)","quill":1,"source":"dvc","suite":"smoke"}"#)
        #expect(try repository.git("rev-parse", "refs/quill/evals:by-commit/\(fanned(head))/\(record.id)") == record.id)
        #expect(try repository.git("rev-parse", "refs/quill/evals:by-prompt/\(fanned(blob))/\(record.id)") == record.id)
        #expect(try repository.git("cat-file", "-p", "refs/quill/evals:layout.json") == #"{"fanout":2,"quill":1,"scores":1}"#)
        #expect(try repository.git("log", "-1", "--notes=quill", "--format=%N", "HEAD") == "quill: prompts/greet.prompt [smoke] accuracy=0.9 latency_ms=120")
        #expect(try repository.git("log", "--format=%an", "refs/quill/evals") == "Eve Evaluator")
        try repository.fsck()
    }

    @Test("a note written by a later batch shows the commit's earlier records: from the summaries the batch rewrote, or read from the store")
    func noteAfterLaterBatch() throws {
        let (repository, workspace) = try evaluatedRepository()
        try repository.write("prompts/other.prompt", "Other\n")
        try repository.commitAll("another prompt")
        let first = try metricsFile(repository, "1.json", #"{"accuracy": 0.5}"#)
        for prompt in ["prompts/greet.prompt", "prompts/other.prompt"] {
            _ = try workspace.recordEvaluations(RecordRequest(files: [first], prompt: prompt, suite: "smoke"))
        }
        let second = try metricsFile(repository, "2.json", #"{"accuracy": 0.75}"#)
        _ = try workspace.recordEvaluations(RecordRequest(files: [second], prompt: "prompts/greet.prompt", suite: "nightly"))
        let note = try repository.git("log", "-1", "--notes=quill", "--format=%N", "HEAD")
        #expect(note == "quill: prompts/greet.prompt [nightly] accuracy=0.75; prompts/greet.prompt [smoke] accuracy=0.5; prompts/other.prompt [smoke] accuracy=0.5")
        // The note every record read back gives.
        let store = EvalStore(repository: workspace.repository)
        let head = try #require(ObjectID(hex: try repository.git("rev-parse", "HEAD")))
        #expect(try store.scoreNotes(for: [head], in: try #require(try store.tipTree()))[head] == note)
    }

    @Test("one import whose prompts or providers have identical per-case results stores one cases blob for both records (was exit 3, 'duplicate entries')",
          arguments: [(["a", "b"], ["echo", "echo"]), (["a", "a"], ["openai:gpt-4o-mini", "anthropic:claude"])])
    func sharedCasesBlob(_ prompts: [String], _ providers: [String]) throws {
        let repository = try TestRepository.evaluated()
        try repository.write("prompts/a.txt", "A\n")
        try repository.write("prompts/b.txt", "B\n")
        try repository.commitAll("two prompts")
        let rows = (0..<2).flatMap { column in (0..<3).map { test in
            #"{"promptIdx": \#(column), "testIdx": \#(test), "success": true, "score": 1, "provider": {"id": "\#(providers[column])"}, "prompt": {"raw": "x", "label": "prompts/\#(prompts[column]).txt: x"}, "response": {"output": "same"}}"#
        } }
        let file = try metricsFile(repository, "p.json", #"{"evalId": "e", "results": {"version": 3, "results": [\#(rows.joined(separator: ","))], "prompts": []}}"#)
        let report = try Workspace.open(from: repository.path).recordEvaluations(RecordRequest(files: [file]))
        #expect(report.records.count == 2)
        let tree = try repository.git("ls-tree", "-r", "--name-only", "refs/quill/evals").split(separator: "\n")
        #expect(tree.filter { $0.hasPrefix("records/") }.count == 2)
        #expect(tree.filter { $0.hasPrefix("cases/") }.count == 1)
        try repository.fsck()
    }

    @Test("recording the same result twice stores one object and makes no new commit")
    func idempotent() throws {
        let (repository, workspace) = try evaluatedRepository()
        let file = try metricsFile(repository, "m.json", #"{"accuracy": 0.9}"#)
        let request = RecordRequest(files: [file], prompt: "prompts/greet.prompt")
        let first = try workspace.recordEvaluations(request)
        let tip = try repository.git("rev-parse", "refs/quill/evals")
        let second = try workspace.recordEvaluations(request)
        #expect(second.records.map(\.id) == first.records.map(\.id))
        #expect(second.records.first?.isNew == false)
        #expect(second.storeCommit == nil)
        #expect(try repository.git("rev-parse", "refs/quill/evals") == tip)
    }

    @Test("looks records up by commit and by prompt across history, and shows them by id prefix")
    func looksUp() throws {
        let (repository, workspace) = try evaluatedRepository()
        let first = try workspace.recordEvaluations(RecordRequest(files: [try metricsFile(repository, "a.json", #"{"accuracy": 0.7}"#)], prompt: "prompts/greet.prompt"))
        try repository.write("prompts/greet.prompt", prompt + "Be brief.\n")
        try repository.commitAll("brief")
        try repository.write("other.txt", "unrelated\n")
        try repository.commitAll("unrelated")
        let second = try Workspace.open(from: repository.path).recordEvaluations(RecordRequest(files: [try metricsFile(repository, "b.json", #"{"accuracy": 0.8}"#)], prompt: "prompts/greet.prompt"))
        let workspaceNow = try Workspace.open(from: repository.path)
        #expect(try workspaceNow.listEvaluations(prompt: nil, commit: "HEAD").records.map(\.id) == second.records.map(\.id))
        #expect(try workspaceNow.listEvaluations(prompt: nil, commit: "HEAD~2").records.map(\.id) == first.records.map(\.id))
        #expect(Set(try workspaceNow.listEvaluations(prompt: "prompts/greet.prompt", commit: nil).records.map(\.id)) == Set(first.records.map(\.id) + second.records.map(\.id)))
        let detail = try workspaceNow.showEvaluation(String(second.records[0].id.prefix(6)))
        #expect(detail.record.metrics == ["accuracy": 0.8])
        #expect(detail.provenance?.recordedBy == "Eve Evaluator <eve@example.com>")
        let log = try workspaceNow.log(prompt: "prompts/greet.prompt")
        let accuracy = log.versions.map { $0.scores.first?.metrics["accuracy"] }
        #expect(accuracy.map { $0?.mean } == [0.8, 0.7])
        #expect(abs((accuracy[0]?.delta ?? 0) - 0.1) < 1e-12)
        #expect(accuracy[1]?.delta == nil)
        #expect(log.metrics == ["accuracy"])
        _ = workspace
    }

    @Test("log over a store whose score summary is missing fails with an error naming that blob")
    func logOverDamagedStore() throws {
        let (repository, workspace) = try evaluatedRepository()
        _ = try workspace.recordEvaluations(RecordRequest(files: [try metricsFile(repository, "a.json", #"{"accuracy": 0.7}"#)], prompt: "prompts/greet.prompt"))
        let blob = try repository.git("rev-parse", "HEAD:prompts/greet.prompt")
        let missing = String(repeating: "ab", count: 20)
        // The version's summary entry names a blob the repository does not have, written with git's plumbing.
        let index = repository.path + "/.git/damage-index"
        let environment = ["GIT_INDEX_FILE": index]
        try repository.git(["read-tree", "refs/quill/evals"], environment: environment)
        try repository.git(["update-index", "--add", "--cacheinfo", "100644,\(missing),scores/\(fanned(blob)).jsonl"], environment: environment)
        let tree = try repository.git(["write-tree", "--missing-ok"], environment: environment)
        let commit = try repository.git("commit-tree", tree, "-p", "refs/quill/evals", "-m", "damage")
        try repository.git("update-ref", "refs/quill/evals", commit)
        let error = #expect(throws: GitError.self) { try Workspace.open(from: repository.path).log(prompt: "prompts/greet.prompt") }
        #expect(error?.message.contains(missing) == true, "\(String(describing: error))")
    }

    @Test("refuses bad input and leaves refs/quill/evals as it was", arguments: [
        (#"{"accuracy": 0.9}"#, "prompts/missing.prompt", "HEAD", "prompt 'prompts/missing.prompt' does not exist in commit"),
        (#"{"accuracy": 0.9}"#, "prompts/greet.prompt", "no-such-rev", "unknown revision 'no-such-rev'"),
        (#"{"accuracy": "#, "prompts/greet.prompt", "HEAD", "m.json"),
    ])
    func refusesBadInput(json: String, prompt: String, commit: String, message: String) throws {
        let (repository, workspace) = try evaluatedRepository()
        _ = try workspace.recordEvaluations(RecordRequest(files: [try metricsFile(repository, "ok.json", #"{"accuracy": 0.5}"#)], prompt: "prompts/greet.prompt"))
        let tip = try repository.git("rev-parse", "refs/quill/evals")
        let notes = try repository.git("rev-parse", "refs/notes/quill")
        let file = try metricsFile(repository, "m.json", json)
        let error = #expect(throws: (any Error).self) {
            try workspace.recordEvaluations(RecordRequest(files: [file], prompt: prompt, commit: commit))
        }
        #expect(QuillError(classifying: error!)?.kind == .badInput)
        #expect(String(describing: error!).contains(message), "\(String(describing: error!))")
        #expect(try repository.git("rev-parse", "refs/quill/evals") == tip)
        #expect(try repository.git("rev-parse", "refs/notes/quill") == notes)
        try repository.fsck()
    }

    @Test("refuses a prompt that differs in the work tree unless allowed")
    func refusesDirtyPrompt() throws {
        let (repository, workspace) = try evaluatedRepository()
        try repository.write("prompts/greet.prompt", prompt + "uncommitted\n")
        let file = try metricsFile(repository, "m.json", #"{"accuracy": 0.9}"#)
        let error = #expect(throws: QuillError.self) {
            try workspace.recordEvaluations(RecordRequest(files: [file], prompt: "prompts/greet.prompt"))
        }
        #expect(error?.message.contains("--allow-dirty") == true)
        let allowed = try workspace.recordEvaluations(RecordRequest(files: [file], prompt: "prompts/greet.prompt", allowDirty: true))
        #expect(allowed.records.first?.promptBlob == (try repository.git("rev-parse", "HEAD:prompts/greet.prompt")))
    }

    @Test("concurrent writers in one process lose no record")
    func concurrentWriters() async throws {
        let (repository, _) = try evaluatedRepository()
        let path = repository.path
        let files = try (0..<40).map { try metricsFile(repository, "c\($0).json", #"{"accuracy": \#(Double($0) / 100)}"#) }
        try await withThrowingTaskGroup(of: [String].self) { group in
            for writer in 0..<4 {
                group.addTask {
                    var ids = [String]()
                    for file in files[(writer * 10)..<(writer * 10 + 10)] {
                        let workspace = try Workspace.open(from: path)
                        ids += try workspace.recordEvaluations(RecordRequest(files: [file], prompt: "prompts/greet.prompt")).records.map(\.id)
                    }
                    return ids
                }
            }
            var all = Set<String>()
            for try await ids in group { all.formUnion(ids) }
            let stored = try repository.git("ls-tree", "-r", "--name-only", "refs/quill/evals", "records/").split(separator: "\n")
            #expect(stored.count == 40)
            #expect(all.count == 40)
        }
        try repository.fsck()
    }
}
