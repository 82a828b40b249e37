import Foundation
import TestSupport
import Testing

/// Prompts and result files one byte past the size Quill reads are refused before they are parsed:
/// one line naming the file, its size and the bound, exit 2, nothing written.
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

    private func repository() throws -> TestRepository {
        let repository = try TestRepository()
        try repository.write("prompts/support.md", "Hello\n")
        try repository.commitAll("base")
        return repository
    }

    @Test("a prompt one byte over 16 MiB: commit and diff refuse it, status lists it as a prompt that does not parse")
    func prompt() throws {
        let repository = try repository()
        try writeLarge(repository, "prompts/support.md", size: promptBound + 1)
        let head = try repository.git("rev-parse", "HEAD")
        let refusal = "error: prompts/support.md: file is \(promptBound + 1) bytes, larger than the 16 MiB (\(promptBound) bytes) Quill reads for a prompt; expected a smaller file\n"
        for arguments in [["commit", "-m", "huge"], ["diff"], ["diff", "--format", "json"]] {
            let result = try QuillBinary.run(arguments, in: repository.path)
            #expect(result.status == 2, "\(arguments)")
            #expect(result.stderr == refusal, "\(arguments)")
            #expect(result.stdout.isEmpty, "\(arguments)")
        }
        let status = try QuillBinary.run(["status"], in: repository.path)
        #expect(status.stdout.contains(String(refusal.dropFirst("error: ".count).dropLast())), "\(status.stdout)")
        #expect(try repository.git("rev-parse", "HEAD") == head)
        #expect(try repository.git("status", "--porcelain") == " M prompts/support.md")
    }

    @Test("a result file one byte over 128 MiB is refused before it is read, and nothing is recorded")
    func resultFile() throws {
        let repository = try repository()
        // A sparse file: the size is what counts, and the refusal comes before any byte is looked at.
        let path = repository.path + "/results.json"
        #expect(FileManager.default.createFile(atPath: path, contents: nil))
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.truncate(atOffset: UInt64(resultBound + 1))
        try handle.close()
        let result = try QuillBinary.run(["eval", "record", "results.json", "--prompt", "prompts/support.md"], in: repository.path)
        #expect(result.status == 2)
        #expect(result.stderr == "error: results.json: file is \(resultBound + 1) bytes, larger than the 128 MiB (\(resultBound) bytes) Quill reads for a results file; expected a smaller file\n")
        #expect(try repository.git("for-each-ref", "refs/quill").isEmpty)
    }
}
