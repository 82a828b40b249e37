import GitKit
import TestSupport
import Testing

@Suite("Tree entry names git refuses")
struct TreeEntryNameTests {
    /// Names on both sides of the one-pass check for plain names (no leading `.` or `g`, ASCII only) and of
    /// the closer look behind it.
    static let names = [
        "a", "records", "0a", "ab.json", "cdef0123.jsonl", "layout.json", "good-name_1.x", "g", "git", "gitignore",
        "git~10", "Git~1", "GIT~1", "git~1", "git~1.", "git~1::$DATA", ".", "..", "...", ".gitignore", ".git", ".GIT",
        ".Git", ".git.", ".git ", ".git. .", ".git::$DATA", ".git:stream", "é", "ab\u{200C}", "\u{200C}.git",
        ".g\u{200D}it", ".GI\u{FEFF}T", "\u{200C}git~1",
    ]

    @Test("a name is refused exactly when git refuses it as a path component (core.protectNTFS and core.protectHFS)", arguments: names)
    func agreesWithGit(name: String) throws {
        let repository = try TestRepository()
        let blob = try repository.writeBlob("")
        let gitRefuses: Bool
        do {
            _ = try repository.git(
                ["-c", "core.protectNTFS=true", "-c", "core.protectHFS=true", "update-index", "--add", "--cacheinfo", "100644,\(blob),\(name)"])
            gitRefuses = false
        } catch {
            gitRefuses = true
        }
        #expect((TreeEntryName.refusal(name.utf8) != nil) == gitRefuses, "\(name)")
    }

    @Test("an empty name and names holding a NUL or a '/' are refused")
    func refusesSeparators() {
        for name in ["", "a\0b", "\0", "a/b", "/", "ab/"] {
            #expect(TreeEntryName.refusal(name.utf8) != nil, "\(name.debugDescription)")
        }
    }
}
