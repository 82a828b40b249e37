import GitKit

/// A file in a commit that blame reaches (git's `blame_origin`), by commit and path.
struct OriginKey: Hashable, Sendable {
    let commit: ObjectID
    let path: String
}
