import Foundation
import TestSupport
import Testing

/// Prompts and result files past the size Quill reads are refused before they are read: one line
/// naming the file, its size and the bound, exit 2, nothing written.
@Suite("file size bounds on the command line")
struct FileSizeBoundCLITests {
    private let promptBound = 16 << 20
    private let resultBound = 128 << 20

    /// Writes `size` bytes of prose lines (a valid prompt or text when it were smaller) at `relativePath`.
    private func writeLarge(_ repository: TestRepository, _ relativePath: String, size: Int) throws {
        let line = Data("Answer the question briefly and cite the policy document you used.\n".utf8)
        var data = Data(capacity: size)
        while data.count + line.count <= size { data.append(line) }
        data.append(Data(repeating: UInt8(ascii: "."), count: size - data.count))
        try data.write(to: URL(fileURLWithPath: repository.path).appendingPathComponent(relativePath))
    }

    /// Makes `relativePath` a sparse file of `size` bytes: its size is what counts, and reading it
    /// whole would take that much memory.
    private func writeSparse(_ path: String, size: Int) throws {
        #expect(FileManager.default.createFile(atPath: path, contents: nil))
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.truncate(atOffset: UInt64(size))
        try handle.close()
    }

    private func repository() throws -> TestRepository {
        let repository = try TestRepository()
        try repository.write("prompts/support.md", "Hello\n")
        try repository.commitAll("base")
        return repository
    }

    private func promptRefusal(_ file: String, size: Int) -> String {
        "error: \(file): file is \(size) bytes, larger than the 16 MiB (\(promptBound) bytes) Quill reads for a prompt; expected a smaller file\n"
    }

    /// Runs each of `commands` and expects the refusal, exit 2 and nothing on stdout.
    private func expectRefused(_ commands: [[String]], in repository: TestRepository, _ refusal: String) throws {
        for arguments in commands {
            let result = try QuillBinary.run(arguments, in: repository.path)
            #expect(result.status == 2, "\(arguments)")
            #expect(result.stderr == refusal, "\(arguments)")
            #expect(result.stdout.isEmpty, "\(arguments)")
        }
    }

    @Test("a work-tree prompt one byte over 16 MiB: status, commit, diff and textconv refuse it, nothing changes")
    func prompt() throws {
        let repository = try repository()
        try writeLarge(repository, "prompts/support.md", size: promptBound + 1)
        let head = try repository.git("rev-parse", "HEAD")
        let index = try repository.git("ls-files", "--stage", "--debug")
        try expectRefused(
            [["status"], ["status", "--format", "json"], ["commit", "-m", "huge"], ["commit", "-m", "huge", "prompts/support.md"], ["diff"],
             ["diff", "--format", "json"], ["textconv", "prompts/support.md"]],
            in: repository, promptRefusal("prompts/support.md", size: promptBound + 1))
        #expect(try repository.git("rev-parse", "HEAD") == head)
        #expect(try repository.git("ls-files", "--stage", "--debug") == index)
        #expect(try repository.git("status", "--porcelain") == " M prompts/support.md")
    }

    @Test("a work-tree prompt of 1 GiB is refused from its size: no command reads it into memory")
    func sparsePrompt() throws {
        let repository = try repository()
        let size = 1 << 30
        try writeSparse(repository.path + "/prompts/support.md", size: size)
        try writeSparse(repository.path + "/prompts/new.md", size: size)
        for (arguments, file) in [
            (["status"], "prompts/new.md"), (["commit", "-m", "huge"], "prompts/new.md"), (["diff"], "prompts/support.md"),
            (["textconv", "prompts/support.md"], "prompts/support.md"),
        ] {
            let (result, peak) = try QuillBinary.runMeasuringMemory(arguments, in: repository.path)
            #expect(result.status == 2, "\(arguments)")
            #expect(result.stderr == promptRefusal(file, size: size), "\(arguments)")
            #expect(peak < 200_000, "\(arguments): peak \(peak) KB")
        }
    }

    @Test("a committed prompt one byte over 16 MiB: show refuses it by path, by revision and by commit")
    func committedPrompt() throws {
        let repository = try repository()
        try writeLarge(repository, "prompts/support.md", size: promptBound + 1)
        try repository.commitAll("huge")
        let head = try repository.git("rev-parse", "HEAD")
        try expectRefused(
            [["show", "prompts/support.md"], ["show", "HEAD:prompts/support.md"], ["show", "HEAD"], ["show", "HEAD", "--format", "json"],
             ["diff", "HEAD~1", "HEAD"]],
            in: repository, promptRefusal("prompts/support.md", size: promptBound + 1))
        #expect(try repository.git("rev-parse", "HEAD") == head)
        #expect(try repository.git("status", "--porcelain").isEmpty)
    }

