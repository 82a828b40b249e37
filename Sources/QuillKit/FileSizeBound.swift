import Foundation
import GitKit

/// The largest file of a kind Quill reads: past it, the command refuses the file before reading it,
/// so a hostile branch or result file cannot make a command run for minutes or exhaust memory.
public struct FileSizeBound: Sendable, Equatable {
    /// The largest size accepted, in bytes.
    public let bytes: Int
    /// What the file is, for the refusal ("a prompt").
    let what: String

    /// Prompt files, committed or in the work tree: 16 MiB, four times the largest real prompt file
    /// seen (the 4 MB awesome-chatgpt-prompts CSV).
    public static let prompt = FileSizeBound(bytes: 16 << 20, what: "a prompt")
    /// Result files given to `quill eval record`: 128 MiB, which Quill reads in under 500 MB of memory.
    public static let resultFile = FileSizeBound(bytes: 128 << 20, what: "a results file")
    /// A dataset of texts given to `quill drift`, a file or committed: 128 MiB, which drift profiles in
    /// under 500 MB a side (a 96 MB file of 100,000 documents took 289 MB for both sides).
    public static let dataset = FileSizeBound(bytes: 128 << 20, what: "a dataset")
    /// `quill.yaml`, in the work tree or committed: 1 MiB, hundreds of times a real configuration.
    public static let config = FileSizeBound(bytes: 1 << 20, what: "quill.yaml")

    /// Refuses a file of `size` bytes read as `file` when it is larger than the bound.
    func check(_ size: Int, file: String) throws(InputFileError) {
        guard size > bytes else { return }
        throw refusal(size: size, file: file)
    }

    /// What `read` returns when given the bound in bytes; a `FileTooLarge` it throws (a file refused
    /// before it was read, or a pipe cut one byte past the bound) becomes one line naming `file`.
    func reading<T>(_ file: String, _ read: (Int) throws(FileTooLarge) -> T) throws(InputFileError) -> T {
        do {
            return try read(bytes)
        } catch {
            throw refusal(size: error.size, file: file)
        }
    }

    /// One line naming `file`, its size when known and the bound.
    private func refusal(size: Int?, file: String) -> InputFileError {
        let found = size.map { "file is \($0) bytes" } ?? "file holds more than \(bytes) bytes"
        return InputFileError(
            file: file, message: "\(found), larger than the \(bytes >> 20) MiB (\(bytes) bytes) Quill reads for \(what); expected a smaller file")
    }
}
