import Foundation
import GitKit

/// The vector-store manifests on `refs/quill/manifests` (docs/storage.md): each manifest is a tree
/// (`manifest.json`, `documents.jsonl`, `contents/ab/cdef…`) whose id is the manifest id, kept at
/// `manifests/ab/cdef…`, and named by `names/<name>/ab/cdef….json` (who recorded it, when, from what).
/// Writes are compare-and-swap on the ref, like the eval store's.
struct ManifestStore {
    static let reference = "refs/quill/manifests"
    static let headerFile = "manifest.json"
    static let documentsFile = "documents.jsonl"
    static let contentsFolder = "contents"

    let repository: Repository

    /// Where a manifest's tree is kept in the store.
    static func manifestPath(_ id: ObjectID) -> String { "manifests/\(StorePath.shard(id))" }
    /// Where the provenance of recording `id` under `name` is kept.
    static func namePath(_ name: String, _ id: ObjectID) -> String { "names/\(name)/\(StorePath.shard(id)).json" }
    /// Where a content blob is kept inside a manifest's tree.
    static func contentPath(_ id: ObjectID) -> String { "\(contentsFolder)/\(StorePath.shard(id))" }

    /// Writes a manifest's tree and returns its id, the manifest id. `documents` is `documents.jsonl`
    /// (the documents' canonical lines in byte order, each followed by a line feed); `contents` the
    /// content blobs (already written) as changes to the tree `base`, or to an empty tree (`nil`
    /// with `--content hash`). Complexity: O(size of `documents` + changed contents).
    func writeManifest(
        header: ManifestHeader, documents: [UInt8], contents: (base: ObjectID?, added: Set<ObjectID>, removed: Set<ObjectID>)?
    ) throws -> ObjectID {
        var updates: [TreeUpdate] = [
            .upsert(path: ManifestStore.headerFile, id: try repository.writeBlob(try CanonicalJSON.encode(header))),
            .upsert(path: ManifestStore.documentsFile, id: try repository.writeBlob(documents)),
        ]
        for id in contents?.added.sorted() ?? [] { updates.append(.upsert(path: ManifestStore.contentPath(id), id: id)) }
        for id in contents?.removed.sorted() ?? [] { updates.append(.remove(path: ManifestStore.contentPath(id))) }
        return try repository.updateTree(contents?.base, applying: updates)
    }

    /// Names the manifest `id` (already written) `name` in one commit on the ref; `nil` when the
    /// store already has it under that name.
    func append(_ id: ObjectID, name: String, provenance: EvalProvenance, signature: Signature) throws -> ObjectID? {
        let record = try repository.writeBlob(try CanonicalJSON.encode(provenance))
        return try CompareAndSwap(repository: repository, reference: ManifestStore.reference).append { tip in
            let baseTree = try tip.map(repository.treeID(ofCommit:))
            if let baseTree, try repository.treeEntry(atPath: ManifestStore.namePath(name, id), inTree: baseTree) != nil { return nil }
            let tree = try repository.updateTree(baseTree, applying: [
                .upsert(path: ManifestStore.manifestPath(id), id: id, mode: .tree),
                .upsert(path: ManifestStore.namePath(name, id), id: record),
            ])
            return try repository.createCommit(
                tree: tree, parents: tip.map { [$0] } ?? [], message: ManifestStore.commitMessage(name: name, id: id), author: signature,
                committer: signature)
        }
    }

    /// The tree of the store's tip, or `nil` when no manifest was ever recorded.
    func tipTree() throws -> ObjectID? {
        try repository.referenceTarget(ManifestStore.reference).map(repository.treeID(ofCommit:))
    }

    /// One naming of a manifest: the name, the manifest id, and who recorded it when.
    struct Named {
        let name: String
        let id: ObjectID
        let provenance: EvalProvenance
    }

