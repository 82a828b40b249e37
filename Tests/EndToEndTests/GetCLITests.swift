import Foundation
import TestSupport
import Testing

/// `quill get` as applications and scripts call it: bytes, JSON, rendering, bare repositories, `--repo`.
@Suite("quill get")
struct GetCLITests {
    static let prompt = "prompts/support.prompt"

    private func makeRepository() throws -> TestRepository {
        let repository = try TestRepository()
        try repository.write(GetCLITests.prompt, "---\nmodel: gpt-4o\n---\n{{role \"system\"}}\nHelp {{name}}.\n{{role \"user\"}}\n{{question}}\n")
        try repository.commitAll("v1")
        let set = try QuillBinary.run(["label", "set", "production", GetCLITests.prompt], in: repository.path)
        #expect(set.status == 0, "\(set.stderr)")
        try repository.write(GetCLITests.prompt, "Changed {{name}}\n")
        try repository.commitAll("v2")
        return repository
    }

    @Test("bytes by label are exactly git's blob, from a subfolder, a bare mirror with --repo, and from outside with --repo")
    func bytes() throws {
        let repository = try makeRepository()
        let expected = try ProcessRunner.run(TestEnvironment.gitPath, ["cat-file", "blob", "HEAD~1:\(GetCLITests.prompt)"], in: repository.path, environment: TestEnvironment.variables())
        let here = try QuillBinary.run(["get", "\(GetCLITests.prompt)@production"], in: repository.path)
        #expect(here.status == 0 && here.stdout == expected.stdout, "\(here.stderr)")
        let sub = try QuillBinary.run(["get", "support.prompt@production"], in: repository.path + "/prompts")
        #expect(sub.stdout == expected.stdout, "\(sub.stderr)")
        let bare = try TemporaryFolder()
        try repository.git("clone", "-q", "--mirror", repository.path, bare.path + "/mirror.git")
        let inBare = try QuillBinary.run(["get", "\(GetCLITests.prompt)@production"], in: bare.path + "/mirror.git")
        #expect(inBare.stdout == expected.stdout, "\(inBare.stderr)")
        let outside = try QuillBinary.run(["get", "\(GetCLITests.prompt)@production", "--repo", bare.path + "/mirror.git"], in: bare.path)
        #expect(outside.stdout == expected.stdout, "\(outside.stderr)")
        let head = try QuillBinary.run(["get", GetCLITests.prompt, "--repo", repository.path], in: bare.path)
        #expect(head.stdout == "Changed {{name}}\n")
    }

    @Test("--format json has the front matter, messages and variables; --render fills variables")
    func jsonAndRender() throws {
        let repository = try makeRepository()
        let json = try QuillBinary.run(["get", "\(GetCLITests.prompt)@production", "--format", "json"], in: repository.path)
        let decoded = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let prompt = try #require(decoded["prompt"] as? [String: Any])
        #expect(prompt["variables"] as? [String] == ["name", "question"])
        #expect((prompt["messages"] as? [[String: Any]])?.compactMap { $0["role"] as? String } == ["system", "user"])
        #expect((prompt["frontMatter"] as? [String: Any])?["model"] as? String == "gpt-4o")
        #expect(decoded["label"] as? String == "production")

        let rendered = try QuillBinary.run(["get", "\(GetCLITests.prompt)@production", "--render", "--var", "name=Ann", "--var", "question=Where?"], in: repository.path)
        #expect(rendered.status == 0 && rendered.stdout == "system:\nHelp Ann.\n\nuser:\nWhere?\n", "\(rendered.stderr)")
        let missing = try QuillBinary.run(["get", "\(GetCLITests.prompt)@production", "--render", "--var", "name=Ann"], in: repository.path)
        #expect(missing.status == 2 && missing.stderr == "error: '\(GetCLITests.prompt)' uses 'question' with no value; pass --var question=VALUE\n")
    }

    @Test("an unsupported template feature is refused with exit 2 naming it; unknown labels and paths are exit 2")
    func refusals() throws {
        let repository = try makeRepository()
        try repository.write("prompts/if.prompt", "{{#if vip}}Hi {{name}}{{/if}}\n")
        try repository.commitAll("if")
        let feature = try QuillBinary.run(["get", "prompts/if.prompt", "--render", "--var", "name=A", "--var", "vip=1"], in: repository.path)
        #expect(feature.status == 2)
        #expect(feature.stderr.contains("Handlebars block helper '{{#if}}'") && feature.stdout.isEmpty, "\(feature.stderr)")
        let label = try QuillBinary.run(["get", "prompts/if.prompt@production"], in: repository.path)
        #expect(label.status == 2, "\(label.stderr)")
        let path = try QuillBinary.run(["get", "prompts/nope.prompt"], in: repository.path)
        #expect(path.status == 2 && path.stderr.hasPrefix("error: prompt 'prompts/nope.prompt' does not exist at 'HEAD'"), "\(path.stderr)")
        let notRepository = try TemporaryFolder()
        let outside = try QuillBinary.run(["get", GetCLITests.prompt], in: notRepository.path)
        #expect(outside.status == 3)
    }
}
