internal import CLibGit2

/// One entry of a tree: a name, the object it names, and its file mode.
public struct TreeEntry: Hashable, Sendable {
    /// The file modes git records in trees.
    public enum Mode: UInt32, Sendable, Codable {
        case tree = 0o040000
        case blob = 0o100644
        case executable = 0o100755
        case symlink = 0o120000
        case commit = 0o160000
    }

    public let name: String
    public let id: ObjectID
    public let mode: Mode

    public init(name: String, id: ObjectID, mode: Mode) {
        self.name = name
        self.id = id
        self.mode = mode
    }

    /// Whether the entry is a subtree.
    public var isTree: Bool { mode == .tree }

    /// Copies a libgit2 tree entry (which dies with its tree).
    init(_ entry: OpaquePointer) {
        name = String(cString: git_tree_entry_name(entry))
        id = ObjectID(git_tree_entry_id(entry))
        mode = Mode(rawValue: git_tree_entry_filemode_raw(entry).rawValue) ?? .blob
    }
}
