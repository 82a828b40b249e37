internal import CLibGit2

/// A failed libgit2 call: what failed, libgit2's code and error class, and its message.
public struct GitError: Error, Sendable, Equatable, CustomStringConvertible {
    /// libgit2's return code (`git_error_code`), as a role.
    public enum Code: Sendable, Equatable {
        case generic, notFound, exists, ambiguous, bufferTooShort, user, bareRepository, unbornBranch
        case unmerged, nonFastForward, invalidSpec, conflict, locked, modified, auth, certificate
        case applied, peel, endOfFile, invalid, uncommitted, directory, mergeConflict, passthrough
        case iterationOver, retry, mismatch, indexDirty, applyFail, other(Int32)

        init(rawValue: Int32) {
            switch rawValue {
            case GIT_ENOTFOUND.rawValue: self = .notFound
            case GIT_EEXISTS.rawValue: self = .exists
            case GIT_EAMBIGUOUS.rawValue: self = .ambiguous
            case GIT_EBUFS.rawValue: self = .bufferTooShort
            case GIT_EUSER.rawValue: self = .user
            case GIT_EBAREREPO.rawValue: self = .bareRepository
            case GIT_EUNBORNBRANCH.rawValue: self = .unbornBranch
            case GIT_EUNMERGED.rawValue: self = .unmerged
            case GIT_ENONFASTFORWARD.rawValue: self = .nonFastForward
            case GIT_EINVALIDSPEC.rawValue: self = .invalidSpec
            case GIT_ECONFLICT.rawValue: self = .conflict
            case GIT_ELOCKED.rawValue: self = .locked
            case GIT_EMODIFIED.rawValue: self = .modified
            case GIT_EAUTH.rawValue: self = .auth
            case GIT_ECERTIFICATE.rawValue: self = .certificate
            case GIT_EAPPLIED.rawValue: self = .applied
            case GIT_EPEEL.rawValue: self = .peel
            case GIT_EEOF.rawValue: self = .endOfFile
            case GIT_EINVALID.rawValue: self = .invalid
            case GIT_EUNCOMMITTED.rawValue: self = .uncommitted
            case GIT_EDIRECTORY.rawValue: self = .directory
            case GIT_EMERGECONFLICT.rawValue: self = .mergeConflict
            case GIT_PASSTHROUGH.rawValue: self = .passthrough
            case GIT_ITEROVER.rawValue: self = .iterationOver
            case GIT_RETRY.rawValue: self = .retry
            case GIT_EMISMATCH.rawValue: self = .mismatch
            case GIT_EINDEXDIRTY.rawValue: self = .indexDirty
            case GIT_EAPPLYFAIL.rawValue: self = .applyFail
            case GIT_ERROR.rawValue: self = .generic
            default: self = .other(rawValue)
            }
        }
    }

    /// The libgit2 subsystem that reported the error (`git_error_t`).
    public struct Category: Sendable, Equatable, CustomStringConvertible {
        public let rawValue: Int32
        public init(rawValue: Int32) { self.rawValue = rawValue }
        public var description: String {
            switch UInt32(bitPattern: rawValue) {
            case GIT_ERROR_NONE.rawValue: "none"
            case GIT_ERROR_NOMEMORY.rawValue: "memory"
            case GIT_ERROR_OS.rawValue: "os"
            case GIT_ERROR_INVALID.rawValue: "invalid"
            case GIT_ERROR_REFERENCE.rawValue: "reference"
            case GIT_ERROR_ZLIB.rawValue: "zlib"
            case GIT_ERROR_REPOSITORY.rawValue: "repository"
            case GIT_ERROR_CONFIG.rawValue: "config"
            case GIT_ERROR_ODB.rawValue: "odb"
            case GIT_ERROR_INDEX.rawValue: "index"
            case GIT_ERROR_OBJECT.rawValue: "object"
            case GIT_ERROR_NET.rawValue: "net"
            case GIT_ERROR_TREE.rawValue: "tree"
            case GIT_ERROR_SSH.rawValue: "ssh"
            case GIT_ERROR_HTTP.rawValue: "http"
            default: "class \(rawValue)"
            }
        }
    }

    public let code: Code
    public let category: Category
    public let message: String
    /// The libgit2 function (or GitKit operation) that failed.
    public let function: String

    public init(code: Code, category: Category = Category(rawValue: 0), message: String, function: String) {
        self.code = code
        self.category = category
        self.message = message
        self.function = function
    }

    public var description: String { "\(function): \(message)" }

    /// Reads, copies and clears libgit2's last error (which may be NULL on libgit2 1.5).
    static func last(code: Int32, function: String) -> GitError {
        var message = "failed with code \(code)"
        var category: Int32 = 0
        if let error = git_error_last() {
            category = error.pointee.klass
            if let text = error.pointee.message {
                message = String(cString: text)
            }
        }
        git_error_clear()
        return GitError(code: Code(rawValue: code), category: Category(rawValue: category), message: message, function: function)
    }
}

/// Checks a libgit2 return code; a negative code becomes a `GitError` carrying libgit2's last error.
@discardableResult
func check(_ result: Int32, _ function: @autoclosure () -> String) throws(GitError) -> Int32 {
    guard result < 0 else { return result }
    throw GitError.last(code: result, function: function())
}

/// Like `check`, but `GIT_ENOTFOUND` is expected absence: returns false instead of throwing.
func checkFound(_ result: Int32, _ function: @autoclosure () -> String) throws(GitError) -> Bool {
    if result == GIT_ENOTFOUND.rawValue {
        git_error_clear()
        return false
    }
    try check(result, function())
    return true
}
