import Foundation
import GitKit

/// A setting the records name that differs between two neighbouring evaluations (the model, its
/// parameters, the vector-store manifest, the dataset, the suite), with the commit where the
/// repository changed it.
public struct RecordChange: Codable, Sendable, Equatable {
    /// The record field that differs.
    public enum Field: String, Codable, Sendable, CaseIterable {
        case model, parameters, manifest, dataset, suite
    }

    public let field: Field
    /// The kind of change it is: `model` for model and parameters, `data` for the manifest,
    /// `dataset` for the dataset, `suite` for the suite.
    public let kind: RegressionCandidate.Kind
    /// The values on the older side (`none` where a record names none), sorted.
    public let before: [String]
    /// The values on the newer side, sorted.
    public let after: [String]
    /// The commit between the two evaluations whose changes added the new value (`nil`: no commit
    /// there did, so it changed outside the repository).
    public let commit: String?

    /// The fields that differ from `good`'s records to `bad`'s, without their commits; manifests are
    /// compared by the content `repository`'s manifest store holds for them.
    static func differences(from good: [EvalRecord], to bad: [EvalRecord], in repository: Repository) throws -> [(field: Field, before: [String], after: [String])] {
        try Field.allCases.compactMap { field in
            let before = Set(good.map { RecordChange.value(of: field, in: $0) })
            let after = Set(bad.map { RecordChange.value(of: field, in: $0) })
            guard try field == .manifest ? ManifestStore(repository: repository).dataDiffer(before, after) : before != after else { return nil }
            return (field, before.sorted(), after.sorted())
        }
    }

    /// The kind of change a difference of `field` is.
    static func kind(of field: Field) -> RegressionCandidate.Kind {
        switch field {
        case .model, .parameters: .model
        case .manifest: .data
        case .dataset: .dataset
        case .suite: .suite
        }
    }

    /// The text a record holds for `field` (`none` when absent): the dataset as `name@id`, parameters
    /// as `key=value` pairs sorted by key.
    static func value(of field: Field, in record: EvalRecord) -> String {
        switch field {
        case .model: record.model ?? "none"
        case .manifest: record.manifest ?? "none"
        case .suite: record.suite
        case .dataset: record.dataset.map { $0.name + ($0.id.map { "@" + $0 } ?? "") } ?? "none"
        case .parameters:
            (record.parameters ?? [:]).sorted { $0.key < $1.key }.map { "\($0.key)=\(parameterText($0.value))" }.joined(separator: ",").nilIfEmpty ?? "none"
        }
    }

    /// A parameter value as it is written in a file: numbers without a trailing `.0`.
    static func parameterText(_ value: JSONValue) -> String {
        switch value {
        case .number(let number): number == number.rounded() && abs(number) < 1e15 ? String(Int(number)) : String(number)
        case .string(let text): text
        case .bool(let flag): String(flag)
        default: (try? String(decoding: CanonicalJSON.encode(value), as: UTF8.self)) ?? ""
        }
    }

    /// The strings whose appearance on an added line marks the commit that set the new value: the
    /// model name, a parameter's `value` next to its key, the manifest id, the dataset's id and name,
    /// the suite name.
    static func needles(of field: Field, in record: EvalRecord) -> [(String, key: String?)] {
        switch field {
        case .model: record.model.map { [($0, nil)] } ?? []
        case .manifest: record.manifest.map { [($0, nil)] } ?? []
        case .suite: [(record.suite, nil)]
        case .dataset: [record.dataset?.id, record.dataset?.name].compactMap { $0 }.map { ($0, nil) }
        case .parameters: (record.parameters ?? [:]).map { (parameterText($0.value), key: $0.key) }
        }
    }
}

extension String {
    /// `nil` for the empty string.
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
