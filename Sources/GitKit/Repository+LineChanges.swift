internal import CLibGit2
import Foundation

extension Repository {
    /// The changed line ranges from `old` to `new`, oldest first, as `git blame` diffs two versions:
    /// Myers' algorithm through libgit2's copy of git's xdiff, no context lines, the indent heuristic
    /// git turns on by default (`diff.indentHeuristic`) unless `indentHeuristic` is false, and first
    /// git's own trimming of the common tail (`xdi_diff`), which can change where a change lands.
    ///
    /// Complexity: O((n + m) × d) for texts of n and m lines that differ in d lines.
    public static func lineChanges(from old: Data, to new: Data, indentHeuristic: Bool = true) throws(GitError) -> [LineChange] {
        LibGit2.ensureInitialized()
        var options = git_diff_options()
        try check(git_diff_options_init(&options, UInt32(GIT_DIFF_OPTIONS_VERSION)), "git_diff_options_init")
        options.context_lines = 0
        options.interhunk_lines = 0
        options.flags |= GIT_DIFF_FORCE_TEXT.rawValue
        if indentHeuristic { options.flags |= GIT_DIFF_INDENT_HEURISTIC.rawValue }
        let collector = ChangeCollector()
        let payload = Unmanaged.passUnretained(collector).toOpaque()
        let result = old.withUnsafeBytes { oldBuffer in
            new.withUnsafeBytes { newBuffer in
                let kept = Repository.lengthsWithoutCommonTail(oldBuffer, newBuffer)
                return git_diff_buffers(
                    oldBuffer.baseAddress, kept.old, nil, newBuffer.baseAddress, kept.new, nil, &options,
                    nil, nil,
                    { _, hunk, payload in
                        guard let hunk, let payload else { return 0 }
                        Unmanaged<ChangeCollector>.fromOpaque(payload).takeUnretainedValue().add(hunk.pointee)
                        return 0
                    },
                    nil, payload)
            }
        }
        try check(result, "git_diff_buffers")
        return collector.changes
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

/// Receives libgit2's hunk callbacks; never throws across C.
private final class ChangeCollector {
    var changes = [LineChange]()

    /// A unified-diff header starts an empty side at the line before it; a non-empty one at its first line (1-based).
    func add(_ hunk: git_diff_hunk) {
        let oldCount = Int(hunk.old_lines)
        let newCount = Int(hunk.new_lines)
        changes.append(LineChange(
            oldStart: oldCount == 0 ? Int(hunk.old_start) : Int(hunk.old_start) - 1, oldCount: oldCount,
            newStart: newCount == 0 ? Int(hunk.new_start) : Int(hunk.new_start) - 1, newCount: newCount))
    }
}
