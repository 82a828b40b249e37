/// The largest file of a kind Quill reads: past it, the command refuses the file before parsing it,
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

    /// Refuses a file of `size` bytes read as `file` when it is larger than the bound.
    func check(_ size: Int, file: String) throws(InputFileError) {
        guard size > bytes else { return }
        throw InputFileError(
            file: file, message: "file is \(size) bytes, larger than the \(bytes >> 20) MiB (\(bytes) bytes) Quill reads for \(what); expected a smaller file")
    }
}
