import Foundation
import GitKit
@testable import QuillCommands
@testable import QuillKit
import TestSupport
import Testing

/// `JSONText` must write exactly what `JSONEncoder` writes for the results that use it: the encoder
/// is the oracle, on hand-made values with awkward text and numbers and on real logs and blames.
@Suite("JSON written directly")
struct JSONTextTests {
    /// Every ASCII byte, quotes, backslashes, slashes, and text beyond ASCII.
    private static let awkward = String(decoding: (1...0x7F).map { UInt8($0) }, as: UTF8.self) + "\"\\/ é 日本 🚀 \u{2028}"

    private static func version(_ index: Int, scores: [VersionScore] = []) -> PromptVersion {
        var version = PromptVersion(
            commit: ObjectID(hex: String(repeating: "ab", count: 20))!, author: "Ada \(index) " + awkward, authorEmail: "ada@example.com",
            date: "2023-11-14T22:14:20+01:00", subject: index.isMultiple(of: 2) ? awkward : "", path: "prompts/a/b.prompt",
            previousPath: index.isMultiple(of: 3) ? "prompts/old \(index).prompt" : nil,
            blob: index.isMultiple(of: 5) ? nil : ObjectID(hex: String(repeating: "0f", count: 20))!, change: index.isMultiple(of: 3) ? .renamed : .modified)
        version.scores = scores
        return version
    }

