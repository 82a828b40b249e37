import Foundation
@testable import QuillKit
import TestSupport
import Testing

@Suite("Prompt diff")
struct PromptDiffTests {
    /// Two versions of one prompt in one format, and what their diff must say.
    struct Case: Sendable, CustomStringConvertible {
        let path: String
        let old: String
        let new: String
        let frontMatter: [String]
        let messages: [String]
        let added: [String]
        let removed: [String]
        var description: String { path }
    }

    static let formats: [Case] = [
        Case(
            path: "prompts/support.prompt",
            old: "---\nmodel: gpt-4o\nconfig:\n  temperature: 0.7\n---\n{{role \"system\"}}\nYou are a friendly support agent.\nAnswer in three sentences.\n{{role \"user\"}}\n{{question}} from {{customer}}\n",
            new: "---\nmodel: gpt-4o-mini\nconfig:\n  temperature: 0.2\n---\n{{role \"system\"}}\nYou are a friendly support agent.\nAnswer in two short sentences.\n{{role \"user\"}}\n{{question}} (order {{order_id}})\n",
            frontMatter: ["~model", "~config.temperature"], messages: ["system changed", "user changed"],
            added: ["order_id"], removed: ["customer"]),
        Case(
            path: "prompts/rag.prompty",
            old: "---\nname: Support\nmodel:\n  api: chat\n  parameters:\n    temperature: 0.5\n---\nsystem:\nYou are helpful.\n\nuser:\n{{question}}\n",
            new: "---\nname: Support\nmodel:\n  api: chat\n  parameters:\n    temperature: 0.1\n    max_tokens: 200\n---\nsystem:\nYou are helpful.\n\nuser:\n{{question}}\nContext: {{context}}\n",
            frontMatter: ["~model.parameters.temperature", "+model.parameters.max_tokens"], messages: ["system unchanged", "user changed"],
            added: ["context"], removed: []),
        Case(
            path: "prompts/triage.prompt.yml",
            old: "name: Triage\nmodel: openai/gpt-4o\nmodelParameters:\n  temperature: 0.3\nmessages:\n  - role: system\n    content: You triage issues.\n  - role: user\n    content: \"{{issue}}\"\n",
            new: "name: Triage\nmodel: openai/gpt-4.1\nmodelParameters:\n  temperature: 0.3\nmessages:\n  - role: system\n    content: You triage GitHub issues.\n  - role: user\n    content: \"{{issue}}\"\n  - role: user\n    content: \"Labels: {{labels}}\"\n",
            frontMatter: ["~model"], messages: ["system changed", "user unchanged", "user added"],
            added: ["labels"], removed: []),
        Case(
            path: "prompts/summarise.md",
            old: "---\nowner: docs-team\ntemplate: handlebars\n---\nSummarise {{text}} in one paragraph.\n",
            new: "---\nowner: support-team\ntemplate: handlebars\ntags: [faq]\n---\nSummarise {{text}} in two paragraphs for {{audience}}.\n",
            frontMatter: ["~owner", "+tags"], messages: ["user changed"], added: ["audience"], removed: []),
        Case(
            path: "prompts/classify.json",
            old: #"{"model": "gpt-4o", "temperature": 0.2, "messages": [{"role": "system", "content": "Classify {{ticket}}."}, {"role": "user", "content": "Refund please"}, {"role": "assistant", "content": "billing"}]}"#,
            new: #"{"model": "gpt-4o", "temperature": 0, "messages": [{"role": "system", "content": "Classify {{ticket}} by team."}, {"role": "user", "content": "Refund please"}, {"role": "assistant", "content": "billing"}, {"role": "user", "content": "{{ticket}}"}]}"#,
            frontMatter: ["~temperature"], messages: ["system changed", "user unchanged", "assistant unchanged", "user added"],
            added: [], removed: []),
    ]

    private func summary(_ structure: PromptStructureDiff) -> (frontMatter: [String], messages: [String]) {
        let signs: [FrontMatterChange.Kind: String] = [.added: "+", .removed: "-", .changed: "~"]
        return (structure.frontMatter.map { signs[$0.kind]! + $0.path }, structure.messages.map { "\($0.role) \($0.kind.rawValue)" })
    }

