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
            cache: usableCache(at: cachePath, settings: settings))
        if snapshot.store.kind == "folder" { snapshot.embedding = request.embedding }
        try snapshot.validate(source: request.source)

        let writer = snapshot.documents.count >= EvalStore.packedBatchSize ? try repository.openPackingHandle() : repository
        let store = ManifestStore(repository: writer)
        var fresh = [DocumentMerge.Fresh]()
        fresh.reserveCapacity(snapshot.documents.count)
        for document in snapshot.documents {
            let data = Data(document.bytes)
            let content = try document.given?.content ?? (request.content == .blobs ? writer.writeBlob(data) : Repository.blobID(of: data))
            let line = try ManifestDocument(
                id: document.id, content: content.hex, size: document.given?.size ?? document.bytes.count, metadata: document.metadata, chunks: document.chunks
            ).canonicalLine(source: request.source)
            fresh.append(.init(id: document.id, line: line, content: content, chunkCount: document.chunks.count, stamp: document.stamp))
        }
        let merge = DocumentMerge(fresh: fresh, cache: snapshot.cache, kept: snapshot.reused)
        let header = ManifestHeader(
            store: snapshot.store, embedding: snapshot.embedding, chunking: snapshot.chunking, index: snapshot.index, content: request.content,
            documents: merge.order.count, chunks: merge.chunks)
        let changes = merge.contentChanges()
        let id = try store.writeManifest(
            header: header, documents: merge.documents,
            contents: request.content == .blobs ? (snapshot.cache?.manifest, changes.added, changes.removed) : nil)
        let provenance = EvalProvenance(recordedAt: ISODate.format(recorder), recordedBy: "\(recorder.name) <\(recorder.email)>", files: [request.source])
        let commit = try store.append(id, name: name, provenance: provenance, signature: recorder)
        if snapshot.store.kind == "folder", let scannedAt = snapshot.scannedAt,
            snapshot.cache?.manifest != id || !snapshot.documents.isEmpty,
            let cache = merge.nextCache(settings: settings, manifest: id, scannedAt: scannedAt) {
            CacheFile.write(cache, to: cachePath)
        }
        return ManifestRecordReport(
            id: id.hex, name: name, isNew: commit != nil, documents: merge.order.count, chunks: merge.chunks,
            documentsRead: snapshot.documents.count, documentsReused: snapshot.reused.count)
    }
}

extension Workspace {
    /// The record cache at `path` when it was made with `settings` and its manifest is in the
    /// repository (its documents are reused, and its tree updated, only then).
    private func usableCache(at path: String, settings: String) -> RecordCache? {
        guard let cache = RecordCache.read(at: path, settings: settings), (try? repository.objectKind(cache.manifest)) == .tree else { return nil }
        return cache
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
