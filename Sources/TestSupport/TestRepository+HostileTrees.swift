import Foundation

extension TestRepository {
    /// One entry of a tree written byte by byte: `mode` in git's octal spelling (`100644`, `40000`,
    /// `120000`), any `name` (git's own checks are bypassed), the hex id of the object it names.
    public struct RawEntry {
        public let mode: String
        public let name: String
        public let id: String

        public init(_ mode: String, _ name: String, _ id: String) {
            self.mode = mode
            self.name = name
            self.id = id
        }
    }

    /// Writes a tree object holding exactly `entries`, in the order given, with
    /// `git hash-object -t tree --literally`, so names git refuses (`..`, `.git`, `a/b`, duplicates) get in
    /// as a hostile branch would bring them; returns its id.
    public func writeRawTree(_ entries: [RawEntry]) throws -> String {
        var bytes = Data()
        for entry in entries {
            bytes.append(contentsOf: Array("\(entry.mode) \(entry.name)".utf8) + [0])
            bytes.append(contentsOf: stride(from: 0, to: entry.id.count, by: 2).map { offset in
                let start = entry.id.index(entry.id.startIndex, offsetBy: offset)
                return UInt8(entry.id[start..<entry.id.index(start, offsetBy: 2)], radix: 16)!
            })
        }
        let result = try ProcessRunner.run(
            TestEnvironment.gitPath, ["hash-object", "-t", "tree", "--literally", "-w", "--stdin"], in: path,
            environment: TestEnvironment.variables(), input: bytes)
        guard result.status == 0 else { throw TestFailure("git hash-object --literally failed: \(result.stderr)") }
        return result.output
    }

    /// Writes a blob holding `content`; returns its id.
    public func writeBlob(_ content: String) throws -> String {
        try git(["hash-object", "-w", "--stdin"], input: content)
    }

    /// Writes a parentless commit of `tree` (`git commit-tree`); returns its id.
    public func commitTree(_ tree: String, message: String = "hostile tree") throws -> String {
        try git("commit-tree", tree, "-m", message)
    }
}
