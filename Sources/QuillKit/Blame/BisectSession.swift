import Foundation

/// A bisection in progress, kept in the git folder (`quill-bisect.json`) so an interrupted run
/// resumes: what is bisected, between which commits, and which candidates could not be evaluated.
/// The values themselves live in the eval store, recorded as each run ends.
struct BisectSession: Codable, Equatable {
    var prompt: String
    var metric: String
    var good: String
    var bad: String
    var skipped: [String] = []

    static let fileName = "quill-bisect.json"

    static func load(gitDirectory: String) throws -> BisectSession? {
        guard let data = FileManager.default.contents(atPath: path(gitDirectory)) else { return nil }
        return try JSONDecoder().decode(BisectSession.self, from: data)
    }

    func save(gitDirectory: String) throws {
        try JSONEncoder().encode(self).write(to: URL(fileURLWithPath: BisectSession.path(gitDirectory)), options: .atomic)
    }

    /// Removes the session; `false` when there was none.
    static func remove(gitDirectory: String) throws -> Bool {
        guard FileManager.default.fileExists(atPath: path(gitDirectory)) else { return false }
        try FileManager.default.removeItem(atPath: path(gitDirectory))
        return true
    }

    private static func path(_ gitDirectory: String) -> String {
        gitDirectory + (gitDirectory.hasSuffix("/") ? "" : "/") + fileName
    }
}
