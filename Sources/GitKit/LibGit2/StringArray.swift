internal import CLibGit2
import Foundation

/// Calls `body` with a libgit2 `git_strarray` holding copies of `strings`, freed afterwards.
func withStringArray<Result>(_ strings: [String], _ body: (inout git_strarray) throws(GitError) -> Result) throws(GitError) -> Result {
    var pointers: [UnsafeMutablePointer<CChar>?] = strings.map { strdup($0) }
    defer { pointers.forEach { free($0) } }
    return try pointers.withUnsafeMutableBufferPointer { (buffer) throws(GitError) -> Result in
        var array = git_strarray(strings: buffer.baseAddress, count: buffer.count)
        return try body(&array)
    }
}