    @Test("each format: front-matter key paths, messages matched by role and position, variables added and removed", arguments: formats)
    func structuredDiff(format: Case) throws {
        let fixture = try DiffFixture()
        try fixture.commit("v1", [format.path: format.old])
        try fixture.commit("v2", [format.path: format.new])
        let diff = try #require(try fixture.promptDiff("HEAD~1", "HEAD", path: format.path))
        #expect(diff.change == .modified)
        #expect(diff.fromError == nil && diff.toError == nil && diff.text == nil)
        let structure = try #require(diff.structure)
        let (frontMatter, messages) = summary(structure)
        #expect(frontMatter == format.frontMatter)
        #expect(messages == format.messages)
        #expect(structure.addedVariables == format.added)
        #expect(structure.removedVariables == format.removed)
        #expect(!structure.messages.contains { $0.moved })
        #expect(diff.fromBlob == (try fixture.repository.git("rev-parse", "HEAD~1:\(format.path)")))
        #expect(diff.toBlob == (try fixture.repository.git("rev-parse", "HEAD:\(format.path)")))
    }

    @Test("a changed line carries a word-level diff inside the line diff")
    func wordLevel() throws {
        let format = Self.formats[0]
        let fixture = try DiffFixture()
        try fixture.commit("v1", [format.path: format.old])
        try fixture.commit("v2", [format.path: format.new])
        let structure = try #require(try fixture.promptDiff("HEAD~1", "HEAD", path: format.path)?.structure)
        let system = try #require(structure.messages.first { $0.role == "system" }?.diff)
        let lines = system.hunks.flatMap(\.lines)
        #expect(lines.map(\.kind) == [.context, .changed])
        let changed = try #require(lines.last)
        #expect(changed.oldText == "Answer in three sentences.")
        #expect(changed.text == "Answer in two short sentences.")
        let words = try #require(changed.words)
        #expect(words.filter { $0.kind != .added }.map(\.text).joined() == "Answer in three sentences.")
        #expect(words.filter { $0.kind != .removed }.map(\.text).joined() == "Answer in two short sentences.")
        #expect(words.filter { $0.kind == .removed }.map(\.text).joined() == "three")
        #expect(words.first == WordSpan(kind: .equal, text: "Answer in "))
    }

