import Foundation
import GitKit
@testable import QuillKit
import TestSupport
import Testing

@Suite("PromptLibrary: loading prompts by label or revision, rendering, scores")
struct PromptLibraryTests {
    static let prompt = "prompts/support.prompt"
    static let text = """
        ---
        model: gpt-4o
        ---
        {{role "system"}}
        You help {{customer.name}} from {{company}}.
        {{role "user"}}
        {{question}}

        """

    /// Two versions of the prompt; `production` on the first. Returns the repository and both commits.
    private func makeRepository() throws -> (TestRepository, [String]) {
        let repository = try TestRepository.evaluated()
        try repository.write(PromptLibraryTests.prompt, PromptLibraryTests.text)
        let first = try repository.commitAll("v1")
        try repository.write(PromptLibraryTests.prompt, PromptLibraryTests.text.replacingOccurrences(of: "You help", with: "You kindly help"))
        let second = try repository.commitAll("v2")
        _ = try Workspace.open(from: repository.path).setLabel("production", on: "\(PromptLibraryTests.prompt)@\(first)", message: nil)
        return (repository, [first, second])
    }

    @Test("by label, by revision and by PATH@X, the bytes are git's blob; in a bare clone too")
    func loads() throws {
        let (repository, commits) = try makeRepository()
        let bare = try TemporaryFolder()
        try repository.git("clone", "-q", "--bare", "--mirror", repository.path, bare.path + "/mirror.git")
        for path in [repository.path, bare.path + "/mirror.git"] {
            let library = try PromptLibrary.open(at: path)
            let labelled = try library.load(PromptLibraryTests.prompt, label: "production")
            #expect(labelled.data == Data(try repository.git("cat-file", "blob", "\(commits[0]):\(PromptLibraryTests.prompt)").utf8 + [10]))
            #expect(labelled.commit == commits[0] && labelled.label == "production")
            #expect(try library.load("\(PromptLibraryTests.prompt)@production") == labelled)
            let head = try library.load("\(PromptLibraryTests.prompt)@HEAD")
            #expect(head.blob == (try repository.git("rev-parse", "HEAD:\(PromptLibraryTests.prompt)")) && head.label == nil)
            #expect(try library.load(PromptLibraryTests.prompt) == head)
            #expect(try library.load("\(PromptLibraryTests.prompt)@HEAD~1").blob == labelled.blob)
        }
    }

    /// A Jinja system prompt whose commit's quill.yaml says so, labelled `production` there.
    private func makeSystemPrompt() throws -> (repository: TestRepository, path: String, commit: String) {
        let repository = try TestRepository.evaluated()
        let path = "prompts/system/tone.md"
        try repository.write(path, "You are {{ tone | lower }}.\n")
        try repository.write("quill.yaml", "formats:\n  \"prompts/system/**\":\n    role: system\n    template: jinja\n")
        let commit = try repository.commitAll("system prompts are jinja")
        _ = try Workspace.open(from: repository.path).setLabel("production", on: "\(path)@\(commit)", message: nil)
        return (repository, path, commit)
    }

    @Test("a loaded version is read as the formats of its own commit's quill.yaml say; a broken one names that commit")
    func formatsOfTheCommit() throws {
        let (repository, path, _) = try makeSystemPrompt()
        try repository.write("quill.yaml", "formats:\n  \"prompts/system/**\":\n    role: developer\n")
        try repository.commitAll("system prompts are developer messages")
        let library = try PromptLibrary.open(at: repository.path)
        let old = try library.load(path, label: "production").parsed()
        #expect(old.messages.map(\.role) == ["system"] && old.variables == ["tone"])
        let head = try library.load(path, revision: "HEAD").parsed()
        #expect(head.messages.map(\.role) == ["developer"])
        try repository.write("quill.yaml", "formats: [broken]\n")
        let broken = try repository.commitAll("broken quill.yaml")
        let error = #expect(throws: InputFileError.self) { try library.load(path, revision: "HEAD").parsed() }
        #expect(error?.description.hasPrefix("\(broken.prefix(12)):quill.yaml:1:10: 'formats' is a list") == true, "\(String(describing: error))")
        #expect(try library.load(path, revision: "HEAD").data == Data("You are {{ tone | lower }}.\n".utf8), "the bytes load whatever quill.yaml says")
    }

