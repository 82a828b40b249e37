import Foundation
import GitKit
import Synchronization

/// The walk of `FetchedRefCheck`'s layout check: the new entries of a fetched tree, folder by folder,
/// each checked against the place `StoreLayout` gives it, through one repository handle.
///
/// Only new entries are checked: an entry with the same name, mode and object as the one at the same
/// path in the known tree (the local tip's, already taken in) is skipped in one pass over both folders'
/// bytes (`LoadedTree.changes`), so an unchanged folder is not read and a changed one costs a check of
/// its changed entries. Folders checked once already are not read again, so a tree that names one
/// folder many times costs one read of it.
struct LayoutWalk {
    /// A folder to check: its path (empty, or ending in `/`), its tree, its layout and the known tree at its path.
    struct Folder: Sendable {
        let path: String
        let tree: ObjectID
        let layout: StoreLayout
        let known: ObjectID?
    }

    let repository: Repository
    /// Where the comparisons of the folders `ScoreSummaryCheck` compares too are kept (with `keeping`).
    let comparisons: FolderComparisons
    let keeping: Bool
    /// The store's fan-out, to count the record files new below `records/`; `nil`: not counted.
    let recordLevels: Int?
    private var checked = Set<Checked>()

    init(repository: Repository, comparisons: FolderComparisons = FolderComparisons(), keeping: Bool, recordLevels: Int?) {
        self.repository = repository
        self.comparisons = comparisons
        self.keeping = keeping
        self.recordLevels = recordLevels
    }

    /// The path of the first entry below `folders` that has no place in the layout, taking the folders
    /// last first and each one's subfolders before the next (depth first); `nil` when all fit. `added`
    /// grows by the record files new below `records/`.
    mutating func firstMisplaced(below folders: [Folder], added: inout Int) throws -> String? {
        var pending = folders
        while let folder = pending.popLast() {
            switch try step(folder, added: &added) {
            case .misplaced(let path): return path
            case .subfolders(let subfolders): pending += subfolders
            }
        }
        return nil
    }

    /// `firstMisplaced(below: [root])`, with the root's subfolders walked on one thread a core, each
    /// through a handle of its own opened at `location`; the answer is the one walk's.
    mutating func firstMisplaced(below root: Folder, location: RepositoryLocation, added: inout Int) throws -> String? {
        let subfolders: [Folder]
        switch try step(root, added: &added) {
        case .misplaced(let path): return path
        case .subfolders(let found): subfolders = found
        }
        // As the one walk would, each subtree once per layout: the last named first.
        var seen = Set<Checked>()
        let walked = subfolders.reversed().filter { seen.insert(Checked(tree: $0.tree, layout: $0.layout)).inserted && !checked.contains(Checked(tree: $0.tree, layout: $0.layout)) }
        let workers = min(ProcessInfo.processInfo.activeProcessorCount, walked.count)
        guard workers > 1 else { return try firstMisplaced(below: walked.reversed(), added: &added) }
        let (keeping, recordLevels) = (keeping, recordLevels)
        let next = Mutex(0)
        let results = Mutex([Result<SubtreeResult, any Error>?](repeating: nil, count: walked.count))
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            let handle = Result { try location.open() }
            while case let index = next.withLock({ index in defer { index += 1 }; return index }), index < walked.count {
                let result = Result {
                    var walk = LayoutWalk(repository: try handle.get(), keeping: keeping, recordLevels: recordLevels)
                    var added = 0
                    let path = try walk.firstMisplaced(below: [walked[index]], added: &added)
                    return SubtreeResult(misplaced: path, added: added, kept: walk.comparisons.kept)
                }
                results.withLock { $0[index] = result }
            }
        }
        for result in results.withLock({ $0 }) {
            let subtree = try result!.get()
            if let path = subtree.misplaced { return path }
            added += subtree.added
            comparisons.adopt(subtree.kept)
        }
        return nil
    }

    private enum Step {
        case misplaced(String)
        case subfolders([Folder])
    }

    /// Checks the entries of `folder` that differ from the known folder's; the first misplaced one, or the subfolders to check.
    private mutating func step(_ folder: Folder, added: inout Int) throws -> Step {
        guard folder.tree != folder.known, checked.insert(Checked(tree: folder.tree, layout: folder.layout)).inserted else { return .subfolders([]) }
        let recordsPrefix = StorePath.recordsFolder + "/"
        let recordShard = recordLevels.flatMap { levels in
            folder.path.hasPrefix(recordsPrefix) && folder.path.utf8.count(where: { $0 == UInt8(ascii: "/") }) == levels + 1
                ? folder.path.dropFirst(recordsPrefix.count).filter { $0 != "/" } : nil
        }
        var subfolders = [Folder]()
        let keep = keeping && ScoreSummaryCheck.rereadsFolder(folder.path)
        for change in try comparisons.changes(from: folder.known, to: folder.tree, in: repository, keep: keep) {
            guard let entry = change.after else { continue }
            let path = folder.path + entry.name
            guard TreeEntryName.refusal(entry.name.utf8) == nil, let child = folder.layout.child(named: entry.name, mode: entry.mode) else {
                return .misplaced(path)
            }
            if let recordShard, change.before == nil, StorePath.recordID(shard: recordShard, fileName: entry.name) != nil { added += 1 }
            if entry.mode == .tree {
                subfolders.append(Folder(path: path + "/", tree: entry.id, layout: child, known: change.before.flatMap { $0.isTree ? $0.id : nil }))
            }
        }
        return .subfolders(subfolders)
    }

    /// What one thread's walk of a subtree found.
    private struct SubtreeResult: Sendable {
        let misplaced: String?
        let added: Int
        let kept: FolderComparisons.Kept
    }

    private struct Checked: Hashable {
        let tree: ObjectID
        let layout: StoreLayout
    }
}
