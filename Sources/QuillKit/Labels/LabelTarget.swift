import Foundation
import GitKit

/// What `refs/quill/labels` stores at `<label>/<prompt path>` (docs/storage.md): the prompt version the
/// label points at for that prompt, or a removal, with when and by whom it was moved there.
///
/// The move's time travels with the value so that two stores merge without their histories: the later
/// move wins (`LabelTarget.newer`), and a removal is kept as a value (`removed`) so that it wins over an
/// older move from another machine instead of being undone by the union.
struct LabelTarget: Codable, Equatable {
    /// Schema version, `1`.
    var quill = 1
    /// The prompt version: the blob id of the prompt file (absent for a removal).
    var blob: String?
    /// The commit the version was taken from (absent for a removal).
    var commit: String?
    /// When the label was moved here: the move commit's committer time, in seconds since 1970.
    var movedAt: Int64
    /// Who moved it: `Name <email>`, the move commit's author.
    var movedBy: String
    /// Present and true when the move removed the label from the prompt.
    var removed: Bool?

    /// The largest value blob a reader accepts; Quill writes about 200 bytes.
    static let maximumSize = 4_096

    /// The version pointed at, or `nil` for a removal.
    var version: LabelVersion? {
        guard removed != true, let blob, let commit else { return nil }
        return LabelVersion(blob: blob, commit: commit)
    }

    /// The value for a move to `version` (`nil`: a removal) by `signature`.
    init(version: LabelVersion?, signature: Signature) {
        blob = version?.blob
        commit = version?.commit
        movedAt = signature.unixTime
        movedBy = "\(signature.name) <\(signature.email)>"
        removed = version == nil ? true : nil
    }

    /// Reads a stored value, refusing anything Quill would not have written.
    init(stored data: Data, path: String) throws {
        guard data.count <= LabelTarget.maximumSize, let value = try? JSONDecoder().decode(LabelTarget.self, from: data) else {
            throw LabelStore.corrupt("'\(path)' is not a label value (expected JSON with blob, commit, movedAt, movedBy)")
        }
        let hasVersion = value.blob.flatMap(ObjectID.init(hex:)) != nil && value.commit.flatMap(ObjectID.init(hex:)) != nil
        guard value.quill == 1, hasVersion != (value.removed == true) else {
            throw LabelStore.corrupt("'\(path)' is not a label value (expected either a blob and a commit id, or removed)")
        }
        self = value
    }

    /// The canonical JSON bytes of the value.
    func canonicalData() throws -> Data {
        try CanonicalJSON.encode(self)
    }

    /// Of two different values stored at one path, the one a merge keeps: the later `movedAt`, and on
    /// a tie the larger blob id of the stored value, so every machine picks the same one.
    static func newer(_ one: (id: ObjectID, value: LabelTarget), _ other: (id: ObjectID, value: LabelTarget)) -> ObjectID {
        (one.value.movedAt, one.id.hex) > (other.value.movedAt, other.id.hex) ? one.id : other.id
    }
}

/// A prompt version a label points at: the prompt file's blob and the commit it was taken from.
public struct LabelVersion: Codable, Sendable, Hashable {
    /// The blob id of the prompt file (its version).
    public let blob: String
    /// The commit the version was taken from.
    public let commit: String

    public init(blob: String, commit: String) {
        self.blob = blob
        self.commit = commit
    }
}
