/// A commit's object bytes as a history walk read them from a pack, handed on with the commit so
/// that whoever shows it parses them (`Repository.commitSummary(_:object:)`) instead of reading the
/// commit a second time.
public struct CommitObject: Sendable {
    public let id: ObjectID
    let bytes: [UInt8]
}
