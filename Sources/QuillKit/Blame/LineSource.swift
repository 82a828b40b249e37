import GitKit

/// Where one line of a blamed file came from: the commit that last changed it, with the line's
/// number and the file's path and blob in that commit (`git blame --porcelain`'s commit, original
/// line and `filename`).
struct LineSource: Hashable {
    let commit: ObjectID
    /// 1-based line number in the file as that commit left it.
    let line: Int
    let path: String
    let blob: ObjectID
    /// What the commit did to the file: `added` when no parent had it, `renamed` (from
    /// `previousPath`) when the parent's file that took the other lines had another path.
    let change: PromptVersion.Change
    let previousPath: String?
}
