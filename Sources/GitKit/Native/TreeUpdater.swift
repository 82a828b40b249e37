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
        var entries = try Entries(base: base.map(read) ?? [], id: base ?? .zero)
        for (name, change) in folder.files {
            if let change {
                entries.set(name[...], mode: change.mode.rawValue, id: change.id)
            } else if !entries.remove(name[...]) {
                throw GitError(code: .notFound, message: "cannot remove '\(path + String(decoding: name, as: UTF8.self))': no such entry", function: "updateTree")
            }
        }
        for (name, subfolder) in folder.folders {
            let existing = entries.entry(named: name[...])
            if let existing, existing.mode != TreeEntry.Mode.tree.rawValue {
                throw GitError(code: .invalid, message: "cannot update below '\(path + String(decoding: name, as: UTF8.self))': not a tree", function: "updateTree")
            }
            if let child = try apply(subfolder, to: existing?.id, path: path + String(decoding: name, as: UTF8.self) + "/") {
                entries.set(name[...], mode: TreeEntry.Mode.tree.rawValue, id: child)
            } else if existing != nil {
                _ = entries.remove(name[...])
            }
        }
        guard let bytes = entries.serialised() else { return nil }
        var oid = git_oid()
        try check(bytes.withUnsafeBytes { git_odb_hash(&oid, $0.baseAddress, $0.count, GIT_OBJECT_TREE) }, "git_odb_hash")
        let id = ObjectID(oid)
        if id != base { try write(id, bytes) }
        return id
    }
}

/// The entries of one tree being updated: the base tree's bytes, scanned once into places (no
/// name is copied), with the changed and added entries beside them; entries are found by binary
/// search in git's order and written back in it. (Parsing every base entry into a dictionary keyed
/// by its name, and sorting them all again, was a fifth of a 10,000-record batch of the eval store,
/// whose fan-out trees hold 256 entries each.)
private struct Entries {
    /// One entry: its name and mode; for a base entry where its bytes are in the base (`raw`) and
    /// whether it is a folder there (its place in the base's order); its new id once it is set.
    struct Entry {
        let name: ArraySlice<UInt8>
        var mode: UInt32
        var id: ObjectID?
        let raw: Range<Int>
        let wasTree: Bool
        var isRemoved = false
        var isTree: Bool { mode == TreeEntry.Mode.tree.rawValue }
    }

    private let base: [UInt8]
    /// The base entries in the base's (git's) order, then the added ones.
    private var entries: [Entry] = []
    /// How many of `entries` come from the base.
    private let baseCount: Int
    /// Added entries by name.
    private var added: [ArraySlice<UInt8>: Int] = [:]
    /// Whether an entry was added or turned from a folder into a file or back, so that the order must be restored.
    private var isUnordered = false

    /// The entries of the tree `id` whose bytes are `base`; throws when they are malformed, or not in
    /// git's order (as `git fsck` requires).
    init(base: [UInt8], id: ObjectID) throws(GitError) {
        self.base = base
        var entries = [Entry]()
        var isOrdered = true
        let scan = base.withUnsafeBytes { buffer in
            var entryStart = 0
            return RawTree(bytes: buffer).scanEntries { mode, name, idStart in
                let isTree = mode == TreeEntry.Mode.tree.rawValue
                if let last = entries.last, !Entries.precedes(last.name, last.wasTree, base[name], isTree) { isOrdered = false }
                entries.append(Entry(name: base[name], mode: mode, id: nil, raw: entryStart..<idStart + ObjectID.byteCount, wasTree: isTree))
                entryStart = idStart + ObjectID.byteCount
                return isOrdered
            }
        }
        if case .failure(let error) = scan { throw LoadedTree.malformed(id, at: error, function: "updateTree") }
        guard isOrdered else {
            throw GitError(code: .invalid, message: "tree \(id.hex) has entries out of order", function: "updateTree")
        }
        self.entries = entries
        baseCount = entries.count
    }

    /// The mode and id of the entry named `name`, `nil` when there is none.
    func entry(named name: ArraySlice<UInt8>) -> (mode: UInt32, id: ObjectID)? {
        guard let index = index(of: name) else { return nil }
        let entry = entries[index]
        return (entry.mode, entry.id ?? base.withUnsafeBytes { ObjectID(raw: $0, at: entry.raw.upperBound - ObjectID.byteCount) })
    }

    /// Adds the entry `name`, or replaces the one of that name.
    mutating func set(_ name: ArraySlice<UInt8>, mode: UInt32, id: ObjectID) {
        if let index = index(of: name) {
            if entries[index].isTree != (mode == TreeEntry.Mode.tree.rawValue) { isUnordered = true }
            entries[index].mode = mode
            entries[index].id = id
        } else {
            added[name] = entries.count
            entries.append(Entry(name: name, mode: mode, id: id, raw: 0..<0, wasTree: mode == TreeEntry.Mode.tree.rawValue))
            isUnordered = true
        }
    }

    /// Removes the entry `name`; `false` when there is none.
    mutating func remove(_ name: ArraySlice<UInt8>) -> Bool {
        guard let index = index(of: name) else { return false }
        entries[index].isRemoved = true
        return true
    }

    /// The tree's bytes in git's order, `nil` when no entry is left.
    func serialised() -> [UInt8]? {
        var kept = entries.filter { !$0.isRemoved }
        guard !kept.isEmpty else { return nil }
        if isUnordered { kept.sort { Entries.precedes($0.name, $0.isTree, $1.name, $1.isTree) } }
        var bytes = [UInt8]()
        bytes.reserveCapacity(base.count + (entries.count - baseCount + 1) * 64)
        for entry in kept {
            guard let id = entry.id else {
                bytes += base[entry.raw]
                continue
            }
            bytes += String(entry.mode, radix: 8).utf8
            bytes.append(UInt8(ascii: " "))
            bytes += entry.name
            bytes.append(0)
            id.appendBytes(to: &bytes)
        }
        return bytes
    }

    /// Where the entry `name` is (removed entries are not found).
    private func index(of name: ArraySlice<UInt8>) -> Int? {
        guard let found = added[name] ?? baseIndex(of: name, isTree: false) ?? baseIndex(of: name, isTree: true),
              !entries[found].isRemoved else { return nil }
        return found
    }

    /// The base entry named `name`, searched where it would be as a file (`isTree` false) or a folder.
    private func baseIndex(of name: ArraySlice<UInt8>, isTree: Bool) -> Int? {
        var (low, high) = (0, baseCount)
        while low < high {
            let middle = (low + high) / 2
            if Entries.precedes(entries[middle].name, entries[middle].wasTree, name, isTree) { low = middle + 1 } else { high = middle }
        }
        return low < baseCount && entries[low].name.elementsEqual(name) ? low : nil
    }

    /// Git's order of tree entries: by name bytes, a folder's name compared as if it ended in `/`.
    static func precedes(_ a: ArraySlice<UInt8>, _ aIsTree: Bool, _ b: ArraySlice<UInt8>, _ bIsTree: Bool) -> Bool {
        let common = min(a.count, b.count)
        var (i, j) = (a.startIndex, b.startIndex)
        for _ in 0..<common {
            if a[i] != b[j] { return a[i] < b[j] }
            i += 1
            j += 1
        }
        let nextA: UInt8 = a.count > common ? a[i] : (aIsTree ? UInt8(ascii: "/") : 0)
        let nextB: UInt8 = b.count > common ? b[j] : (bIsTree ? UInt8(ascii: "/") : 0)
        return nextA < nextB
    }
}
