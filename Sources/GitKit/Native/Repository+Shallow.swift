import Foundation

extension Repository {
    /// Whether the repository is a shallow clone: history beyond some commits was not fetched.
    public var isShallow: Bool { !shallowCommits.isEmpty }

    /// Reads the commits a shallow clone's history ends at: the `shallow` file in the common git
    /// folder (git's `Documentation/technical/shallow.txt`), one full hex id per line. git treats
    /// these commits as having no parents; so does every walk in GitKit. Lines that are not an id
    /// are skipped; the set is empty when the file is missing.
    static func readShallowCommits(commonDirectory: String) -> Set<ObjectID> {
        let path = commonDirectory + (commonDirectory.hasSuffix("/") ? "" : "/") + "shallow"
        guard let data = FileManager.default.contents(atPath: path) else { return [] }
        return Set(data.split(separator: UInt8(ascii: "\n")).compactMap { ObjectID(hexDigits: $0) })
    }

    /// `parents`, or none when `id` is a shallow commit (its parents are outside the clone).
    func graftedParents(of id: ObjectID, _ parents: [ObjectID]) -> [ObjectID] {
        parents.isEmpty || !shallowCommits.contains(id) ? parents : []
    }
}
