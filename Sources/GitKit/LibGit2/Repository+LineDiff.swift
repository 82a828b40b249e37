internal import CLibGit2
import Foundation

extension Repository {
    /// The line diff of two blobs (`nil` is an empty side).
    public func lineDiff(from old: ObjectID?, to new: ObjectID?, options: LineDiff.Options = .init()) throws(GitError) -> LineDiff {
        try Repository.lineDiff(from: old.map(blobData) ?? Data(), to: new.map(blobData) ?? Data(), options: options)
    }

    /// The line diff of two texts, as git computes it.
    public static func lineDiff(from old: Data, to new: Data, options: LineDiff.Options = .init()) throws(GitError) -> LineDiff {
        LibGit2.ensureInitialized()
        var diffOptions = git_diff_options()
        try check(git_diff_options_init(&diffOptions, UInt32(GIT_DIFF_OPTIONS_VERSION)), "git_diff_options_init")
        diffOptions.context_lines = UInt32(max(0, options.contextLines))
        diffOptions.flags |= GIT_DIFF_FORCE_TEXT.rawValue
        if options.patience { diffOptions.flags |= GIT_DIFF_PATIENCE.rawValue }
        if options.ignoreWhitespace { diffOptions.flags |= GIT_DIFF_IGNORE_WHITESPACE.rawValue }
        let collector = HunkCollector()
        let payload = Unmanaged.passUnretained(collector).toOpaque()
        let result = old.withUnsafeBytes { oldBuffer in
            new.withUnsafeBytes { newBuffer in
                git_diff_buffers(
                    oldBuffer.baseAddress, oldBuffer.count, nil, newBuffer.baseAddress, newBuffer.count, nil, &diffOptions,
                    nil, nil,
                    { _, hunk, payload in
                        guard let hunk, let payload else { return 0 }
                        Unmanaged<HunkCollector>.fromOpaque(payload).takeUnretainedValue().addHunk(hunk.pointee)
                        return 0
                    },
                    { _, _, line, payload in
                        guard let line, let payload else { return 0 }
                        Unmanaged<HunkCollector>.fromOpaque(payload).takeUnretainedValue().addLine(line.pointee)
                        return 0
                    },
                    payload)
            }
        }
        try check(result, "git_diff_buffers")
        return LineDiff(hunks: collector.hunks)
    }
}

/// Receives libgit2's diff callbacks; never throws across C.
private final class HunkCollector {
    var hunks = [LineDiff.Hunk]()

    func addHunk(_ hunk: git_diff_hunk) {
        hunks.append(LineDiff.Hunk(
            oldStart: Int(hunk.old_start), oldCount: Int(hunk.old_lines),
            newStart: Int(hunk.new_start), newCount: Int(hunk.new_lines), lines: []))
    }

    func addLine(_ line: git_diff_line) {
        let kind: LineDiff.Line.Kind
        switch UInt8(bitPattern: line.origin) {
        case UInt8(ascii: " "): kind = .context
        case UInt8(ascii: "+"): kind = .added
        case UInt8(ascii: "-"): kind = .removed
        default: return  // end-of-file newline markers
        }
        guard !hunks.isEmpty else { return }
        var bytes = UnsafeRawBufferPointer(start: line.content, count: Int(line.content_len))
        if bytes.last == UInt8(ascii: "\n") { bytes = UnsafeRawBufferPointer(rebasing: bytes.dropLast()) }
        let text = String(decoding: bytes, as: UTF8.self)
        hunks[hunks.count - 1].lines.append(LineDiff.Line(
            kind: kind, text: text,
            oldLine: line.old_lineno > 0 ? Int(line.old_lineno) : nil,
            newLine: line.new_lineno > 0 ? Int(line.new_lineno) : nil))
    }
}
