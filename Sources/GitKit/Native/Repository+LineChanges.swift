import Foundation

extension Repository {
    /// The changed line ranges from `old` to `new`, two texts cut into lines (`LineTable`), oldest
    /// first, as `git blame` diffs two versions: git's own trimming of the common tail (`xdi_diff`),
    /// which can change where a change lands, then xdiff's Myers with no context lines and the indent
    /// heuristic git turns on by default (`diff.indentHeuristic`) unless `indentHeuristic` is false
    /// (`Xdiff`). A version diffed against its parent and then against its child is cut once.
    ///
    /// Complexity: O(n) memory compares and hash look-ups for the lines both share, plus
    /// O((a + b) × d) for the a and b lines between their common head and tail that differ in d places.
    public static func lineChanges(from old: LineTable, to new: LineTable, indentHeuristic: Bool = true) -> [LineChange] {
        Xdiff.changes(from: old, to: new, indentHeuristic: indentHeuristic)
    }

    /// How many bytes of each side git diffs with no context: a common tail is cut in whole blocks of
    /// 1,024 bytes, then given back up to and including its first newline, so whole lines remain
    /// (`trim_common_tail` in git's `xdiff-interface.c`).
    static func lengthsWithoutCommonTail(_ old: UnsafeRawBufferPointer, _ new: UnsafeRawBufferPointer) -> (old: Int, new: Int) {
        let block = 1024
        let smaller = min(old.count, new.count)
        var trimmed = 0
        while block + trimmed <= smaller,
              memcmp(old.baseAddress! + old.count - trimmed - block, new.baseAddress! + new.count - trimmed - block, block) == 0 {
            trimmed += block
        }
        var recovered = 0
        let tailStart = old.count - trimmed
        while recovered < trimmed {
            recovered += 1
            if old[tailStart + recovered - 1] == UInt8(ascii: "\n") { break }
        }
        return (old.count - trimmed + recovered, new.count - trimmed + recovered)
    }
}
