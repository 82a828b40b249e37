import Foundation
import QuillKit

/// Canonical JSON: any JSON value encodes, reads back equal, and encodes again to the same bytes.
enum CanonicalJSONTarget {
    static let target = FuzzTarget(name: "canonical-json", summary: "CanonicalJSON.encode of any JSON value, read back") { bytes in
        guard let value = try? JSONDecoder().decode(JSONValue.self, from: Data(bytes)) else { return }
        let canonical: Data
        do {
            canonical = try CanonicalJSON.encode(value)
        } catch {
            // JSON text has no NaN or infinity, so every value read from it has a canonical form.
            Invariant.require(false, "no canonical form: \(error)")
            return
        }
        let again = try? JSONDecoder().decode(JSONValue.self, from: canonical)
        Invariant.require(again == value, "canonical JSON reads back as another value: \(String(decoding: canonical, as: UTF8.self))")
        Invariant.require(again.flatMap { try? CanonicalJSON.encode($0) } == canonical, "canonical JSON is not stable")
    }
}
