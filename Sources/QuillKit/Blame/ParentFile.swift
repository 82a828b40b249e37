import GitKit

/// The file an origin has in a commit: its path and tree entry there.
struct ParentFile: Sendable {
    let path: String
    let entry: TreeEntry
}
