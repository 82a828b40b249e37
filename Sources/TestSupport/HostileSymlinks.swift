import Foundation

/// A checkout of a hostile pull request: on `main` one ordinary prompt; in the work tree, prompts
/// that are symbolic links to a file holding a fake secret, to `/etc/passwd`, to a folder outside
/// the repository, and a dangling one. Reading any of them as a file would leak what it points to.
public final class HostileSymlinks {
    /// The text of the secret file; no output may ever contain it.
    public static let secret = "QUILL_FAKE_TOKEN=ghp_doNotLeak0123456789"
    /// A line of `/etc/passwd` that no output may contain either.
    public static let passwdLine = "root:x:0:0"

    public let repository: TestRepository
    /// Holds the secret file and the secret folder, outside the repository.
    public let outside: TemporaryFolder

    /// The link paths (repository-relative) and their link texts, as git stores them.
    public let links: [String: String]

    /// Builds the repository; with `committed`, the links are committed on branch `evil`, which is checked out.
    public init(committed: Bool) throws {
        repository = try TestRepository()
        outside = try TemporaryFolder()
        try repository.git("config", "user.name", "Hostile Contributor")
        try repository.git("config", "user.email", "hostile@example.com")
        let secretFile = outside.path + "/secret.env"
        try Data((Self.secret + "\n").utf8).write(to: URL(fileURLWithPath: secretFile))
        try FileManager.default.createDirectory(atPath: outside.path + "/folder", withIntermediateDirectories: true)
        try Data(("# " + Self.secret + "\n").utf8).write(to: URL(fileURLWithPath: outside.path + "/folder/leak.md"))
        try repository.write("prompts/support.md", "Be brief.\n")
        try repository.commitAll("base")
        links = [
            "prompts/env.md": secretFile,
            "prompts/env.prompt": secretFile,
            "prompts/passwd.md": "/etc/passwd",
            "prompts/linked": outside.path + "/folder",
            "prompts/dangling.md": outside.path + "/missing",
        ]
        for (path, target) in links {
            try FileManager.default.createSymbolicLink(atPath: repository.path + "/" + path, withDestinationPath: target)
        }
        if committed {
            try repository.git("checkout", "-q", "-b", "evil")
            try repository.commitAll("hostile links")
        }
    }
}
