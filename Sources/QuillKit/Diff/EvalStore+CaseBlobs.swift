import Foundation
import GitKit

extension EvalStore {
    /// The bytes of a record's per-case blob, undecoded (nil when it has none), so that decoding can
    /// run away from the repository, which serves one thread at a time.
    func casesBlob(of record: EvalRecord) throws -> Data? {
        guard let reference = record.cases, let id = ObjectID(hex: reference.blob) else { return nil }
        return try repository.blobData(id)
    }
}
