import Foundation

extension RawTree {
    /// One entry's place in a tree's bytes.
    private struct Entry {
        let mode: UInt32
        let name: Range<Int>
        let id: Int
        /// Where the next entry starts.
        var end: Int { id + ObjectID.byteCount }
        var isTree: Bool { mode == TreeEntry.Mode.tree.rawValue }
    }

    /// An entry name whose id or mode differs between two trees, or that only one of them has.
    struct Difference {
        let name: String
        var before: TreeEntry?
        var after: TreeEntry?
    }

    /// The entries that differ between `old` and `new`, both in git's tree order, in that order: one
    /// pass over both (as git's tree diff makes it), entries with identical bytes skipped unread. A
    /// name that is a file on one side and a folder on the other is one difference.
    static func differences(from old: RawTree, to new: RawTree) -> Result<[Difference], MalformedTree> {
        var differences = [Difference]()
        var oldOffset = 0
        var newOffset = 0
        while oldOffset < old.bytes.count || newOffset < new.bytes.count {
            let oldEntry: Entry?
            let newEntry: Entry?
            switch (old.entry(at: oldOffset), new.entry(at: newOffset)) {
            case (.failure(let error), _), (_, .failure(let error)): return .failure(error)
            case (.success(let a), .success(let b)): (oldEntry, newEntry) = (a, b)
            }
            let order: Int
            if let oldEntry, let newEntry {
                if oldEntry.end - oldOffset == newEntry.end - newOffset,
                   memcmp(old.bytes.baseAddress! + oldOffset, new.bytes.baseAddress! + newOffset, oldEntry.end - oldOffset) == 0 {
                    oldOffset = oldEntry.end
                    newOffset = newEntry.end
                    continue
                }
                order = compare(oldEntry, in: old, with: newEntry, in: new)
            } else {
                order = oldEntry == nil ? 1 : -1
            }
            var difference = Difference(name: "", before: nil, after: nil)
            if order <= 0, let oldEntry {
                difference = Difference(name: old.name(oldEntry), before: old.treeEntry(oldEntry), after: nil)
                oldOffset = oldEntry.end
            }
            if order >= 0, let newEntry {
                difference = Difference(name: new.name(newEntry), before: difference.before, after: new.treeEntry(newEntry))
                newOffset = newEntry.end
            }
            differences.append(difference)
        }
        return .success(mergingNames(differences))
    }

    /// `differences` with a name listed twice (a file on one side, a folder on the other, which git
    /// sorts apart) made one difference.
    private static func mergingNames(_ differences: [Difference]) -> [Difference] {
        guard Set(differences.map(\.name)).count < differences.count else { return differences }
        var merged = [Difference]()
        var index = [String: Int]()
        for difference in differences {
            if let at = index[difference.name] {
                merged[at].before = merged[at].before ?? difference.before
                merged[at].after = merged[at].after ?? difference.after
            } else {
                index[difference.name] = merged.count
                merged.append(difference)
            }
        }
        return merged
    }

    /// Git's tree order (`base_name_compare`): names by bytes, a folder's name as if `/` followed it.
    private static func compare(_ a: Entry, in aTree: RawTree, with b: Entry, in bTree: RawTree) -> Int {
        let common = min(a.name.count, b.name.count)
        let prefix = memcmp(aTree.bytes.baseAddress! + a.name.lowerBound, bTree.bytes.baseAddress! + b.name.lowerBound, common)
        if prefix != 0 { return Int(prefix) }
        let aNext = a.name.count > common ? aTree.bytes[a.name.lowerBound + common] : (a.isTree ? UInt8(ascii: "/") : 0)
        let bNext = b.name.count > common ? bTree.bytes[b.name.lowerBound + common] : (b.isTree ? UInt8(ascii: "/") : 0)
        return Int(aNext) - Int(bNext)
    }

    /// The entry starting at `offset`, `nil` at the end of the tree.
    private func entry(at offset: Int) -> Result<Entry?, MalformedTree> {
        guard offset < bytes.count else { return .success(nil) }
        var found: Entry?
        return scanEntries(from: offset) { mode, name, id in
            found = Entry(mode: mode, name: name, id: id)
            return false
        }.map { found }
    }

    private func name(_ entry: Entry) -> String {
        String(decoding: UnsafeRawBufferPointer(rebasing: bytes[entry.name]), as: UTF8.self)
    }

    private func treeEntry(_ entry: Entry) -> TreeEntry {
        TreeEntry(name: name(entry), id: ObjectID(raw: bytes, at: entry.id), mode: TreeEntry.Mode(rawValue: entry.mode) ?? .blob)
    }
}