    private func configRefusal(_ file: String, size: Int) -> String {
        "error: \(file): file is \(size) bytes, larger than the 1 MiB (\(1 << 20) bytes) Quill reads for quill.yaml; expected a smaller file\n"
    }

    @Test("a quill.yaml of 1 GiB in the work tree is refused from its size by every command that reads it")
    func workTreeConfig() throws {
        let repository = try repository()
        try writeSparse(repository.path + "/quill.yaml", size: 1 << 30)
        for arguments in [["status"], ["log"], ["diff"], ["init"], ["blame", "prompts/support.md"]] {
            let (result, peak) = try QuillBinary.runMeasuringMemory(arguments, in: repository.path)
            #expect(result.status == 2, "\(arguments)")
            #expect(result.stderr == configRefusal("quill.yaml", size: 1 << 30), "\(arguments)")
            #expect(peak < 200_000, "\(arguments): peak \(peak) KB")
        }
    }

    @Test("a committed quill.yaml one byte over 1 MiB is refused from its blob's size: by review on a branch, in a bare clone")
    func committedConfig() throws {
        let repository = try repository()
        try repository.git("checkout", "-q", "-b", "evil")
        try writeLarge(repository, "quill.yaml", size: (1 << 20) + 1)
        try repository.commitAll("a huge quill.yaml")
        try repository.git("checkout", "-q", "-")
        try expectRefused([["review", "evil", "main"]], in: repository, configRefusal("evil:quill.yaml", size: (1 << 20) + 1))
        let bare = try TestRepository(cloning: repository, options: ["--bare", "--branch", "evil"])
        let result = try QuillBinary.run(["log"], in: bare.path)
        #expect(result.status == 2)
        #expect(result.stderr == configRefusal("HEAD:quill.yaml", size: (1 << 20) + 1))
    }

    @Test("an added file too large to be a prompt is not read for rename detection: it stays an addition")
    func largeRenameCandidate() throws {
        let repository = try repository()
        try repository.write("data/big.bin", "small when staged\n")
        try repository.git("add", "data/big.bin")
        try FileManager.default.removeItem(atPath: repository.path + "/prompts/support.md")
        try writeSparse(repository.path + "/data/big.bin", size: 1 << 30)
        let (result, peak) = try QuillBinary.runMeasuringMemory(["diff", "--format", "json"], in: repository.path)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("\"prompts/support.md\""))
        #expect(!result.stdout.contains("big.bin"))
        #expect(peak < 200_000, "peak \(peak) KB")
    }

    @Test("a result file one byte over 128 MiB is refused from its size, before it is read, and nothing is recorded")
    func resultFile() throws {
        let repository = try repository()
        try writeSparse(repository.path + "/results.json", size: resultBound + 1)
        let (result, peak) = try QuillBinary.runMeasuringMemory(["eval", "record", "results.json", "--prompt", "prompts/support.md"], in: repository.path)
        #expect(result.status == 2)
        #expect(result.stderr == "error: results.json: file is \(resultBound + 1) bytes, larger than the 128 MiB (\(resultBound) bytes) Quill reads for a results file; expected a smaller file\n")
        #expect(peak < 100_000, "peak \(peak) KB")
        #expect(try repository.git("for-each-ref", "refs/quill").isEmpty)
    }

    @Test("a dataset of 1 GiB given to drift is refused from its size, before it is read")
    func dataset() throws {
        let repository = try repository()
        try repository.write("before.jsonl", "{\"text\": \"Where is my order?\"}\n")
        try writeSparse(repository.path + "/after.jsonl", size: 1 << 30)
        let (result, peak) = try QuillBinary.runMeasuringMemory(["drift", "before.jsonl", "after.jsonl"], in: repository.path)
        #expect(result.status == 2)
        #expect(result.stderr == "error: after.jsonl: file is \(1 << 30) bytes, larger than the 128 MiB (\(resultBound) bytes) Quill reads for a dataset; expected a smaller file\n")
        #expect(peak < 100_000, "peak \(peak) KB")
    }

    @Test("an endless results device is read up to the bound only, then refused")
    func endlessResultFile() throws {
        let repository = try repository()
        let result = try QuillBinary.run(["eval", "record", "/dev/zero", "--prompt", "prompts/support.md"], in: repository.path)
        #expect(result.status == 2)
        #expect(result.stderr == "error: /dev/zero: file holds more than \(resultBound) bytes, larger than the 128 MiB (\(resultBound) bytes) Quill reads for a results file; expected a smaller file\n")
        #expect(try repository.git("for-each-ref", "refs/quill").isEmpty)
    }
}