    /// Scores decoded from JSON (their members are not public), with doubles of every form.
    private static func scores() throws -> [VersionScore] {
        let doubles: [Double] = [0, 1, -1, 0.5, 0.1 + 0.2, 1e-7, 1.5e-300, .leastNonzeroMagnitude, 1e21, 123_456_789_012_345_680, -0.0, 1.0 / 3, 42.25, 1.7976931348623157e308]
        let metrics = doubles.enumerated().map { index, value in
            #""m\#(index)\#(index.isMultiple(of: 2) ? "B" : "a")": {"mean": \#(value), "count": \#(index), \#(index.isMultiple(of: 2) ? #""delta": \#(value / 7), "# : "")"standardDeviation": \#(value / 3)}"#
        }
        let json = #"""
            [{"suite": "smoke \/ \"s\"", "model": "gpt-4o", "records": 3, "manifests": ["a", "b/c"], "metrics": {\#(metrics.joined(separator: ","))}},
             {"suite": "other", "records": 0, "metrics": {}}]
            """#
        return try JSONDecoder().decode([VersionScore].self, from: Data(json.utf8))
    }

    @Test("a log: awkward strings, optional members absent and present, scores with doubles of every form, empty arrays")
    func log() throws {
        let scores = try Self.scores()
        let versions = (0..<12).map { Self.version($0, scores: $0.isMultiple(of: 4) ? scores : []) }
        for log in [PromptLog(prompt: Self.awkward, versions: versions, metrics: ["b", "a/c"]), PromptLog(prompt: "p", versions: [])] {
            #expect(try Renderer.json(log) == Renderer.encodedJSON(log))
        }
    }

    @Test("a blame: lines, commits and metrics")
    func blame() throws {
        let lines = (0..<20).map { index in
            #"{"line": \#(index + 1), "text": "\#(index) \\t \"q\"", "commit": "c\#(index % 3)", "originalLine": \#(index * 7), "originalPath": "p/\#(index)"}"#
        }
        let decoded = try JSONDecoder().decode([BlameLine].self, from: Data("[\(lines.joined(separator: ","))]".utf8))
        let commits = try [true, false].map { boundary in
            let version = try JSONEncoder().encode(Self.version(boundary ? 1 : 4, scores: try Self.scores()))
            let json = #"{"isBoundary": \#(boundary), "lines": 7, "version": \#(String(decoding: version, as: UTF8.self))}"#
            return try JSONDecoder().decode(BlamedCommit.self, from: Data(json.utf8))
        }
        let report = #"{"prompt": "p", "commit": "c", "lines": \#(String(decoding: try JSONEncoder().encode(decoded), as: UTF8.self)), "commits": \#(String(decoding: try JSONEncoder().encode(commits), as: UTF8.self)), "metrics": ["accuracy"]}"#
        let value = try JSONDecoder().decode(BlameReport.self, from: Data(report.utf8))
        #expect(try Renderer.json(value) == Renderer.encodedJSON(value))
    }

    @Test("a number JSON cannot carry fails as the encoder fails")
    func notFinite() throws {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        for mean in ["inf", "nan"] {
            let json = #"[{"suite": "s", "records": 2, "metrics": {"m": {"mean": "\#(mean)", "count": 2}}}]"#
            let log = PromptLog(prompt: "p", versions: [Self.version(1, scores: try decoder.decode([VersionScore].self, from: Data(json.utf8)))])
            #expect(log.versions[0].scores[0].metrics["m"]?.mean.isFinite == false)
            #expect(throws: EncodingError.self) { try Renderer.json(log) }
        }
    }

    @Test("the log and blame of a real repository, renamed and scored")
    func realRepository() throws {
        let repository = try TestRepository.evaluated()
        let rules = (1...8).map { "Rule \($0): be brief / kind.\n" }.joined()
        try repository.write("prompts/a.prompt", "Answer {{question}}.\n" + rules)
        try repository.commitAll("add \"a\"")
        try repository.git("mv", "prompts/a.prompt", "prompts/b.prompt")
        try repository.write("prompts/b.prompt", "Answer {{question}}.\n" + rules + "\tThanks é.\n")
        let commit = try repository.commitAll("rename a → b")
        let workspace = try Workspace.open(from: repository.path)
        let file = repository.path + "/results.json"
        try Data(#"{"quill": 1, "suite": "smoke", "model": "m", "cases": [{"id": "c", "pass": true, "metrics": {"accuracy": 0.75}}]}"#.utf8)
            .write(to: URL(fileURLWithPath: file))
        _ = try workspace.recordEvaluations(RecordRequest(files: [file], prompt: "prompts/b.prompt", commit: commit))
        let log = try workspace.log(prompt: "prompts/b.prompt")
        #expect(log.versions.count == 2)
        #expect(try Renderer.json(log) == Renderer.encodedJSON(log))
        let blame = try workspace.blame(prompt: "prompts/b.prompt")
        #expect(try Renderer.json(blame) == Renderer.encodedJSON(blame))
    }

    @Test("the review of a hostile pull request: prompt text, paths, suites and case outputs written to break out")
    func hostileReview() throws {
        let (_, report) = try ReviewRenderingTests.hostileReport()
        #expect(report.prompts.contains { !$0.history.isEmpty && $0.fileDiff != nil })
        #expect(try Renderer.json(report) == Renderer.encodedJSON(report))
    }

    @Test("a review with every member: front matter of every YAML kind, unparseable and renamed, added and deleted prompts, scores on one side, quill.yaml changed")
    func fullReview() throws {
        let frontMatter = """
            ---
            model: gpt-4o
            config: {temperature: 0.7, "quoted key": ~, list: [1, -2.5, true, "a\\"b"], nested: {x: [], y: {}}}
            tags: [faq, "é 🚀"]
            ---
            {{role "system"}}
            You are a friendly support agent.
            {{role "user"}}
            {{question}}

            """
        let config = TestRepository.gatedConfig + "  latency:\n    direction: lower\n"
        let (repository, base, head) = try TestRepository.pullRequest(
            baseConfig: config,
            base: [
                "prompts/a.prompt": frontMatter, "prompts/b.prompt": "---\nmodel: m\n---\nHello {{name}}.\n", "prompts/gone.md": "Bye.\n",
                "prompts/old name.md": "Keep this text as it is, line one.\nLine two.\nLine three.\n",
            ],
            head: [
                "prompts/a.prompt": frontMatter.replacingOccurrences(of: "gpt-4o", with: "gpt-4o-mini").replacingOccurrences(of: "0.7", with: "1e-7")
                    .replacingOccurrences(of: "friendly", with: "terse") + "{{role \"user\"}}\nAnd {{more}}.\n",
                "prompts/b.prompt": "---\nmodel: m\n{{role \"user\"}}\nnever closed\n", "prompts/gone.md": nil, "prompts/new.md": "New {{thing}}.\n",
                "prompts/old name.md": nil, "prompts/new name.md": "Keep this text as it is, line one.\nLine two.\nLine 3.\n",
                "quill.yaml": config + "  cost:\n    direction: lower\n",
            ])
        for (commit, accuracy) in [(base, 0.9), (head, 0.55)] {
            let cases = (0..<9).map { #"{"id": "t\#($0)", "pass": \#(Double($0) < accuracy * 9), "output": "o\\n\#($0)", "metrics": {"latency": \#(Double($0) * 0.3)}}"# }
            try repository.record(
                #"{"quill": 1, "suite": "s", "model": "m", "metrics": {"accuracy": \#(accuracy), "latency": 1.5}, "cases": [\#(cases.joined(separator: ","))]}"#,
                prompt: "prompts/a.prompt", commit: commit)
        }
        try repository.record(#"{"quill": 1, "suite": "only base", "metrics": {"accuracy": 0.8, "pass_rate": 1}}"#, prompt: "prompts/a.prompt", commit: base)
        try repository.record(#"{"quill": 1, "suite": "s", "metrics": {"accuracy": 0.7}}"#, prompt: "prompts/new.md", commit: head)
        var report = try Workspace.open(from: repository.path).review(ReviewRequest(base: "main"))
        #expect(report.configChange != nil && Set(report.prompts.map(\.diff.change)).isSuperset(of: [.added, .deleted, .modified, .renamed]))
        #expect(report.prompts.contains { $0.diff.text != nil && $0.diff.toError != nil })
        #expect(report.prompts.contains { !($0.diff.structure?.frontMatter.isEmpty ?? true) && !$0.diff.scores.unpaired.isEmpty })
        #expect(try Renderer.json(report) == Renderer.encodedJSON(report))
        report.fetched = ["refs/quill/evals from origin", "main: 3 commits"]
        #expect(try Renderer.json(report) == Renderer.encodedJSON(report))
    }
}
