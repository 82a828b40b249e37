import Foundation
import GitKit

/// One record as its prompt version's score summary (`scores/…`, docs/storage.md) keeps it: what
/// `log`, `eval list P` and `blame --metric` read of a record, the record's id, and the id of its
/// provenance blob. Its canonical JSON is one line of the summary.
struct ScoreLine: Sendable, Hashable {
    /// The record id.
    let id: ObjectID
    let commit: String
    let prompt: String
    let suite: String
    let model: String?
    let metrics: [String: Double]
    let manifest: String?
    /// How many per-case results the record has; `nil` when it has none.
    let cases: Int?
    let errors: Int?
    /// The provenance blob (`meta/…`) of the record; `nil` when the store holds none.
    let meta: ObjectID?

    /// The line of the record `id`, whose provenance blob is `meta`.
    init(id: ObjectID, record: EvalRecord, meta: ObjectID?) {
        self.id = id
        commit = record.commit
        prompt = record.prompt
        suite = record.suite
        model = record.model
        metrics = record.metrics
        manifest = record.manifest
        cases = record.cases?.count
        errors = record.errors
        self.meta = meta
    }

    /// The line with the provenance blob `meta` instead of its own.
    func with(meta: ObjectID?) -> ScoreLine {
        ScoreLine(id: id, commit: commit, prompt: prompt, suite: suite, model: model, metrics: metrics, manifest: manifest, cases: cases, errors: errors, meta: meta)
    }

    private init(
        id: ObjectID, commit: String, prompt: String, suite: String, model: String?, metrics: [String: Double], manifest: String?,
        cases: Int?, errors: Int?, meta: ObjectID?
    ) {
        self.id = id
        self.commit = commit
        self.prompt = prompt
        self.suite = suite
        self.model = model
        self.metrics = metrics
        self.manifest = manifest
        self.cases = cases
        self.errors = errors
        self.meta = meta
    }

    /// Reads one stored line (without its line feed), with the same rules as a stored record.
    init(stored line: ArraySlice<UInt8>) throws {
        let object = try StoredObject(Array(line), context: "score line: ")
        let objectID: (JSONValue) -> ObjectID? = { $0.stringValue.flatMap(ObjectID.init(hex:)) }
        self.init(
            id: try object.required("id", objectID), commit: try object.required("commit", \.stringValue),
            prompt: try object.required("prompt", \.stringValue), suite: try object.required("suite", \.stringValue),
            model: try object.optional("model", \.stringValue), metrics: try object.required("metrics", StoredObject.numbers),
            manifest: try object.optional("manifest", \.stringValue), cases: try object.optional("cases", StoredObject.whole),
            errors: try object.optional("errors", StoredObject.whole), meta: try object.optional("meta", objectID))
    }

    /// The line's canonical JSON, without the line feed.
    func canonicalData() throws -> Data {
        var members: [String: JSONValue] = [
            "id": .string(id.hex), "commit": .string(commit), "prompt": .string(prompt), "suite": .string(suite),
            "metrics": .object(metrics.mapValues(JSONValue.number)),
        ]
        if let model { members["model"] = .string(model) }
        if let manifest { members["manifest"] = .string(manifest) }
        if let cases { members["cases"] = .number(Double(cases)) }
        if let errors { members["errors"] = .number(Double(errors)) }
        if let meta { members["meta"] = .string(meta.hex) }
        return try CanonicalJSON.encode(.object(members))
    }
}

/// A prompt version's score summary blob: its records' `ScoreLine`s, one a line, each ending in a
/// line feed, sorted by record id (the order of the version's `by-prompt` folder), one line per record.
enum ScoreSummary {
    /// The blob of `lines` (any order; a record given twice must have one line).
    static func encode(_ lines: some Sequence<ScoreLine>) throws -> Data {
        var out = Data()
        for line in lines.sorted(by: { $0.id < $1.id }) {
            out += try line.canonicalData()
            out.append(0x0A)
        }
        return out
    }

    /// The lines of a summary blob, in its order.
    static func decode(_ data: Data) throws -> [ScoreLine] {
        let bytes = [UInt8](data)
        guard bytes.last.map({ $0 == 0x0A }) ?? true else { throw StoredRecordError("score summary does not end with a line feed") }
        return try bytes.split(separator: 0x0A, omittingEmptySubsequences: false).dropLast().map(ScoreLine.init(stored:))
    }

    /// The lines of the records a version's `by-prompt` folder lists, each with its provenance blob
    /// from `meta` (the summary Quill builds for that version).
    static func lines(ofVersionFolder folder: ObjectID, store: EvalStore, meta: IndexReader) throws -> [ScoreLine] {
        try store.repository.treeEntries(folder).compactMap { entry -> ScoreLine? in
            guard let id = ObjectID(hex: entry.name) else { return nil }
            let provenance = try meta.entry(for: id, suffix: ".json").flatMap { $0.mode == .tree ? nil : $0.id }
            return ScoreLine(id: id, record: try store.record(id), meta: provenance)
        }
    }

    /// `existing` with `added` put in: one line per record id, a record already there kept as it is.
    static func merged(_ existing: [ScoreLine], adding added: some Sequence<ScoreLine>) -> [ScoreLine] {
        var byID = Dictionary(existing.map { ($0.id, $0) }) { first, _ in first }
        for line in added where byID[line.id] == nil { byID[line.id] = line }
        return Array(byID.values)
    }
}
