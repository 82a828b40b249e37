internal import CLibGit2

/// Applies path updates to a tree and serialises the changed trees itself (git's tree format,
/// `gitformat-tree`: `<octal mode> <name>\0<20-byte id>` per entry, sorted by name with a subtree's
/// name compared as if it ended in `/`), reading only the trees on the updated paths.
///
/// Each changed tree is handed to `write` as soon as it is made, children before parents, and not
/// kept: a batch of the eval store makes tens of thousands of small trees. (Written through libgit2's
/// tree builder, each write looked the new object up in every pack, rescanning `objects/pack` on each
/// miss, and each entry was checked for existence.)
struct TreeUpdater {
    /// The updates below one folder: files (nil to remove) and subfolders, by entry name.
    private struct Folder {
        var files: [[UInt8]: (id: ObjectID, mode: TreeEntry.Mode)?] = [:]
        var folders: [[UInt8]: Folder] = [:]

        mutating func add(_ components: ArraySlice<[UInt8]>, _ change: (id: ObjectID, mode: TreeEntry.Mode)?) {
            let name = components.first!
            if components.count == 1 {
                files[name] = change
            } else {
                folders[name, default: Folder()].add(components.dropFirst(), change)
            }
        }
    }

    private var root = Folder()
    /// Reads a tree's bytes (the base trees on the updated paths).
    private let read: (ObjectID) throws(GitError) -> [UInt8]
    /// Writes a tree (its id and bytes) that differs from the one at the same path of the base.
    private let write: (ObjectID, [UInt8]) throws(GitError) -> Void

    /// An updater of trees read through `read` and written through `write`; paths must be valid tree
    /// paths (`Repository.validateTreePath`).
    init(_ updates: [TreeUpdate], read: @escaping (ObjectID) throws(GitError) -> [UInt8], write: @escaping (ObjectID, [UInt8]) throws(GitError) -> Void) {
        self.read = read
        self.write = write
        for update in updates {
            let components = update.path.utf8.split(separator: UInt8(ascii: "/")).map(Array.init)
            switch update {
            case .upsert(_, let id, let mode): root.add(components[...], (id, mode))
            case .remove: root.add(components[...], nil)
            }
        }
    }

    /// The new tree of `base` (nil for none), every tree that changed written; nil when the result is
    /// empty. A folder left empty disappears from its parent.
    mutating func apply(to base: ObjectID?) throws(GitError) -> ObjectID? {
        let folder = root
        root = Folder()
        return try apply(folder, to: base, path: "")
    }

    private mutating func apply(_ folder: Folder, to base: ObjectID?, path: String) throws(GitError) -> ObjectID? {
        var entries = [[UInt8]: (mode: UInt32, id: ObjectID)]()
        if let base {
            let bytes = try read(base)
            let scan = bytes.withUnsafeBytes { buffer in
                let tree = RawTree(bytes: buffer)
                return tree.scanEntries { mode, name, idStart in
                    entries[Array(buffer[name])] = (mode, ObjectID(raw: buffer, at: idStart))
                    return true
                }
            }
            if case .failure(let error) = scan { throw LoadedTree.malformed(base, at: error, function: "updateTree") }
        }
        for (name, change) in folder.files {
            if let change {
                entries[name] = (change.mode.rawValue, change.id)
            } else if entries.removeValue(forKey: name) == nil {
                throw GitError(code: .notFound, message: "cannot remove '\(path + String(decoding: name, as: UTF8.self))': no such entry", function: "updateTree")
            }
        }
        for (name, subfolder) in folder.folders {
            let existing = entries[name]
            if let existing, existing.mode != TreeEntry.Mode.tree.rawValue {
                throw GitError(code: .invalid, message: "cannot update below '\(path + String(decoding: name, as: UTF8.self))': not a tree", function: "updateTree")
            }
            let child = try apply(subfolder, to: existing?.id, path: path + String(decoding: name, as: UTF8.self) + "/")
            entries[name] = child.map { (TreeEntry.Mode.tree.rawValue, $0) }
        }
        guard !entries.isEmpty else { return nil }
        let bytes = TreeUpdater.serialise(entries)
        var oid = git_oid()
        try check(bytes.withUnsafeBytes { git_odb_hash(&oid, $0.baseAddress, $0.count, GIT_OBJECT_TREE) }, "git_odb_hash")
        let id = ObjectID(oid)
        if id != base { try write(id, bytes) }
        return id
    }

    /// The tree object of `entries` in git's order.
    static func serialise(_ entries: [[UInt8]: (mode: UInt32, id: ObjectID)]) -> [UInt8] {
        let isTree = { (mode: UInt32) in mode == TreeEntry.Mode.tree.rawValue }
        let sorted = entries.sorted { first, second in
            let (a, b) = (first.key, second.key)
            let common = min(a.count, b.count)
            for index in 0..<common where a[index] != b[index] { return a[index] < b[index] }
            let nextA: UInt8 = a.count > common ? a[common] : (isTree(first.value.mode) ? UInt8(ascii: "/") : 0)
            let nextB: UInt8 = b.count > common ? b[common] : (isTree(second.value.mode) ? UInt8(ascii: "/") : 0)
            return nextA < nextB
        }
        var bytes = [UInt8]()
        bytes.reserveCapacity(entries.count * (28 + ObjectID.byteCount))
        for (name, entry) in sorted {
            bytes += Array(String(entry.mode, radix: 8).utf8)
            bytes.append(UInt8(ascii: " "))
            bytes += name
            bytes.append(0)
            bytes += entry.id.bytes
        }
        return bytes
    }
}