    @Test("quill.yaml is read when the prompt is first parsed, from the version's own commit: later commits, the work tree and the library's end change nothing")
    func formatsReadLazily() throws {
        let (repository, path, first) = try makeSystemPrompt()
        var library: PromptLibrary? = try PromptLibrary.open(at: repository.path)
        let loaded = try #require(try library?.load("\(path)@production"))
        library = nil
        // After the load: HEAD's quill.yaml is broken, the work tree's says otherwise.
        try repository.write("quill.yaml", "formats: [broken]\n")
        try repository.commitAll("broken quill.yaml")
        try repository.write("quill.yaml", "formats:\n  \"prompts/system/**\":\n    role: developer\n")
        let parsed = try DispatchQueue.global().sync { try loaded.parsed() }
        #expect(parsed.messages.map(\.role) == ["system"] && parsed.variables == ["tone"])

        // Loading reads no quill.yaml: a repository gone before the first parse is an error naming the commit.
        let other = try PromptLibrary.open(at: repository.path).load(path, revision: first)
        try FileManager.default.removeItem(atPath: repository.path + "/.git")
        #expect(other.data == loaded.data)
        let error = #expect(throws: QuillError.self) { try other.parsed() }
        #expect(error?.kind == .repository && error?.message.contains("quill.yaml of commit \(first.prefix(12))") == true, "\(String(describing: error))")
        #expect(try loaded.parsed() == parsed, "read once, then kept")
    }

