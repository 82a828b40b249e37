import Foundation
import TestSupport
import Testing

/// Hostile files run through the built binary, its peak memory read by GNU time: the 9 × 9 YAML
/// alias bomb (324 bytes, 9⁹ values expanded) in a prompt's front matter, in `quill.yaml` and in a
/// DVC result file (before the bound, diff went past 4 GB and status and commit past 5 GB), and
/// result files nested far deeper than any reader accepts (before, TOML crashed the process).
@Suite("hostile input files on the command line")
struct HostileInputCLITests {
    /// The most resident memory a command may take on a bomb: far below the 500 MB the issue allows.
    private let memoryBoundKilobytes = 200_000

    private static let bomb: String = {
        let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return (try? String(contentsOf: fixtures.appendingPathComponent("Fixtures/hostile/alias-bomb.yaml"), encoding: .utf8)) ?? ""
    }()

    private let refusal = "YAML aliases expand to more than"

    /// A repository whose `main` has one prompt and whose work tree (and branch `evil`) adds the bomb.
    private func repository() throws -> TestRepository {
        let repository = try TestRepository()
        try repository.write("prompts/support.prompt", "Hello {{name}}\n")
        try repository.commitAll("base")
        try repository.git("checkout", "-q", "-b", "evil")
        try repository.write("prompts/bomb.prompt", "---\n" + Self.bomb + "---\nHi\n")
        try repository.commitAll("bomb")
        try repository.write("prompts/bomb2.md", "---\n" + Self.bomb + "---\nHi\n")
        return repository
    }

    @Test("diff and status report the bomb as a prompt that does not parse, at its line, in little memory", arguments: [
        ["diff", "main"], ["diff", "main...evil"], ["diff", "main", "--format", "json"], ["status"], ["status", "--format", "json"],
    ])
    func reports(arguments: [String]) throws {
        let repository = try repository()
        let (result, peak) = try QuillBinary.runMeasuringMemory(arguments, in: repository.path)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("prompts/bomb.prompt:10:4: \(refusal)"), "\(result.stdout)")
        #expect(peak < memoryBoundKilobytes, "peak \(peak) KB")
    }

    @Test("commit, eval record and a bombed quill.yaml exit 2 with one line and change nothing")
    func refusals() throws {
        let repository = try repository()
        let head = try repository.git("rev-parse", "HEAD")
        let index = try repository.git("ls-files", "-s")
        let commit = try QuillBinary.runMeasuringMemory(["commit", "-m", "bomb"], in: repository.path)
        #expect(commit.result.status == 2)
        #expect(commit.result.stderr == "error: prompts/bomb2.md:10:4: \(refusal) \(Self.bomb.utf8.count + 100_000) values; expected at most one value per byte plus 100000 (an alias bomb?)\n")
        #expect(commit.peakKilobytes < memoryBoundKilobytes, "peak \(commit.peakKilobytes) KB")
        try repository.write("metrics.yaml", Self.bomb)
        let record = try QuillBinary.runMeasuringMemory(["eval", "record", "metrics.yaml", "--prompt", "prompts/support.prompt"], in: repository.path)
        #expect(record.result.status == 2)
        #expect(record.result.stderr.hasPrefix("error: metrics.yaml:9:4: \(refusal)"), "\(record.result.stderr)")
        #expect(record.result.stderr.split(separator: "\n").count == 1)
        #expect(record.peakKilobytes < memoryBoundKilobytes, "peak \(record.peakKilobytes) KB")
        try repository.write("quill.yaml", "prompts: [\"prompts/**\"]\n" + Self.bomb)
        let config = try QuillBinary.runMeasuringMemory(["status"], in: repository.path)
        #expect(config.result.status == 2)
        #expect(config.result.stderr.hasPrefix("error: quill.yaml:10:4: \(refusal)"), "\(config.result.stderr)")
        #expect(config.peakKilobytes < memoryBoundKilobytes, "peak \(config.peakKilobytes) KB")
        #expect(try repository.git("rev-parse", "HEAD") == head)
        #expect(try repository.git("ls-files", "-s") == index)
        #expect(try repository.git("for-each-ref", "refs/quill").isEmpty)
    }

    @Test("result files nested 50,000 to 100,000 deep exit 2 with one line and record nothing", arguments: [
        ("deep.toml", "x = " + String(repeating: "[", count: 50_000) + String(repeating: "]", count: 50_000) + "\n"),
        ("inline.toml", "x = " + String(repeating: "{a=", count: 20_000) + "1" + String(repeating: "}", count: 20_000) + "\n"),
        ("deep.json", String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)),
        ("deep.yaml", "x: " + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000) + "\n"),
    ])
    func deepResults(name: String, text: String) throws {
        let repository = try repository()
        try repository.write(name, text)
        let (result, peak) = try QuillBinary.runMeasuringMemory(["eval", "record", name, "--prompt", "prompts/support.prompt"], in: repository.path)
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("error: \(name):1:"), "\(result.stderr)")
        #expect(result.stderr.contains("nested deeper than"))
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect(peak < memoryBoundKilobytes, "peak \(peak) KB")
        #expect(try repository.git("for-each-ref", "refs/quill").isEmpty)
    }
}
