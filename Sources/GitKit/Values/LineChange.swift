/// One change between two texts with no context: old lines `oldStart..<oldStart+oldCount` became
/// new lines `newStart..<newStart+newCount` (0-based; a count of 0 is an insertion or a removal
/// before that line), as git's xdiff hands its hunks to `git blame`.
public struct LineChange: Hashable, Sendable {
    public let oldStart: Int
    public let oldCount: Int
    public let newStart: Int
    public let newCount: Int

    public init(oldStart: Int, oldCount: Int, newStart: Int, newCount: Int) {
        self.oldStart = oldStart
        self.oldCount = oldCount
        self.newStart = newStart
        self.newCount = newCount
    }
}
