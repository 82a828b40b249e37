/// A line diff of two texts, as hunks of context, removed and added lines.
public struct LineDiff: Hashable, Sendable {
    /// How the diff is computed.
    public struct Options: Hashable, Sendable {
        /// Unchanged lines kept around each change.
        public var contextLines: Int
        /// Use the patience algorithm (better on moved blocks) instead of Myers.
        public var patience: Bool
        /// Treat lines that differ only in white space as equal.
        public var ignoreWhitespace: Bool

        public init(contextLines: Int = 3, patience: Bool = false, ignoreWhitespace: Bool = false) {
            self.contextLines = contextLines
            self.patience = patience
            self.ignoreWhitespace = ignoreWhitespace
        }
    }

    /// One line of a hunk.
    public struct Line: Hashable, Sendable {
        public enum Kind: String, Hashable, Sendable { case context, added, removed }
        public let kind: Kind
        /// The text without its line ending.
        public let text: String
        /// 1-based line number on the old side (context and removed lines).
        public let oldLine: Int?
        /// 1-based line number on the new side (context and added lines).
        public let newLine: Int?
    }

    /// A run of changes with its context, as in a unified diff's `@@ -a,b +c,d @@`.
    public struct Hunk: Hashable, Sendable {
        public let oldStart: Int
        public let oldCount: Int
        public let newStart: Int
        public let newCount: Int
        public var lines: [Line]
    }

    public var hunks: [Hunk]

    /// Whether the two sides are the same.
    public var isEmpty: Bool { hunks.isEmpty }
}
