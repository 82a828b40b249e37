/// A reference, copied out of libgit2: a name and either an object id or another reference's name.
public struct Reference: Hashable, Sendable {
    public enum Target: Hashable, Sendable {
        case direct(ObjectID)
        case symbolic(String)
    }

    /// The full name, such as `refs/quill/evals`.
    public let name: String
    public let target: Target

    /// The object id of a direct reference.
    public var id: ObjectID? {
        if case .direct(let id) = target { return id }
        return nil
    }
}
