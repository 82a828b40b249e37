import Foundation
import GitKit

extension Workspace {
    /// Imports result files and stores one record per evaluation in one commit on `refs/quill/evals`,
    /// then mirrors score notes when `notes` is on.
    ///
    /// Every file is read and every record checked before anything is written, so bad input leaves the
    /// store exactly as it was.
    public func recordEvaluations(_ request: RecordRequest) throws -> RecordReport {
        try recordEvaluations(request, environment: ProcessInfo.processInfo.environment)
    }

    /// `recordEvaluations(_:)` with the recorder's identity and date taken from `environment` (`GIT_COMMITTER_*`).
    func recordEvaluations(_ request: RecordRequest, environment: [String: String]) throws -> RecordReport {
        let recorder = try repository.defaultSignature(for: .committer, environment: environment)
        // A batch reads commits, trees and index leaves spread over the whole store, a few thousand
        // at most: read with `pread`, they leave none of the store's pages resident.
        repository.readPacksForLookUps()
        var pending = [EvalStore.Pending]()
        // The commit whose prompts must match the work tree, read once: a batch names thousands of evaluations.
        let checkedHead = request.allowDirty || workTreeRoot == nil ? nil : try repository.headCommitID()
        // A batch names the same few commits and prompts thousands of times: each is resolved once.
        var versions = [PromptAtRevision: PromptVersion]()
        for file in request.files {
            let absolute = file.hasPrefix("/") ? file : currentDirectory + "/" + file
            // Pipes and devices are read too (`<(command)`), but never past the bound. The bytes are
            // bound once, so handing them on (`consume`) lets them go as soon as the importer has them as text.
            guard let data = try FileSizeBound.resultFile.reading(file, { limit throws(FileTooLarge) in
                try BoundedFileRead.contents(atPath: absolute, limit: limit)
            }) else {
                throw QuillError.badInput("cannot read results file '\(file)'; expected a readable file")
            }
            let results = try ResultImporter.read(consume data, path: file, format: request.format, caseID: request.caseID)
            for evaluation in results.evaluations {
                pending.append(try pendingRecord(evaluation, format: results.format, file: file, request: request, head: checkedHead, versions: &versions))
            }
        }
        guard !pending.isEmpty else {
            throw QuillError.badInput("no evaluations in \(request.files.map { "'\($0)'" }.joined(separator: ", ")); expected at least one result")
        }
        let provenance = EvalProvenance(
            recordedAt: ISODate.format(recorder), recordedBy: "\(recorder.name) <\(recorder.email)>", files: request.files)
        // A large batch writes its objects as one pack instead of thousands of loose files.
        let writer = pending.count >= EvalStore.packedBatchSize ? try repository.openPackingHandle() : repository
        let store = EvalStore(repository: writer)
        let result = try store.append(pending, provenance: provenance, signature: recorder)
        // Also when nothing new was stored: recording again then repairs the notes of a run that
        // stored its records but could not write its notes (a lock left behind, a kill in between).
        if config.notes {
            var known = result.commitLines
            for (id, record) in result.records where known[id] == nil { known[id] = ScoreLine(id: id, record: record, meta: nil) }
            try NotesMirror(repository: writer).refresh(
                Set(pending.compactMap { ObjectID(hex: $0.record.commit) }), from: store, known: known, signature: recorder)
        }
        // Quill writes a pack per batch: roll them up once they pile up (best effort; nothing is lost when it cannot).
        if result.storeCommit != nil { repository.consolidatePacks(whenMoreThan: EvalStore.packLimit) }
        let newIDs = Set(result.newRecordIDs)
        let summaries = result.records.map {
            RecordSummary(id: $0.id.hex, record: $0.record, isNew: newIDs.contains($0.id), recordedAt: provenance.recordedAt)
        }
        return RecordReport(records: summaries, storeCommit: result.storeCommit?.hex)
    }

    /// A prompt path named at a revision, as the results or options give them.
    private struct PromptAtRevision: Hashable {
        let path: String
        let revision: String
    }

    /// The commit a revision resolves to and the prompt blob a path names in it.
    private struct PromptVersion {
        let commit: ObjectID
        let blob: ObjectID
    }

