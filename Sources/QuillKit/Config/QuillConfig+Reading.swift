import Foundation
import GitKit

extension QuillConfig {
    /// The bytes of `quill.yaml` in the work tree at `root` (a link's text, as git reads it), or nil
    /// when there is none; a file over `FileSizeBound.config` is refused before it is read.
    static func workTreeText(root: String) throws -> Data? {
        try FileSizeBound.config.reading(fileName) { limit throws(FileTooLarge) in
            try WorkTreeFile.contents(of: fileName, in: root, limit: limit)
        }
    }

    /// The bytes of `quill.yaml` committed in `commit`, which errors call `revision`, or nil when the
    /// commit has no such file; a blob over `FileSizeBound.config` is refused from its header, before
    /// it is inflated.
    static func committedText(at commit: ObjectID, revision: String, in repository: Repository) throws -> Data? {
        guard let entry = try repository.treeEntry(atPath: fileName, inCommit: commit),
              entry.mode == .blob || entry.mode == .executable else { return nil }
        return try MissingObject.data(of: entry.id, path: "\(revision):\(fileName)", commit: commit, in: repository, bound: .config)
    }
}
