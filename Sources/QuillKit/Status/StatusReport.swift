/// What `quill status` reports: changed prompts and prompts that do not parse.
public struct StatusReport: Codable, Sendable, Equatable {
    /// A prompt that differs between HEAD, the index and the work tree.
    public struct Change: Codable, Sendable, Equatable {
        public let path: String
        /// The path in HEAD when the index renamed the prompt.
        public let headPath: String?
        /// The staged change (`added`, `modified`, `deleted`, `renamed`, `typeChanged`), if any.
        public let staged: String?
        /// The unstaged change (`modified`, `deleted`, `untracked`, `conflicted`, `typeChanged`), if any.
        public let unstaged: String?
        /// Why the work-tree file does not parse, as `file:line:column: message`.
        public let error: String?
    }

    /// The branch HEAD is on (`main`), or `nil` when detached.
    public let branch: String?
    /// The commit HEAD names, or `nil` before the first commit.
    public let head: String?
    public let changes: [Change]
    /// Every prompt in the work tree, changed or not, that does not parse: `file:line:column: message`.
    public let unparseable: [String]
}
