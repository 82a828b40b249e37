internal import CLibGit2
import Foundation

/// Who made a commit and when, with the time zone they were in.
public struct Signature: Hashable, Sendable, Codable {
    public var name: String
    public var email: String
    public var date: Date
    /// Offset from UTC in minutes, as recorded.
    public var timeZoneOffsetMinutes: Int

    public init(name: String, email: String, date: Date = Date(), timeZoneOffsetMinutes: Int = 0) {
        self.name = name
        self.email = email
        self.date = date
        self.timeZoneOffsetMinutes = timeZoneOffsetMinutes
    }

    /// The seconds since 1970 git records (fractions are dropped, as git does).
    public var unixTime: Int64 { Int64(date.timeIntervalSince1970.rounded(.down)) }

    /// Copies a libgit2 signature.
    init(_ signature: UnsafePointer<git_signature>) {
        let value = signature.pointee
        name = String(cString: value.name)
        email = String(cString: value.email)
        date = Date(timeIntervalSince1970: TimeInterval(value.when.time))
        timeZoneOffsetMinutes = Int(value.when.offset)
    }

    /// Calls `body` with a libgit2 copy of this signature, freed afterwards.
    func withGitSignature<Result>(_ body: (UnsafePointer<git_signature>) throws(GitError) -> Result) throws(GitError) -> Result {
        var signature: UnsafeMutablePointer<git_signature>?
        try check(git_signature_new(&signature, name, email, git_time_t(unixTime), Int32(timeZoneOffsetMinutes)), "git_signature_new('\(name) <\(email)>')")
        defer { git_signature_free(signature) }
        return try body(signature!)
    }
}
