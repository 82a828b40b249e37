import Foundation
import GitKit

extension Workspace {
    /// Fetches the remote's `refs/quill/*` and `refs/notes/quill` into `refs/quill-remotes/<name>/`,
    /// union-merges each into the local ref, and pushes the results back without force.
    ///
    /// What the remote sends is checked before any local ref moves (`FetchedRefCheck`): a ref that is not
    /// a commit with the store's layout stops the sync with nothing changed.
    ///
    /// `remote` is a configured remote's name, a URL libgit2 supports, or a local path. Both sides move
    /// by compare-and-swap: a local writer that wins a race makes the merge redo on its tip, and a
    /// remote that moved between fetch and push rejects the push, so the whole fetch–merge–push starts
    /// over (up to 10 times, with jittered backoff). Nothing on either side is ever lost or rewritten.
    /// Complexity: the fetch and push, plus one walk of each merged tree's changed folders and one
    /// listing of each ref's tree to count what moved.
    public func sync(remote: String = "origin") throws -> SyncReport {
        try sync(remote: remote, attempts: 10, beforePush: {})
    }

    /// `sync`, with `beforePush` run between the merge and the push of every attempt (tests race it there)
    /// and the fetched pack received by `receiver` (tests take libgit2's fallback with `.libgit2`).
    func sync(remote: String, attempts: Int, receiver: FetchReceiver = .automatic, beforePush: () throws -> Void) throws -> SyncReport {
        let target = try SyncRemote.resolve(remote, in: self)
        let merger = RefMerger(repository: repository, remote: target, signature: try repository.defaultSignature(for: .committer))
        var localBefore = [String: ObjectID?]()
        for reference in SyncedRefs.all { localBefore[reference] = .some(try repository.referenceTarget(reference)) }
        var rejections = [PushRejection]()
        for attempt in 0..<attempts {
            if attempt > 0 {
                // Jittered exponential backoff: 50 ms, 100 ms, … up to 1.6 s, times 0.5–1.
                usleep(UInt32(Double(50_000 << min(attempt - 1, 5)) * Double.random(in: 0.5...1)))
            }
            let merges = try fetchAndMerge(target, remote: remote, merger: merger, receiver: receiver)
            try beforePush()
            let sending = merges.filter { $0.localAfter != nil && $0.localAfter != $0.remoteTip }
            rejections = sending.isEmpty ? [] : try repository.push(
                remote: target.location, refspecs: sending.map { "\($0.reference):\($0.reference)" })
            guard rejections.isEmpty else { continue }
            let refs = try merges.map { merge in
                try merger.report(merge, localBefore: localBefore[merge.reference] ?? nil, pushed: sending.contains { $0.reference == merge.reference })
            }
            return SyncReport(remote: remote, trackingName: target.trackingName, retries: attempt, refs: refs)
        }
        throw QuillError(
            .repository,
            "'\(remote)' kept moving: \(rejections.map(\.description).joined(separator: ", ")) rejected \(attempts) times; run 'quill sync' again")
    }

    /// Fetches the remote's Quill refs into `refs/quill-remotes/<name>/` (refused with nothing changed when
    /// one is not what Quill writes, `FetchedRefCheck`) and merges each into its local ref as the union of
    /// both: a local ref is only ever fast-forwarded or merged, never rewritten. `remote` is the name the
    /// user gave, for messages. Returns the merges of the refs either side has.
    func fetchAndMerge(_ target: SyncRemote, remote: String, merger: RefMerger, receiver: FetchReceiver = .automatic) throws -> [RefMerger.Merge] {
        var advertised = [String: ObjectID]()
        let fetched = try repository.fetch(remote: target.location, refspecs: target.fetchRefspecs, receiver: receiver) { received, advertised in
            try FetchedRefCheck(repository: received, remote: remote, addedRecords: merger.addedRecords).check(advertised)
        }
        for reference in fetched {
            advertised[reference.name] = reference.id
        }
        var merges = [RefMerger.Merge]()
        for reference in SyncedRefs.all {
            guard try repository.referenceTarget(reference) != nil || advertised[reference] != nil else { continue }
            merges.append(try merger.merge(reference, remoteTip: advertised[reference]))
        }
        return merges
    }
}

/// Merges one remote ref into its local ref: nothing, a fast-forward, or a merge commit whose tree is
/// the union of both trees; the local ref moves by compare-and-swap.
struct RefMerger {
    /// One ref after the merge: the remote tip it took in and where the local ref is now.
    struct Merge {
        let reference: String
        let remoteTip: ObjectID?
        let localAfter: ObjectID?
        let action: SyncedReference.Action
    }

    let repository: Repository
    let remote: SyncRemote
    let signature: Signature
    /// The records the fetched eval store adds to the local one, as the fetch's check counted them, for `report`.
    let addedRecords = AddedRecordCounts()

    func merge(_ reference: String, remoteTip: ObjectID?) throws -> Merge {
        var action = SyncedReference.Action.upToDate
        let moved = try CompareAndSwap(repository: repository, reference: reference).append { tip in
            action = .upToDate
            guard let remoteTip else { return nil }
            guard let tip else {
                action = .fastForwarded
                return remoteTip
            }
            if try repository.isAncestor(remoteTip, of: tip) { return nil }
            if try repository.isAncestor(tip, of: remoteTip) {
                action = .fastForwarded
                return remoteTip
            }
            action = .merged
            let trees = try [tip, remoteTip].map { try layoutOf(reference, repository.treeID(ofCommit: $0)) }
            let tree = try repository.unionTree(trees[0], trees[1]) { path, ours, theirs in
                try resolve(reference, path: path, ours: ours, theirs: theirs)
            }
            return try repository.createCommit(
                tree: tree, parents: [tip, remoteTip], message: "quill: merge '\(reference)' from '\(remote.trackingName)'\n",
                author: signature, committer: signature)
        }
        return Merge(reference: reference, remoteTip: remoteTip, localAfter: try moved ?? repository.referenceTarget(reference), action: action)
    }

