import Foundation
import GitKit

/// The isolated git environment every test uses: no machine config, a fixed identity, dates under control.
public enum TestEnvironment {
    /// A folder with an empty global git config, shared by the whole test process.
    public static let home: String = {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("quill-test-home-\(ProcessInfo.processInfo.processIdentifier)").path
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: path + "/.gitconfig", contents: Data())
        // libgit2 in this process must not read the machine's ~/.gitconfig either.
        try? GitSettings.setGlobalConfigSearchPath(path)
        return path
    }()

    /// The identity tests commit as.
    public static let authorName = "Ada Tester"
    public static let authorEmail = "ada@example.com"

    /// Environment for a `git` or `quill` child: isolated config, fixed identity, no pager, no colour.
    public static func variables(date: Int? = nil, extra: [String: String] = [:]) -> [String: String] {
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("GIT_") }
        environment["HOME"] = home
        environment["GIT_CONFIG_GLOBAL"] = home + "/.gitconfig"
        environment["GIT_CONFIG_NOSYSTEM"] = "1"
        environment["GIT_CONFIG_SYSTEM"] = "/dev/null"
        environment["GIT_AUTHOR_NAME"] = authorName
        environment["GIT_AUTHOR_EMAIL"] = authorEmail
        environment["GIT_COMMITTER_NAME"] = authorName
        environment["GIT_COMMITTER_EMAIL"] = authorEmail
        environment["GIT_PAGER"] = "cat"
        environment["NO_COLOR"] = "1"
        if let date {
            environment["GIT_AUTHOR_DATE"] = "@\(date) +0000"
            environment["GIT_COMMITTER_DATE"] = "@\(date) +0000"
        }
        return environment.merging(extra) { $1 }
    }

    /// A signature at a fixed time, for commits written through GitKit.
    public static func signature(at seconds: Int) -> Signature {
        Signature(name: authorName, email: authorEmail, date: Date(timeIntervalSince1970: TimeInterval(seconds)), timeZoneOffsetMinutes: 0)
    }

    /// The `git` executable.
    public static let gitPath: String = {
        for candidate in ["/usr/bin/git", "/usr/local/bin/git", "/bin/git"] where FileManager.default.isExecutableFile(atPath: candidate) {
            return candidate
        }
        return "/usr/bin/git"
    }()
}
