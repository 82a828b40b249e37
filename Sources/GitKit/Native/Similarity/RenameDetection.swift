/// Which pairings of a tree diff's files rename detection looks for.
public enum RenameDetection: Sendable {
    /// Deleted files paired with added ones, as `git diff -M` and `git blame` pair them.
    case renames
    /// Added files paired with deleted or changed files, as `git diff -C` pairs them (and `git diff`
    /// with `diff.renames=copies`).
    case changedFileCopies
    /// Added files paired with any file of the old tree, deleted, changed or not, as
    /// `git diff -C --find-copies-harder` and `git log --follow` pair them.
    case copies
}