    /// The tree to merge for `tree` on `reference`: an eval store's in layout 3, whichever layout each
    /// side has, so the union is of like with like (`StoreMigration`); any other ref's as it is.
    private func layoutOf(_ reference: String, _ tree: ObjectID) throws -> ObjectID {
        reference == SyncedRefs.evals ? try StoreMigration(repository: repository).migrated(tree) : tree
    }

    /// Settles a file both sides hold with different content.
    ///
    /// In the eval store names are content ids, so only provenance can differ (the same record stored
    /// twice): the earlier recording wins on both sides alike; a prompt version's score summary is the
    /// union of both sides' lines, a record on both keeping the line of its earlier provenance (as
    /// `meta/` does, `ScoreSummaryUnion`); so for a manifest both sides recorded
    /// under one name. A score note is recomputed from the merged
    /// store (its lines are joined when the store has no records for that commit). A label both sides
    /// moved keeps the later move (`LabelTarget.newer`), whose history both sides keep. Anything else means
    /// the refs were written by something other than Quill, or are corrupt: refuse.
    private func resolve(_ reference: String, path: String, ours: ObjectID, theirs: ObjectID) throws -> ObjectID {
        switch reference {
        case SyncedRefs.evals where path.hasPrefix("meta/"), SyncedRefs.manifests where path.hasPrefix("names/"):
            let provenances = try [ours, theirs].map { (id: $0, value: try JSONDecoder().decode(EvalProvenance.self, from: repository.blobData($0))) }
            return provenances.min { ($0.value.recordedAt, $0.id) < ($1.value.recordedAt, $1.id) }!.id
        case SyncedRefs.evals where path.hasPrefix(StorePath.scoresFolder + "/"):
            return try ScoreSummaryUnion(repository: repository).union(ours, theirs, path: path, remote: remote.trackingName)
        case SyncedRefs.notes:
            return try mergedNote(path: path, ours: ours, theirs: theirs)
        case SyncedRefs.labels:
            return try LabelStore(repository: repository).resolveMerge(path: path, ours: ours, theirs: theirs)
        default:
            throw QuillError(
                .repository,
                "'\(reference)' holds different content at '\(path)' here (\(ours.abbreviated())) and on '\(remote.trackingName)' (\(theirs.abbreviated())) although its names are content ids; the store is corrupt, run 'git fsck'")
        }
    }

    private func mergedNote(path: String, ours: ObjectID, theirs: ObjectID) throws -> ObjectID {
        let store = EvalStore(repository: repository)
        if let commit = ObjectID(hex: path.filter { $0 != "/" }), let tree = try store.tipTree(),
            let note = try store.scoreNotes(for: [commit], in: tree)[commit] {
            return try repository.writeBlob(Data((note + "\n").utf8))
        }
        // Not a note Quill can recompute: keep every line of both, like `git notes merge -s cat_sort_uniq`.
        let lines = try Set([ours, theirs].flatMap { String(decoding: try repository.blobData($0), as: UTF8.self).split(separator: "\n") })
        return try repository.writeBlob(Data((lines.sorted().joined(separator: "\n") + "\n").utf8))
    }

    /// The report of a finished merge whose push went through.
    func report(_ merge: Merge, localBefore: ObjectID?, pushed: Bool) throws -> SyncedReference {
        let remoteAfter = pushed ? merge.localAfter : merge.remoteTip
        return SyncedReference(
            reference: merge.reference, action: merge.action, localBefore: localBefore?.hex, localAfter: merge.localAfter?.hex,
            remoteBefore: merge.remoteTip?.hex, remoteAfter: remoteAfter?.hex, pushed: pushed, unit: unit(merge.reference),
            fromRemote: try gained(merge.reference, from: localBefore, to: merge.localAfter),
            toRemote: try gained(merge.reference, from: merge.remoteTip, to: remoteAfter))
    }

    private func unit(_ reference: String) -> String {
        switch reference {
        case SyncedRefs.evals: "records"
        case SyncedRefs.notes: "notes"
        case SyncedRefs.manifests: "manifests"
        default: "entries"
        }
    }

    /// How many records (or files) `after` holds that `before` does not. For the eval store, the count
    /// the fetch's check made of the same two trees, else a walk of the record folders that differ
    /// when both trees have one fan-out, not a listing of both stores.
    private func gained(_ reference: String, from before: ObjectID?, to after: ObjectID?) throws -> Int {
        guard let after, after != before else { return 0 }
        if reference == SyncedRefs.evals, let before {
            let trees = (before: try repository.treeID(ofCommit: before), after: try repository.treeID(ofCommit: after))
            if let count = try addedRecords.count(from: trees.before, to: trees.after)
                ?? EvalStore(repository: repository).addedRecordCount(from: trees.before, to: trees.after) {
                return count
            }
        }
        return try items(reference, at: after).subtracting(before.map { try items(reference, at: $0) } ?? []).count
    }

    private func items(_ reference: String, at commit: ObjectID) throws -> Set<String> {
        let tree = try repository.treeID(ofCommit: commit)
        if reference == SyncedRefs.evals {
            return Set(try EvalStore(repository: repository).allRecordIDs(in: tree).map(\.hex))
        }
        if reference == SyncedRefs.manifests {
            return Set(try ManifestStore(repository: repository).namings(in: tree).map { "\($0.name)/\($0.id.hex)" })
        }
        return Set(try repository.treeFiles(tree).map(\.path))
    }
}