    @Test("a label set on the prompt wins over a branch of the same name; a label on another prompt does not")
    func labelBeforeRevision() throws {
        let (repository, commits) = try makeRepository()
        try repository.git("branch", "production", commits[1])
        let library = try PromptLibrary.open(at: repository.path)
        #expect(try library.load("\(PromptLibraryTests.prompt)@production").commit == commits[0])
        try repository.write("prompts/other.prompt", "Hi\n")
        try repository.commitAll("other")
        _ = try Workspace.open(from: repository.path).setLabel("main", on: "prompts/other.prompt", message: nil)
        #expect(try library.load("\(PromptLibraryTests.prompt)@main").blob == (try repository.git("rev-parse", "main:\(PromptLibraryTests.prompt)")))
        #expect(throws: QuillError.badInput("label 'staging' is not set on '\(PromptLibraryTests.prompt)'; see 'quill label list'")) {
            try library.load(PromptLibraryTests.prompt, label: "staging")
        }
    }

    @Test("a label whose version is not in the repository is an error naming it, never another version")
    func missingVersion() throws {
        let (repository, commits) = try makeRepository()
        let missing = String(repeating: "ab", count: 20)
        let signature = try repository.open().defaultSignature(for: .committer)
        _ = try LabelStore(repository: repository.open()).move(
            label: "staging", prompt: PromptLibraryTests.prompt, to: LabelVersion(blob: missing, commit: commits[1]), note: nil, signature: signature)
        let library = try PromptLibrary.open(at: repository.path)
        do {
            _ = try library.load("\(PromptLibraryTests.prompt)@staging")
            Issue.record("a missing version must not load")
        } catch let error as QuillError {
            #expect(error.kind == .repository && error.message.contains("abababa") && error.message.contains("not in this repository"))
        }
        let entry = try #require(try Workspace.open(from: repository.path).labels().labels.first { $0.label == "staging" })
        #expect(entry.problem == .versionMissing)
    }

    @Test("render fills variables (dotted names nest) per message, without HTML escaping")
    func renders() throws {
        let (repository, _) = try makeRepository()
        let loaded = try PromptLibrary.open(at: repository.path).load(PromptLibraryTests.prompt, label: "production")
        let messages = try loaded.render(["customer.name": "Ann <ann@example.com>", "company": "R&D", "question": "Where is \"my\" order?"])
        #expect(messages == [
            RenderedMessage(role: "system", text: "You help Ann <ann@example.com> from R&D."),
            RenderedMessage(role: "user", text: "Where is \"my\" order?"),
        ])
        #expect(throws: QuillError.badInput("'\(PromptLibraryTests.prompt)' uses 'question' with no value; pass --var question=VALUE")) {
            try loaded.render(["customer.name": "Ann", "company": "R"])
        }
        #expect(try loaded.parsed().variables == ["customer", "company", "question"])
    }

    @Test("template features Mustache would render differently are refused, naming them", arguments: [
        ("{{#if vip}}Hello{{/if}}", "Handlebars block helper '{{#if}}'"),
        ("{{#each items}}{{this}}{{/each}}", "Handlebars block helper '{{#each}}'"),
        ("{{> header}}", "partial '{{> header}}'"),
        ("{{json data}}", "Handlebars helper 'json' in '{{json data}}'"),
        ("{{#vip}}a{{else}}b{{/vip}}", "Handlebars '{{else}}'"),
        ("{{../name}}", "Handlebars path '../name'"),
        ("{% for x in xs %}{{x}}{% endfor %}", "Jinja statement '{% for x in xs %}'"),
        ("{{ name | upper }}", "Jinja filter '{{ name | upper }}'"),
        ("{{ items[0] }}", "expression '{{ items[0] }}'"),
        ("{{=<% %>=}}", "delimiter change '{{=<% %>=}}'"),
        ("{{~name}}", "Handlebars whitespace control '{{~name}}'"),
    ])
    func refusesFeatures(template: String, feature: String) throws {
        #expect(TemplateFeatureCheck.unsupported(in: template) == feature)
        let prompt = Prompt(path: "p.md", format: .markdown, frontMatter: nil, messages: [PromptMessage(role: "user", text: template, startLine: 3, endLine: 3)], variables: [], model: nil)
        #expect(throws: QuillError.badInput("'p.md' message 1 (line 3) uses \(feature), which the renderer (Mustache) does not support; expected plain {{name}} variables and {{#name}} sections")) {
            try PromptRenderer.render(prompt, variables: [:])
        }
    }

    @Test("plain Mustache passes the check and renders as Mustache does", arguments: [
        ("{{name}}", "Ann"), ("{{{name}}}", "Ann"), ("{{&name}}", "Ann"), ("{{#vip}}VIP {{/vip}}{{name}}", "VIP Ann"),
        ("{{^missing}}none{{/missing}}", "none"), ("{{! a comment }}{{name}}", "Ann"), ("{{ name }}", "Ann"),
    ])
    func plainMustache(template: String, expected: String) throws {
        #expect(TemplateFeatureCheck.unsupported(in: template) == nil)
        let prompt = Prompt(path: "p.md", format: .markdown, frontMatter: nil, messages: [PromptMessage(role: "user", text: template, startLine: 1, endLine: 1)], variables: [], model: nil)
        #expect(try PromptRenderer.render(prompt, variables: ["name": "Ann", "vip": "yes"]).map(\.text) == [expected])
    }

    @Test("scores(of:) are the version's means from the eval store")
    func scores() throws {
        let (repository, commits) = try makeRepository()
        try repository.recordMetrics(#"{"accuracy": 0.8}"#, commit: commits[0], prompt: PromptLibraryTests.prompt)
        try repository.recordMetrics(#"{"accuracy": 0.9}"#, commit: commits[0], prompt: PromptLibraryTests.prompt)
        let library = try PromptLibrary.open(at: repository.path)
        let scores = try library.scores(of: try library.load(PromptLibraryTests.prompt, label: "production"))
        #expect(scores.count == 1 && scores[0].records == 2)
        #expect(abs((scores[0].metrics["accuracy"]?.mean ?? 0) - 0.85) < 1e-12)
        #expect(try library.scores(of: try library.load(PromptLibraryTests.prompt, revision: "HEAD")).isEmpty)
    }
}
