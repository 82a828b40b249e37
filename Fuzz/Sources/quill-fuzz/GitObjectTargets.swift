@testable import GitKit

/// Raw tree objects, scanned by `RawTree`: listing the entries and finding each by name agree.
enum RawTreeTarget {
    static let target = FuzzTarget(name: "raw-tree", summary: "tree object bytes through RawTree") { bytes in
        bytes.withUnsafeBytes { buffer in
            let tree = RawTree(bytes: buffer)
            switch tree.entries() {
            case .success(let entries):
                for entry in entries.prefix(64) {
                    // Names that are not UTF-8 are listed with replacement characters and cannot be asked for.
                    guard case .success(let found?) = tree.entry(named: entry.name) else { continue }
                    Invariant.require(
                        entries.contains { $0.name == entry.name && $0.id == found.id && $0.mode == found.mode },
                        "entry(named: \(String(reflecting: entry.name))) found an entry entries() does not list")
                }
                _ = tree.entry(named: "\0")
            case .failure:
                // No entry name holds a NUL, so this scans every entry, as entries() does.
                guard case .failure = tree.entry(named: "\0") else {
                    Invariant.require(false, "entries() refused the tree, a full scan by entry(named:) did not")
                    return
                }
            }
        }
    }
}

/// Commit object bytes, parsed by `CommitParser`.
enum CommitTarget {
    static let target = FuzzTarget(name: "commit", summary: "commit object bytes through CommitParser") { bytes in
        guard let commit = CommitParser.parse(bytes, id: ObjectID(bytes: [UInt8](repeating: 0xAB, count: ObjectID.byteCount))!) else { return }
        _ = commit.subject
    }
}