    /// Ties one imported evaluation to its prompt version and commit, refusing what it cannot name; at
    /// `head` (the checked-out commit, `nil` when the work tree is not checked) the prompt must match the
    /// work tree. `versions` keeps the versions resolved so far.
    private func pendingRecord(
        _ evaluation: ImportedEvaluation, format: ResultFormat, file: String, request: RecordRequest, head: ObjectID?,
        versions: inout [PromptAtRevision: PromptVersion]
    ) throws -> EvalStore.Pending {
        let promptPath: String
        if let prompt = request.prompt {
            promptPath = try repositoryPath(forUserPath: prompt)
        } else if let named = evaluation.promptPath {
            promptPath = named.hasPrefix("/") ? try repositoryPath(forUserPath: named) : named
        } else {
            throw QuillError.badInput("\(file): the results name no prompt; pass --prompt PATH")
        }
        let revision = request.commit ?? evaluation.commit ?? "HEAD"
        let key = PromptAtRevision(path: promptPath, revision: revision)
        let version: PromptVersion
        if let known = versions[key] {
            version = known
        } else {
            let commit = try resolveUserCommit(revision)
            let tree = try repository.treeID(ofCommit: commit)
            guard let entry = try repository.treeEntry(atPath: promptPath, inTree: tree), !entry.isTree else {
                throw QuillError.badInput("\(file): prompt '\(promptPath)' does not exist in commit \(commit.abbreviated()) ('\(revision)'); expected a prompt committed there")
            }
            if let head, commit == head {
                let workTree = try workTreeData(promptPath)
                if try workTree.map(Repository.blobID(of:)) != entry.id {
                    throw QuillError.badInput("prompt '\(promptPath)' differs from HEAD in the work tree; commit it first, or pass --allow-dirty to record against HEAD's version")
                }
            }
            version = PromptVersion(commit: commit, blob: entry.id)
            versions[key] = version
        }
        let commit = version.commit
        guard !evaluation.metrics.isEmpty || !evaluation.cases.isEmpty else {
            throw QuillError.badInput("\(file): no metrics and no cases for '\(promptPath)'; expected at least one metric")
        }
        for (name, value) in evaluation.metrics where !value.isFinite {
            throw QuillError.badInput("\(file): metric '\(name)' is \(value); expected a finite number")
        }
        let suite = try checkedLabel(request.suite.map { ($0, "--suite") } ?? evaluation.suite.map { ($0, "\(file): 'suite'") }) ?? "default"
        let model = try checkedLabel(request.model.map { ($0, "--model") } ?? evaluation.model.map { ($0, "\(file): 'model'") })
        let manifest = try checkedManifest(request.manifest.map { ($0, "--manifest") } ?? evaluation.manifest.map { ($0, "\(file): 'manifest'") })
        let record = EvalRecord(
            prompt: promptPath, promptBlob: version.blob.hex, commit: commit.hex, suite: suite, dataset: evaluation.dataset,
            model: model, parameters: evaluation.parameters, manifest: manifest, metrics: evaluation.metrics,
            errors: evaluation.cases.count { $0.error != nil }, source: format.rawValue)
        return EvalStore.Pending(record: record, cases: evaluation.cases)
    }

    /// A suite or model name as given (`source` names the option or file it came from): not empty, no control characters, since it is
    /// shown on one line and in score notes.
    private func checkedLabel(_ given: (value: String, source: String)?) throws -> String? {
        guard let (value, source) = given else { return nil }
        guard !value.trimmingCharacters(in: .whitespaces).isEmpty, !value.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw QuillError.badInput("\(source) is '\(value)'; expected a name that is not empty and has no control characters, such as 'smoke'")
        }
        return value
    }

    /// A vector-store manifest as given: a full object id in hex (stored in lower case, recorded or
    /// not), or `latest:NAME` or an id prefix of a manifest on `refs/quill/manifests`.
    private func checkedManifest(_ given: (value: String, source: String)?) throws -> String? {
        guard let (value, source) = given else { return nil }
        if value.utf8.count == ObjectID.byteCount * 2, let id = ObjectID(hex: value) { return id.hex }
        do {
            return try resolveManifest(value)
        } catch let error as QuillError where error.kind == .badInput {
            throw QuillError.badInput("\(source) is '\(value)': \(error.message)")
        }
    }
}