    /// Every naming in the store (of `name` only, when given), oldest first.
    /// Complexity: one read per naming.
    func namings(_ name: String? = nil, in tree: ObjectID) throws -> [Named] {
        guard let names = try repository.treeEntry(atPath: "names", inTree: tree), names.isTree else { return [] }
        var result = [Named]()
        for folder in try repository.treeEntries(names.id) where folder.isTree && (name == nil || folder.name == name) {
            for shard in try repository.treeEntries(folder.id) where shard.isTree {
                for entry in try repository.treeEntries(shard.id) where entry.name.hasSuffix(".json") {
                    guard let id = ObjectID(hex: shard.name + entry.name.dropLast(5)) else { continue }
                    let provenance = try JSONDecoder().decode(EvalProvenance.self, from: repository.blobData(entry.id))
                    result.append(Named(name: folder.name, id: id, provenance: provenance))
                }
            }
        }
        let dates = ISO8601DateFormatter()
        func time(_ named: Named) -> Double { dates.date(from: named.provenance.recordedAt)?.timeIntervalSince1970 ?? 0 }
        return result.sorted { (time($0), $0.id) < (time($1), $1.id) }
    }

    /// The manifest last recorded under `name`: the latest `recordedAt`; among namings of the same
    /// second, the one whose commit comes first in the store's history, newest first.
    func latest(_ name: String, in tree: ObjectID) throws -> ObjectID? {
        let namings = try namings(name, in: tree)
        guard let newest = namings.last else { return nil }
        let tied = Set(namings.filter { $0.provenance.recordedAt == newest.provenance.recordedAt }.map(\.id))
        guard tied.count > 1, let tip = try repository.referenceTarget(ManifestStore.reference) else { return newest.id }
        let walk = try RevisionWalk(repository, order: [.topological, .time])
        try walk.include(tip)
        while let commit = try walk.next() {
            let message = try repository.commit(commit).message
            if let id = tied.first(where: { message == ManifestStore.commitMessage(name: name, id: $0) }) { return id }
        }
        return newest.id
    }

    /// The message of the commit that records `id` under `name`.
    static func commitMessage(name: String, id: ObjectID) -> String {
        "quill: manifest \(name) \(id.hex)\n"
    }

    /// The manifest ids in the store that start with `prefix` (lower-case hex, two digits or more).
    func manifestIDs(withPrefix prefix: String, in tree: ObjectID) throws -> [ObjectID] {
        guard let shard = try repository.treeEntry(atPath: "manifests/\(prefix.prefix(2))", inTree: tree), shard.isTree else { return [] }
        return try repository.treeEntries(shard.id).compactMap { entry in
            let hex = String(prefix.prefix(2)) + entry.name
            return hex.hasPrefix(prefix) && entry.isTree ? ObjectID(hex: hex) : nil
        }
    }

    /// The header of the manifest `id`.
    func header(_ id: ObjectID) throws -> ManifestHeader {
        try JSONDecoder().decode(ManifestHeader.self, from: file(ManifestStore.headerFile, of: id))
    }

    /// The bytes of `documents.jsonl` of the manifest `id`.
    func documentLines(_ id: ObjectID) throws -> [UInt8] {
        Array(try file(ManifestStore.documentsFile, of: id))
    }

    /// The documents of the manifest `id`, by id (UTF-8 order).
    func documents(_ id: ObjectID) throws -> [ManifestDocument] {
        let decoder = JSONDecoder()
        return try documentLines(id).split(separator: 0x0A).map { try decoder.decode(ManifestDocument.self, from: Data($0)) }
            .sorted { $0.id.utf8.lexicographicallyPrecedes($1.id.utf8) }
    }

    /// The content of a document of the manifest `id`, or `nil` when the manifest keeps content ids only.
    func content(_ content: String, of id: ObjectID) throws -> Data? {
        guard let blob = ObjectID(hex: content),
            try repository.treeEntry(atPath: ManifestStore.contentPath(blob), inTree: id) != nil else { return nil }
        return try repository.blobData(blob)
    }

    private func file(_ name: String, of id: ObjectID) throws -> Data {
        guard let entry = try repository.treeEntry(atPath: name, inTree: id), !entry.isTree else {
            throw QuillError(.repository, "manifest \(id.abbreviated()) has no '\(name)'; the store was written by something other than quill or is damaged")
        }
        return try repository.blobData(entry.id)
    }
}