    @Test("messages swapped in place are reported as moved, not as removed and added")
    func reordering() throws {
        let fixture = try DiffFixture()
        let path = "prompts/few-shot.json"
        try fixture.commit("v1", [path: #"[{"role": "system", "content": "Classify."}, {"role": "user", "content": "Refund please"}, {"role": "assistant", "content": "billing"}, {"role": "user", "content": "Password reset"}, {"role": "assistant", "content": "account"}]"#])
        try fixture.commit("v2", [path: #"[{"role": "system", "content": "Classify."}, {"role": "user", "content": "Password reset"}, {"role": "assistant", "content": "account"}, {"role": "user", "content": "Refund please"}, {"role": "assistant", "content": "billing"}]"#])
        let structure = try #require(try fixture.promptDiff("HEAD~1", "HEAD", path: path)?.structure)
        #expect(structure.messages.allSatisfy { $0.kind == .unchanged })
        #expect(structure.messages.map(\.oldIndex) == [0, 3, 4, 1, 2])
        #expect(structure.messages.filter(\.moved).count == 2)
        #expect(!structure.isEmpty)
    }

    @Test("a front-matter-only change leaves every message unchanged")
    func frontMatterOnly() throws {
        let fixture = try DiffFixture()
        let format = Self.formats[0]
        try fixture.commit("v1", [format.path: format.old])
        try fixture.commit("v2", [format.path: format.old.replacingOccurrences(of: "temperature: 0.7", with: "temperature: 0.1\n  topK: 40")])
        let structure = try #require(try fixture.promptDiff("HEAD~1", "HEAD", path: format.path)?.structure)
        #expect(summary(structure).frontMatter == ["~config.temperature", "+config.topK"])
        #expect(structure.frontMatter.first?.old == .double(0.7))
        #expect(structure.frontMatter.first?.new == .double(0.1))
        #expect(structure.messages.allSatisfy { $0.kind == .unchanged && !$0.moved })
        #expect(structure.addedVariables.isEmpty && structure.removedVariables.isEmpty)
    }

    @Test("a rename with an edit is one renamed prompt, diffed across the two paths")
    func rename() throws {
        let fixture = try DiffFixture()
        let format = Self.formats[0]
        try fixture.commit("v1", [format.path: format.old])
        try fixture.repository.git("mv", format.path, "prompts/agent.prompt")
        try fixture.commit("rename", ["prompts/agent.prompt": format.old.replacingOccurrences(of: "gpt-4o", with: "gpt-4.1")])
        let report = try fixture.diff(["HEAD~1", "HEAD"])
        #expect(report.prompts.count == 1)
        let diff = try #require(report.prompts.first)
        #expect(diff.change == .renamed)
        #expect(diff.path == "prompts/agent.prompt")
        #expect(diff.oldPath == format.path)
        #expect((diff.similarity ?? 0) >= 50)
        #expect(diff.structure.map(summary)?.frontMatter == ["~model"])
    }

    @Test("with diff.renames=copies a copy of a changed prompt is a copied prompt, diffed against its source as git diff pairs them")
    func copy() throws {
        let fixture = try DiffFixture()
        let format = Self.formats[0]
        try fixture.commit("v1", [format.path: format.old])
        let edited = format.old.replacingOccurrences(of: "gpt-4o", with: "gpt-4.1")
        try fixture.commit("copy", [format.path: edited + "One more line.\n", "prompts/copy.prompt": edited])
        try fixture.repository.git("config", "diff.renames", "copies")
        // git's own pairing: the source modified, the copy named with its score.
        let git = try fixture.repository.git("diff", "--name-status", "HEAD~1", "HEAD").split(separator: "\n").map { $0.split(separator: "\t").map(String.init) }
        let gitCopy = try #require(git.first { $0[0].hasPrefix("C") })
        #expect(gitCopy.dropFirst() == [format.path, "prompts/copy.prompt"])

        let report = try fixture.diff(["HEAD~1", "HEAD"])
        #expect(report.prompts.map(\.path).sorted() == [format.path, "prompts/copy.prompt"].sorted())
        let copy = try #require(report.prompts.first { $0.path == "prompts/copy.prompt" })
        #expect(copy.change == .copied)
        #expect(copy.oldPath == format.path)
        #expect(copy.similarity == Int(gitCopy[0].dropFirst()))
        #expect(copy.structure.map(summary)?.frontMatter == ["~model"])
        let source = try #require(report.prompts.first { $0.path == format.path })
        #expect(source.change == .modified && source.oldPath == nil)
    }

    @Test("a version that does not parse is shown as a plain text diff with its parse error")
    func unparseable() throws {
        let fixture = try DiffFixture()
        let format = Self.formats[0]
        try fixture.commit("v1", [format.path: format.old])
        try fixture.commit("broken", [format.path: "---\nmodel: gpt-4o\n{{role \"user\"}}\nhi\n"])
        let diff = try #require(try fixture.promptDiff("HEAD~1", "HEAD", path: format.path))
        #expect(diff.structure == nil)
        #expect(diff.fromError == nil)
        #expect(diff.toError?.hasPrefix("prompts/support.prompt:") == true)
        #expect(diff.toError?.contains("never closed") == true)
        let lines = try #require(diff.text).hunks.flatMap(\.lines)
        #expect(lines.contains { $0.kind == .added && $0.text == "hi" })
        #expect(lines.contains { $0.kind == .removed && $0.text == "Answer in three sentences." })
    }

    @Test("added and deleted prompts diff against nothing")
    func addedAndDeleted() throws {
        let fixture = try DiffFixture()
        let format = Self.formats[0]
        try fixture.commit("v1", ["prompts/old.md": "Hello {{name}}\n"])
        try fixture.repository.remove("prompts/old.md")
        try fixture.commit("swap", [format.path: format.old])
        let report = try fixture.diff(["HEAD~1..HEAD"])
        let added = try #require(report.prompts.first { $0.change == .added })
        #expect(added.fromBlob == nil)
        #expect(added.structure?.messages.map(\.kind) == [.added, .added])
        #expect(added.structure?.addedVariables == ["question", "customer"])
        let deleted = try #require(report.prompts.first { $0.change == .deleted })
        #expect(deleted.path == "prompts/old.md" && deleted.toBlob == nil)
        #expect(deleted.structure?.messages.map(\.kind) == [.removed])
    }
}
