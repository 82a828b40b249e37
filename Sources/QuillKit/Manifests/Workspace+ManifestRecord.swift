import Foundation
import GitKit

extension Workspace {
    /// Reads a vector store snapshot from `request.source`, stores it as a manifest on
    /// `refs/quill/manifests` under its name, and returns its id.
    ///
    /// Everything is read and checked before anything is written, so bad input leaves the store as it
    /// was. A folder recorded before under the same name reads only the files whose stamps changed.
    public func recordManifest(_ request: ManifestRecordRequest) throws -> ManifestRecordReport {
        try recordManifest(request, environment: ProcessInfo.processInfo.environment)
    }

    func recordManifest(_ request: ManifestRecordRequest, environment: [String: String]) throws -> ManifestRecordReport {
        let recorder = try repository.defaultSignature(for: .committer, environment: environment)
        let absolute = Workspace.canonical(request.source.hasPrefix("/") ? request.source : currentDirectory + "/" + request.source)
        let name = try ManifestName.checked(request.name ?? URL(fileURLWithPath: absolute).deletingPathExtension().lastPathComponent, given: request.name != nil)
        let splitter = try TextSplitter(size: request.chunkSize, overlap: request.overlap)
        let settings = "utf8-window \(splitter.size) \(splitter.overlap) \(request.content.rawValue) "
            + String(decoding: try CanonicalJSON.encode(request.embedding), as: UTF8.self)
        let cachePath = try RecordCache.path(in: repository, folder: absolute, name: name)
        var snapshot = try ManifestSources.read(
            absolute, shown: request.source, splitter: splitter, content: request.content, collection: request.collection,
            cache: RecordCache.read(at: cachePath, settings: settings))
        if snapshot.store.kind == "folder" { snapshot.embedding = request.embedding }
        try snapshot.validate(source: request.source)

        let writer = snapshot.documents.count >= EvalStore.packedBatchSize ? try repository.openPackingHandle() : repository
        let store = ManifestStore(repository: writer)
        var lines = [[UInt8]]()
        lines.reserveCapacity(snapshot.documents.count + snapshot.reused.count)
        var contents = Set<ObjectID>()
        var cacheEntries = [String: RecordCache.Entry]()
        var chunks = 0
        for document in snapshot.documents {
            let data = Data(document.bytes)
            let content = try document.given?.content ?? (request.content == .blobs ? writer.writeBlob(data) : Repository.blobID(of: data))
            contents.insert(content)
            let line = try ManifestDocument(
                id: document.id, content: content.hex, size: document.given?.size ?? document.bytes.count, metadata: document.metadata, chunks: document.chunks
            ).canonicalLine(source: request.source)
            lines.append(line)
            chunks += document.chunks.count
            if let stamp = document.stamp {
                cacheEntries[document.id] = .init(stamp: stamp, content: content, chunkCount: document.chunks.count, line: line)
            }
        }
        for (id, entry) in snapshot.reused {
            lines.append(entry.line)
            contents.insert(entry.content)
            chunks += entry.chunkCount
            cacheEntries[id] = entry
        }
        let header = ManifestHeader(
            store: snapshot.store, embedding: snapshot.embedding, chunking: snapshot.chunking, index: snapshot.index, content: request.content,
            documents: lines.count, chunks: chunks)
        var base: (tree: ObjectID, contents: Set<ObjectID>)?
        if request.content == .blobs, let cache = snapshot.cache, try writer.objectKind(cache.manifest) == .tree {
            base = (cache.manifest, Set(cache.entries.values.map(\.content)))
        }
        let id = try store.writeManifest(header: header, lines: lines, contents: request.content == .blobs ? contents : nil, base: base)
        let provenance = EvalProvenance(recordedAt: ISODate.format(recorder), recordedBy: "\(recorder.name) <\(recorder.email)>", files: [request.source])
        let commit = try store.append(id, name: name, provenance: provenance, signature: recorder)
        if snapshot.store.kind == "folder", let scannedAt = snapshot.scannedAt {
            RecordCache(settings: settings, manifest: id, scannedAt: scannedAt, entries: cacheEntries).write(to: cachePath)
        }
        return ManifestRecordReport(
            id: id.hex, name: name, isNew: commit != nil, documents: lines.count, chunks: chunks,
            documentsRead: snapshot.documents.count, documentsReused: snapshot.reused.count)
    }
}

/// Manifest names: one git reference component, as for labels.
enum ManifestName {
    /// Returns `name` when it is valid; bad input otherwise (`given`: the user typed it, rather than
    /// it being taken from the source's path).
    static func checked(_ name: String, given: Bool) throws -> String {
        guard LabelName.isValid(name) else {
            let remedy = given ? "" : " (taken from the source's path); pass --name"
            throw QuillError.badInput(
                "manifest name \(LabelName.quoted(name)) is not valid\(remedy); expected one git reference component such as 'support-docs' (no '/', '..', '@', spaces or control characters)")
        }
        return name
    }
}
