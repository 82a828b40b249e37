/// What `quill drift` compares: two text collections as the user named them.
public struct DriftRequest: Sendable {
    /// The baseline: a file, `REV:PATH` for a file as committed at a revision, or `manifest:MANIFEST`
    /// for the documents of a recorded manifest (`manifest:latest:NAME`, `manifest:ID`).
    public var a: String
    /// The collection compared with the baseline, named the same ways.
    public var b: String
    /// The field (JSON Lines) or column (CSV) holding each document's text; `text` when nil.
    public var field: String?
    /// How many words and n-grams each list of the report shows.
    public var top: Int

    public init(a: String, b: String, field: String? = nil, top: Int = 10) {
        self.a = a
        self.b = b
        self.field = field
        self.top = top
    }
}
