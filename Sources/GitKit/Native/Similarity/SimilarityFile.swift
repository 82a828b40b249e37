/// A file on one side of a tree diff, as rename detection sees it (git's `diff_filespec`).
struct SimilarityFile {
    let path: String
    let id: ObjectID
    let mode: TreeEntry.Mode

    /// The last path component's bytes.
    var basename: [UInt8] { Array(path.utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false).last ?? []) }

    /// Whether the last path components are equal (git's `basename_same`).
    func hasSameBasename(as other: SimilarityFile) -> Bool { basename == other.basename }
}

/// A file of the old tree that rename or copy detection may take content from.
struct RenameSource {
    /// What the diff did to the source's path.
    enum State { case deleted, modified, unmodified }

    let file: SimilarityFile
    let state: State
}
