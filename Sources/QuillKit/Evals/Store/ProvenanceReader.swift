import Foundation
import GitKit

/// Reads the provenance (`meta/…`) of many records of one store tree: the fan-out trees are read once
/// (`IndexReader`), and each provenance blob is decoded once, since a batch's records share one.
struct ProvenanceReader {
    private let index: IndexReader
    private var decoded = [ObjectID: EvalProvenance]()

    /// A reader of the provenance in the store tree `tree`.
    init(store: EvalStore, tree: ObjectID) throws {
        index = try IndexReader(store: store, tree: tree, folder: StorePath.metaFolder)
    }

    /// Who recorded the record `id` and when; `nil` when the store holds no provenance for it.
    mutating func provenance(of id: ObjectID) throws -> EvalProvenance? {
        guard let entry = try index.entry(for: id, suffix: ".json"), entry.mode != .tree else { return nil }
        if let known = decoded[entry.id] { return known }
        let provenance = try JSONDecoder().decode(EvalProvenance.self, from: index.repository.blobData(entry.id))
        decoded[entry.id] = provenance
        return provenance
    }
}
