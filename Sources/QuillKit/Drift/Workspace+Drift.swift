import Foundation
import GitKit

extension Workspace {
    /// How the text collection `request.b` drifted from `request.a`, judged by `quill.yaml`'s
    /// `drift:` limits. Complexity: O(n) in the bytes of both collections, plus the statistics'
    /// O(V + N log k) (see `DriftAnalysis`).
    public func drift(_ request: DriftRequest) throws -> DriftReport {
        let sides = try [request.a, request.b].map { try collection(request: $0, field: request.field) }
        let pair = try ProfiledPair.read(sides)
        for (side, profile) in [pair.a, pair.b].enumerated() where profile.wordCount == 0 {
            throw QuillError.badInput(
                "'\([request.a, request.b][side])' holds no words (\(profile.documentCount) documents); expected a \(sides[side].kind) with text in it")
        }
        let analysis = DriftAnalysis(vocabulary: pair.vocabulary, a: pair.a, b: pair.b, top: request.top)
        return analysis.report(names: (request.a, request.b), thresholds: config.drift)
    }

    /// The collection `spec` names: `manifest:MANIFEST`, the documents of a recorded manifest
    /// (`manifest:latest:NAME` or an id), or a file's bytes with the reader of its format.
    private func collection(request spec: String, field: String?) throws -> TextCollection {
        if spec.hasPrefix(Self.manifestPrefix) {
            if let field { throw QuillError.badInput("'\(spec)' is a manifest of text documents; '--field \(field)' names a field of a .jsonl or .csv file") }
            return .texts(try manifestTexts(String(spec.dropFirst(Self.manifestPrefix.count))).map(\.text))
        }
        let (path, data) = try collectionData(spec)
        let format = DatasetFormat.of(path: path)
        if let field, format == .plainText {
            throw QuillError.badInput("'\(spec)' is plain text, one document; '--field \(field)' names a field of a .jsonl or .csv file")
        }
        return .file(data, DatasetReader(path: spec, format: format, field: field ?? DatasetFormat.defaultField))
    }

    /// What names a manifest as a drift collection.
    static let manifestPrefix = "manifest:"

    /// The path and bytes `spec` names: `REV:PATH`, the file as committed at a revision, or a
    /// file path, relative to the current folder. Either is refused, before it is read, when it is
    /// larger than `FileSizeBound.dataset`.
    private func collectionData(_ spec: String) throws -> (path: String, data: Data) {
        if let colon = spec.firstIndex(of: ":"), colon != spec.startIndex,
            !FileManager.default.fileExists(atPath: absolutePath(spec)) {
            let revision = String(spec[..<colon])
            let commit = try resolveUserCommit(revision)
            let userPath = String(spec[spec.index(after: colon)...])
            let path = userPath.hasPrefix("./") || userPath.hasPrefix("../") ? try repositoryPath(forUserPath: userPath) : userPath
            guard let entry = try repository.treeEntry(atPath: path, inCommit: commit), entry.mode == .blob || entry.mode == .executable else {
                throw QuillError.badInput("'\(path)' is not a file in '\(revision)'; expected a file committed there, such as '\(revision):data/inputs.jsonl'")
            }
            return (path, try MissingObject.data(of: entry.id, path: path, commit: commit, in: repository, bound: .dataset))
        }
        let absolute = absolutePath(spec)
        var status = stat()
        guard lstat(absolute, &status) == 0 else {
            throw QuillError.badInput("'\(spec)' does not exist; expected a file, or REV:PATH for a file as committed at a revision")
        }
        guard status.st_mode & S_IFMT == S_IFREG,
              let data = try FileSizeBound.dataset.reading(spec, { limit throws(FileTooLarge) in try BoundedFileRead.contents(atPath: absolute, limit: limit) })
        else {
            throw QuillError.badInput("'\(spec)' is not a regular file; expected a file of texts (a symbolic link is not followed)")
        }
        return (spec, data)
    }

    private func absolutePath(_ path: String) -> String {
        path.hasPrefix("/") ? path : currentDirectory + "/" + path
    }
}
