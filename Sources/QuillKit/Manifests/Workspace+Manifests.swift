import Foundation
import GitKit

extension Workspace {
    /// The manifest a user named: `latest:NAME` (the newest recorded under NAME), or an id or a unique
    /// prefix of one (four hex digits or more) of a manifest in the store.
    public func resolveManifest(_ spec: String) throws -> String {
        try manifestID(spec).hex
    }

    func manifestID(_ spec: String) throws -> ObjectID {
        let store = ManifestStore(repository: repository)
        let tree = try store.tipTree()
        if spec.hasPrefix("latest:") {
            let name = String(spec.dropFirst("latest:".count))
            guard let tree, let newest = try store.latest(name, in: tree) else {
                throw QuillError.badInput("no manifest recorded under the name '\(name)'; see 'quill manifest list'")
            }
            return newest
        }
        let prefix = spec.lowercased()
        guard prefix.utf8.count >= 4, prefix.utf8.count <= ObjectID.byteCount * 2, prefix.allSatisfy(\.isHexDigit) else {
            throw QuillError.badInput("'\(spec)' is not a manifest; expected a manifest id (4 or more hex digits) or 'latest:NAME'")
        }
        let matches = try tree.map { try store.manifestIDs(withPrefix: prefix, in: $0) } ?? []
        guard matches.count == 1 else {
            throw QuillError.badInput(matches.isEmpty
                ? "no manifest '\(spec)' in refs/quill/manifests; see 'quill manifest list'"
                : "manifest id '\(spec)' is ambiguous (\(matches.count) manifests start with it); give more digits")
        }
        return matches[0]
    }

    /// The manifests recorded (under `name` only, when given), newest first.
    public func manifests(named name: String? = nil) throws -> ManifestList {
        let store = ManifestStore(repository: repository)
        guard let tree = try store.tipTree() else { return ManifestList(manifests: []) }
        return ManifestList(manifests: try store.namings(name, in: tree).reversed().map { try entry($0, store: store) })
    }

    /// The manifest `spec` names, with all its documents.
    public func manifest(_ spec: String) throws -> ManifestShowReport {
        let id = try manifestID(spec)
        let store = ManifestStore(repository: repository)
        let names = try store.tipTree().map { try store.namings(in: $0).filter { $0.id == id } } ?? []
        return ManifestShowReport(
            id: id.hex, names: try names.reversed().map { try entry($0, store: store) }, header: try store.header(id), documents: try store.documents(id))
    }

    /// What changed from manifest `old` to manifest `new`; at most `textDiffs` changed documents get a
    /// word-level diff of their text.
    public func diffManifests(_ old: String, _ new: String, textDiffs: Int = 20) throws -> ManifestDiff {
        try ManifestComparer(store: ManifestStore(repository: repository), textDiffLimit: max(0, textDiffs))
            .compare(manifestID(old), manifestID(new))
    }

    /// The texts of every document of the manifest `spec` names, by document id. For readers
    /// of a manifest's data such as `quill drift`; a manifest recorded with `--content hash` has no
    /// texts in the repository, which is bad input.
    public func manifestTexts(_ spec: String) throws -> [ManifestText] {
        let id = try manifestID(spec)
        let store = ManifestStore(repository: repository)
        return try store.documents(id).map { document in
            guard let data = try store.content(document.content, of: id) else {
                throw QuillError.badInput(
                    "manifest \(id.abbreviated()) keeps only content ids (recorded with --content hash); its texts are not in the repository")
            }
            return ManifestText(id: document.id, text: String(decoding: data, as: UTF8.self))
        }
    }

    private func entry(_ named: ManifestStore.Named, store: ManifestStore) throws -> ManifestList.Entry {
        let header = try store.header(named.id)
        return ManifestList.Entry(
            name: named.name, id: named.id.hex, recordedAt: named.provenance.recordedAt, recordedBy: named.provenance.recordedBy,
            source: named.provenance.files.first, kind: header.store.kind, documents: header.documents, chunks: header.chunks)
    }
}
