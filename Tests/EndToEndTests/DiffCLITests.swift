import Foundation
import QuillKit
import TestSupport
import Testing

/// `quill diff`, `quill init --git-diff` and the demo, run as the built binary.
@Suite("quill diff command line")
struct DiffCLITests {
    private let v1 = "---\nmodel: gpt-4o\nconfig:\n  temperature: 0.7\n---\n{{role \"system\"}}\nBe brief.\n{{role \"user\"}}\n{{question}}\n"
    private let v2 = "---\nmodel: gpt-4o\nconfig:\n  temperature: 0.2\n---\n{{role \"system\"}}\nBe brief and kind.\n{{role \"user\"}}\n{{question}}\n"

    /// A repository with the prompt at v1 then v2, and per-case results recorded for both.
    private func scoredRepository() throws -> TestRepository {
        let repository = try TestRepository()
        try repository.write("prompts/support.prompt", v1)
        try repository.commitAll("v1")
        try repository.write("prompts/support.prompt", v2)
        try repository.commitAll("v2")
        for (revision, passing) in [("HEAD~1", 6), ("HEAD", 9)] {
            let cases = (0..<10).map { #"{"id": \#($0), "pass": \#($0 < passing), "output": "answer \#($0)"}"# }
            try repository.write("results.json", #"{"quill": 1, "prompt": "prompts/support.prompt", "suite": "smoke", "cases": [\#(cases.joined(separator: ","))]}"#)
            let recorded = try QuillBinary.run(["eval", "record", "results.json", "--commit", revision], in: repository.path)
            #expect(recorded.status == 0, "\(recorded.stderr)")
        }
        try repository.remove("results.json")
        return repository
    }

    @Test("diff A B prints the prompt diff and the score table; JSON carries the same data with stable keys")
    func diffs() throws {
        let repository = try scoredRepository()
        let text = try QuillBinary.run(["diff", "HEAD~1", "HEAD"], in: repository.path)
        #expect(text.status == 0, "\(text.stderr)")
        #expect(!text.stdout.contains("\u{1B}"))
        #expect(text.stdout.contains("~ config.temperature: 0.7 → 0.2"))
        #expect(text.stdout.contains("~ Be brief{+ and kind+}."))
        #expect(text.stdout.contains("scores — smoke (1 run → 1 run, 10 cases paired)"))
        #expect(text.stdout.contains("pass/fail: 0 pass→fail, 3 fail→pass"))
        #expect(text.stdout.contains("    fail → pass:\n      6: \"answer 6\" → \"answer 6\"\n      7:"))
        let json = try QuillBinary.run(["diff", "HEAD~1..HEAD", "--format", "json", "--", "prompts/support.prompt"], in: repository.path)
        #expect(json.status == 0, "\(json.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let prompts = try #require(object["prompts"] as? [[String: Any]])
        #expect(prompts.count == 1)
        let prompt = try #require(prompts.first)
        #expect(Set(prompt.keys) == ["path", "change", "fromBlob", "toBlob", "structure", "scores"])
        let groups = try #require((prompt["scores"] as? [String: Any])?["groups"] as? [[String: Any]])
        let passRate = try #require((groups.first?["metrics"] as? [[String: Any]])?.first { $0["name"] as? String == "pass_rate" })
        #expect(Set(passRate.keys).isSuperset(of: ["delta", "from", "to", "verdict", "interval", "pairedCases", "significant", "direction"]))
        let again = try QuillBinary.run(["diff", "HEAD~1..HEAD", "--format", "json", "--", "prompts/support.prompt"], in: repository.path)
        #expect(again.stdout == json.stdout)
        let markdown = try QuillBinary.run(["diff", "HEAD~1", "HEAD", "--format", "markdown"], in: repository.path)
        #expect(markdown.stdout.hasPrefix("### quill diff `HEAD~1` → `HEAD`\n\n| prompt |"))
    }

    @Test("bad revisions and paths exit 2 with one line", arguments: [
        ["diff", "no-such-rev"], ["diff", "HEAD", "--", "prompts/missing.prompt"], ["diff", "a", "b", "c"],
    ])
    func badInput(arguments: [String]) throws {
        let repository = try scoredRepository()
        let result = try QuillBinary.run(arguments, in: repository.path)
        #expect(result.status == 2)
        #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
        #expect(result.stderr.hasPrefix("error: "))
        #expect(result.stdout.isEmpty)
    }

    @Test("init --git-diff makes plain git diff show prompts in Quill's normalised form")
    func gitTextconv() throws {
        let repository = try TestRepository()
        let setup = try QuillBinary.run(["init", "--git-diff"], in: repository.path)
        #expect(setup.status == 0, "\(setup.stderr)")
        #expect(try repository.read(".gitattributes") == "/prompts/** diff=quill\n")
        #expect(try repository.git("config", "diff.quill.textconv") == "quill textconv")
        #expect(try QuillBinary.run(["init", "--git-diff"], in: repository.path).status == 0)
        #expect(try repository.read(".gitattributes") == "/prompts/** diff=quill\n")
        try repository.write("prompts/support.prompt", v1)
        try repository.commitAll("v1")
        try repository.write("prompts/support.prompt", v2)
        // The binary moves (an upgrade, another runner): git finds quill by name on its PATH.
        let moved = try TemporaryFolder()
        // A link, not a copy: a copy's write descriptor can leak into a child another test thread
        // spawns at that moment, and running the copy then fails with "Text file busy".
        try FileManager.default.createSymbolicLink(atPath: moved.path + "/quill", withDestinationPath: QuillBinary.path)
        let path = ["PATH": moved.path + ":/usr/bin:/bin"]
        let diff = try repository.git(["diff"], environment: path)
        #expect(diff.contains("-      temperature: 0.7\n+      temperature: 0.2"), "\(diff)")
        #expect(diff.contains("   [system]"))
        #expect(!diff.contains("{{role"))
        let log = try repository.git(["log", "-p", "-1"], environment: path)
        #expect(log.contains("front matter:"))
    }

    @Test("git's textconv reads both sides as quill.yaml's formats say: the work-tree file by its path, git's temporary copy by its name")
    func textconvFormats() throws {
        let repository = try TestRepository.evaluated()
        try repository.write("quill.yaml", "formats:\n  \"prompts/system/**\":\n    role: system\n")
        #expect(try QuillBinary.run(["init", "--git-diff"], in: repository.path).status == 0)
        try repository.write("prompts/system/tone.md", "You are calm.\n")
        try repository.write("prompts/user/tone.md", "Be calm.\n")
        try repository.commitAll("v1")
        try repository.write("prompts/system/tone.md", "You are kind.\n")
        let moved = try TemporaryFolder()
        try FileManager.default.createSymbolicLink(atPath: moved.path + "/quill", withDestinationPath: QuillBinary.path)
        let path = ["PATH": moved.path + ":/usr/bin:/bin"]
        // The old side is a temporary copy; two staged files are named tone.md, and they disagree.
        let ambiguous = try repository.git(["diff", "--", "prompts/system/tone.md"], environment: path)
        #expect(ambiguous.contains(" [user]") && ambiguous.contains(" [system]"), "\(ambiguous)")
        try repository.git("rm", "-q", "prompts/user/tone.md")
        let diff = try repository.git(["diff", "--", "prompts/system/tone.md"], environment: path)
        #expect(diff.contains(" [system]") && !diff.contains("[user]"), "\(diff)")
        #expect(diff.contains("-    You are calm.") && diff.contains("+    You are kind."), "\(diff)")
        let byHand = try QuillBinary.run(["textconv", "prompts/system/tone.md"], in: repository.path)
        #expect(byHand.stdout.contains("[system]") && byHand.status == 0, "\(byHand.stdout)")
    }

    @Test("init --git-diff gives the driver to exactly the files Quill's globs match, as git check-attr reads them")
    func attributesMatchGlobs() throws {
        let repository = try TestRepository()
        let globs = ["*.prompt", "prompts", "docs/**/*.md", "[a-c]*/x.prompt", "#notes/*.txt"]
        try repository.write("quill.yaml", "prompts:\n" + globs.map { "  - \"\($0)\"\n" }.joined())
        let setup = try QuillBinary.run(["init", "--git-diff"], in: repository.path)
        #expect(setup.status == 0, "\(setup.stderr)")
        let files = ["a.prompt", "sub/a.prompt", "prompts/x.md", "prompts/deep/y.prompt", "prompts.md", "docs/a.md",
                     "docs/x/y/z.md", "other/docs/a.md", "b1/x.prompt", "d1/x.prompt", "#notes/a.txt", "x/#notes/a.txt"]
        let checked = try repository.git(["check-attr", "-z", "diff", "--"] + files).split(separator: "\0").map(String.init)
        let compiled = try globs.map { try Glob($0) }
        for (index, file) in files.enumerated() {
            let quill = compiled.contains { $0.matches(file) }
            #expect(checked[index * 3 + 2] == (quill ? "quill" : "unspecified"), "\(file)")
        }
    }

    @Test("init --git-diff writes each prompt glob as a .gitattributes pattern git check-attr reads as that glob",
          arguments: [("my prompts/**", "my prompts/support.prompt"), ("#drafts/**", "#drafts/support.prompt"),
                      ("q\"uoted/**", "q\"uoted/support.prompt"), ("!bang/*.prompt", "!bang/support.prompt"),
                      ("tab\there/**", "tab\there/support.prompt")])
    func attributesPatterns(glob: String, file: String) throws {
        let repository = try TestRepository()
        try repository.write("quill.yaml", "prompts:\n  - \"\(glob.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"").replacingOccurrences(of: "\t", with: "\\t"))\"\n")
        let setup = try QuillBinary.run(["init", "--git-diff"], in: repository.path)
        #expect(setup.status == 0, "\(setup.stderr)")
        let attributes = try repository.read(".gitattributes")
        #expect(!attributes.hasPrefix("#") && attributes.split(separator: "\n").count == 1, "\(attributes)")
        // A file the glob matches (also as Quill's own glob reads it) gets the driver; another does not.
        let matching = "\(file)", other = "prompts/other.prompt"
        let checked = try repository.git("check-attr", "-z", "diff", "--", matching, other).split(separator: "\0").map(String.init)
        #expect(checked == [matching, "diff", "quill", other, "diff", "unspecified"], "\(attributes) → \(checked)")
        // And real git diff goes through the driver for it.
        let moved = try TemporaryFolder()
        // A link, not a copy: a copy's write descriptor can leak into a child another test thread
        // spawns at that moment, and running the copy then fails with "Text file busy".
        try FileManager.default.createSymbolicLink(atPath: moved.path + "/quill", withDestinationPath: QuillBinary.path)
        try repository.write(file, v1)
        try repository.commitAll("v1")
        try repository.write(file, v2)
        let diff = try repository.git(["diff"], environment: ["PATH": moved.path + ":/usr/bin:/bin"])
        #expect(diff.contains("-      temperature: 0.7\n+      temperature: 0.2"), "\(diff)")
    }

    @Test("the demo prints a diff with scores, intervals and flipped cases")
    func demo() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("quill-e2e-demo-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let result = try QuillBinary.run(["demo", folder], in: FileManager.default.temporaryDirectory.path)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("$ quill diff HEAD~3 HEAD"))
        #expect(result.stdout.contains("scores — support-regression (2 runs → 1 run, 40 cases paired)"))
        #expect(result.stdout.contains("95% CI"))
        #expect(result.stdout.contains("McNemar exact p"))
        let json = try QuillBinary.run(["diff", "HEAD~3", "HEAD", "--format", "json"], in: folder)
        #expect(json.status == 0)
        #expect(json.stdout.contains("\"interval\""))
    }
}
