import Foundation
import GitKit
@testable import QuillKit
import TestSupport
import Testing

@Suite("labels on refs/quill/labels")
struct LabelTests {
    static let prompt = "prompts/support.prompt"

    /// Three versions of the prompt, one commit each; returns the repository and the commits, oldest first.
    private func makeRepository(config: String? = nil) throws -> (TestRepository, [String]) {
        let repository = try TestRepository.evaluated()
        if let config { try repository.write("quill.yaml", config) }
        var commits = [String]()
        for version in 1...3 {
            try repository.write(LabelTests.prompt, "Answer {{question}} (v\(version)).\n")
            commits.append(try repository.commitAll("v\(version)"))
        }
        return (repository, commits)
    }

    private func environment(at seconds: Int, name: String = TestEnvironment.authorName) -> [String: String] {
        ["GIT_COMMITTER_NAME": name, "GIT_COMMITTER_EMAIL": TestEnvironment.authorEmail, "GIT_COMMITTER_DATE": "@\(seconds) +0000"]
    }

    @Test("set, move and remove: each move is one commit git log shows, with who, when, from and to; the tree holds the current value")
    func movesAreCommits() throws {
        let (repository, commits) = try makeRepository()
        let workspace = try Workspace.open(from: repository.path)
        let first = try workspace.setLabel("production", on: "\(LabelTests.prompt)@\(commits[0])", message: "first ship", environment: environment(at: 1_800_000_000))
        let second = try workspace.setLabel("production", on: LabelTests.prompt, message: nil, environment: environment(at: 1_800_000_060, name: "Bo Mover"))
        let blobs = try commits.map { try repository.git("rev-parse", "\($0):\(LabelTests.prompt)") }
        #expect(first.from == nil && first.to == LabelVersion(blob: blobs[0], commit: commits[0]))
        #expect(second.from == first.to && second.to == LabelVersion(blob: blobs[2], commit: commits[2]))

        // git is the oracle of the audit trail: one commit per move, its author who moved it.
        let log = try repository.git("log", "--format=%H %an %at %s", "refs/quill/labels").split(separator: "\n").map(String.init)
        #expect(log == [
            "\(second.id) Bo Mover 1800000060 label 'production' on \(LabelTests.prompt): \(blobs[0].prefix(7)) -> \(blobs[2].prefix(7))",
            "\(first.id) \(TestEnvironment.authorName) 1800000000 label 'production' on \(LabelTests.prompt): none -> \(blobs[0].prefix(7))",
        ])
        let value = try repository.git("cat-file", "blob", "refs/quill/labels:production/\(LabelTests.prompt)")
        #expect(value == #"{"blob":"\#(blobs[2])","commit":"\#(commits[2])","movedAt":1800000060,"movedBy":"Bo Mover <ada@example.com>","quill":1}"#)

        // Setting it where it already is writes nothing.
        let again = try workspace.setLabel("production", on: LabelTests.prompt, message: nil, environment: environment(at: 1_800_000_120))
        #expect(again.id == second.id)
        #expect(try repository.git("rev-list", "--count", "refs/quill/labels") == "2")

        let list = try workspace.labels()
        #expect(list.labels.map(\.label) == ["production"] && list.labels[0].version == second.to && list.labels[0].problem == nil)
        #expect(list.labels[0].movedAt == "2027-01-15T08:01:00+00:00")

        let removed = try workspace.removeLabel("production", from: nil, message: "rollback", environment: environment(at: 1_800_000_180))
        #expect(removed.from == second.to && removed.to == nil)
        #expect(try workspace.labels().labels.isEmpty)
        let moves = try workspace.labelLog("production").moves
        #expect(moves.map(\.id) == [removed.id, second.id, first.id])
        #expect(moves.map(\.message) == ["rollback", nil, "first ship"])
        #expect(moves.map(\.isCurrent) == [true, false, false])
        #expect(throws: QuillError.badInput("label 'production' is not set on '\(LabelTests.prompt)'; see 'quill label list'")) {
            try workspace.removeLabel("production", from: LabelTests.prompt, message: nil, environment: environment(at: 1_800_000_240))
        }
        try repository.fsck()
    }

    @Test(
        "label names are what git accepts as one reference component, without '/' or '@'",
        arguments: ["production", "staging-2", "v1.2_rc", "bad..name", "with space", "x.lock", ".hidden", "trailing.", "a@{1}", "a@b", "a/b", "tab\tname",
            "bell\u{7}", "del\u{7F}", "star*", "colon:", "caret^", "tilde~", "question?", "bracket[", "back\\slash", "@", "", "ünïcode"])
    func labelNames(name: String) throws {
        let (repository, _) = try makeRepository()
        let check = try ProcessRunner.run(
            TestEnvironment.gitPath, ["check-ref-format", "refs/quill/labels/" + name], in: repository.path, environment: TestEnvironment.variables())
        let gitAccepts = check.status == 0 && !name.contains("/") && !name.contains("@")
        let workspace = try Workspace.open(from: repository.path)
        do {
            _ = try workspace.setLabel(name, on: LabelTests.prompt, message: nil, environment: environment(at: 1_800_000_000))
            #expect(gitAccepts, "quill accepted \(name.debugDescription), which git refuses")
        } catch let error as QuillError {
            #expect(!gitAccepts, "quill refused \(name.debugDescription), which git accepts: \(error)")
            #expect(error.kind == .badInput && !error.message.contains("\n") && !error.message.contains("\u{7}"))
            #expect(try repository.git("for-each-ref", "refs/quill") == "", "a refused name must leave the repository as it was")
        }
    }

    @Test("a label whose prompt was deleted at HEAD is reported, and its version is still the labelled one")
    func promptGoneAtHead() throws {
        let (repository, commits) = try makeRepository()
        let workspace = try Workspace.open(from: repository.path)
        let moved = try workspace.setLabel("production", on: LabelTests.prompt, message: nil, environment: environment(at: 1_800_000_000))
        try repository.git("mv", LabelTests.prompt, "prompts/renamed.prompt")
        try repository.commit("rename")
        let entry = try #require(try Workspace.open(from: repository.path).labels().labels.first)
        #expect(entry.problem == .promptGoneAtHead)
        #expect(entry.prompt == LabelTests.prompt && entry.version == moved.to && entry.version.commit == commits[2])
        #expect(try Workspace.open(from: repository.path).labels(prompt: "prompts/renamed.prompt").labels.isEmpty)
    }

    @Test("quill.yaml's label policy: a version without a passing record is refused with the metric named, and nothing is written")
    func policy() throws {
        let config = "metrics:\n  accuracy: {direction: higher, min: 0.8}\nlabels:\n  production:\n    require: [accuracy]\n"
        let (repository, commits) = try makeRepository(config: config)
        try repository.recordMetrics(#"{"accuracy": 0.72}"#, commit: commits[1], prompt: LabelTests.prompt)
        try repository.recordMetrics(#"{"accuracy": 0.91}"#, commit: commits[2], prompt: LabelTests.prompt)
        let workspace = try Workspace.open(from: repository.path)
        let blobs = try commits.map { try repository.git("rev-parse", "\($0):\(LabelTests.prompt)") }
        #expect(throws: QuillError(.checkFailed, "label 'production' requires 'accuracy' >= 0.8; version \(blobs[0].prefix(7)) of '\(LabelTests.prompt)' has no record of 'accuracy'; run 'quill eval record' first")) {
            try workspace.setLabel("production", on: "\(LabelTests.prompt)@\(commits[0])", message: nil, environment: environment(at: 1_800_000_000))
        }
        #expect(throws: QuillError(.checkFailed, "label 'production' requires 'accuracy' >= 0.8; version \(blobs[1].prefix(7)) of '\(LabelTests.prompt)' has 0.72 (suite 'default')")) {
            try workspace.setLabel("production", on: "\(LabelTests.prompt)@\(commits[1])", message: nil, environment: environment(at: 1_800_000_000))
        }
        #expect(try repository.git("for-each-ref", "refs/quill/labels") == "")
        // Other labels are not guarded; the passing version is accepted, and the log carries both versions' scores.
        _ = try workspace.setLabel("staging", on: "\(LabelTests.prompt)@\(commits[1])", message: nil, environment: environment(at: 1_800_000_000))
        _ = try workspace.setLabel("production", on: LabelTests.prompt, message: nil, environment: environment(at: 1_800_000_060))
        _ = try workspace.setLabel("staging", on: LabelTests.prompt, message: nil, environment: environment(at: 1_800_000_120))
        let move = try #require(try workspace.labelLog("staging").moves.first)
        #expect(move.fromScores.map { $0.metrics["accuracy"]?.mean } == [0.72] && move.toScores.map { $0.metrics["accuracy"]?.mean } == [0.91])
    }

    @Test("a policy naming a metric without a min is refused where quill.yaml says it")
    func policyNeedsMin() throws {
        let text = "metrics:\n  accuracy: higher\nlabels:\n  production:\n    require: [accuracy]\n"
        #expect(throws: InputFileError.self) { try QuillConfig.parse(Data(text.utf8), path: "quill.yaml") }
        do {
            _ = try QuillConfig.parse(Data(text.utf8), path: "quill.yaml")
        } catch {
            #expect(error.description.hasPrefix("quill.yaml:5:15: label 'production' requires metric 'accuracy'"), "\(error.description)")
        }
    }

    @Test("a move's message round-trips, and a message whose last paragraph is not a move's trailers is no move")
    func moveMessages() throws {
        let version = LabelVersion(blob: String(repeating: "a", count: 40), commit: String(repeating: "b", count: 40))
        let message = LabelMoveMessage(label: "production", prompt: "prompts/a b.prompt", from: nil, to: version, note: "why\n\nQuill-Label: evil")
        #expect(LabelMoveMessage(parsing: message.text) == message)
        // Lines and paragraphs end at line feeds whatever surrounds them, as git reads a message: a path
        // ending in a carriage return or starting with a combining mark is read back as written.
        for prompt in ["prompts/odd\r", "\u{301}accent.prompt", "prompts/x\r\r"] {
            let odd = LabelMoveMessage(label: "production", prompt: prompt, from: version, to: nil, note: "a\r\n\nb\n\n\nc")
            #expect(LabelMoveMessage(parsing: odd.text) == odd, "\(prompt.debugDescription)")
        }
        #expect(LabelMoveMessage(parsing: "quill: merge 'refs/quill/labels' from 'origin'\n") == nil)
        #expect(LabelMoveMessage(parsing: "x\n\nQuill-Label: a\nQuill-Prompt: p\nQuill-From: none\nQuill-To: 12\n") == nil)
    }
}
