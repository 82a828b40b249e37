import GitKit

/// Attributes the level shifts of one metric series to the changes that could explain them.
///
/// For a shift, `ChangeWindow` weighs where it starts (per-case evidence where the records carry cases);
/// each possible interval between two neighbouring evaluations is examined commit by commit
/// (`CandidateExaminer`), merges on the way followed into their branches, and every setting the records
/// name that differs across the interval is traced to the commit that set it (or to no commit: a change
/// outside the repository). `CandidateRanking` then gives each explanation its probability.
struct RegressionAttributor {
    let repository: Repository
    /// How each prompt file is read.
    let config: QuillConfig
    let store: EvalStore
    let metric: String
    let suite: String?
    /// The evaluated commits, oldest first.
    let points: [MetricPoint]
    /// First-parent history with the prompt's path in each commit, newest first.
    let chain: [Workspace.ChainLink]
    private let position: [ObjectID: Int]
    private var index: CommitIndexReader
    private var caseCache = [Int: CaseValues]()
    /// The records of the points read so far (a point holds only its records' ids).
    private var recordCache = [Int: [EvalRecord]]()

    init(
        repository: Repository, config: QuillConfig, store: EvalStore, tree: ObjectID, metric: String, suite: String?, points: [MetricPoint],
        chain: [Workspace.ChainLink]
    ) {
        self.repository = repository
        self.config = config
        self.store = store
        self.metric = metric
        self.suite = suite
        self.points = points
        self.chain = chain
        position = Dictionary(chain.enumerated().map { ($1.commit, $0) }, uniquingKeysWith: { first, _ in first })
        index = CommitIndexReader(repository: repository, tree: tree)
    }

    /// One interval's explanations, before ranking.
    private struct Interval {
        var candidates = [RegressionCandidate]()
        var entries = [CandidateRanking.Entry]()
        var recordChanges = [RecordChange]()
    }

    /// The regression `shift` is, with its candidates ranked.
    mutating func attribute(_ shift: LevelShift) throws -> MetricRegression {
        var (window, logLikelihoods) = try weigh(around: shift.index, shift: shift)
        // The evidence may put the boundary at the window's edge: look again around it (a few times at most).
        for _ in 0..<3 {
            let best = window.boundaries[logLikelihoods.indices.max { logLikelihoods[$0] < logLikelihoods[$1] }!]
            guard best != window.center else { break }
            (window, logLikelihoods) = try weigh(around: best, shift: shift)
        }
        var intervals = [Interval]()
        for (offset, boundary) in window.boundaries.enumerated() {
            intervals.append(try examine(good: boundary - 1, bad: boundary, boundaryOffset: offset, window: window))
        }
        let ranking = CandidateRanking(intervals.flatMap(\.entries), logLikelihoods: logLikelihoods)
        var probability = [String: Double]()
        for (entry, value) in zip(ranking.entries, ranking.probabilities) {
            if let commit = entry.commit { probability[commit, default: 0] += value }
            if let merge = entry.merge { probability[merge, default: 0] += value }
        }
        let mass = window.boundaries.indices.map { offset in
            zip(ranking.entries, ranking.probabilities).filter { $0.0.boundary == offset }.map(\.1).reduce(0, +)
        }
        let chosen = ranking.entries.isEmpty
            ? logLikelihoods.indices.max { logLikelihoods[$0] < logLikelihoods[$1] }!
            : mass.indices.max { mass[$0] < mass[$1] }!
        let boundary = window.boundaries[chosen]
        var candidates = intervals.flatMap(\.candidates).compactMap { candidate -> RegressionCandidate? in
            var candidate = candidate
            candidate.probability = probability[candidate.commit] ?? 0
            return candidate.probability >= 0.005 ? candidate : nil
        }
        candidates.sort { $0.probability > $1.probability }
        let segments = shift.segments
        let caseShift = CaseShiftTest.pValue(
            before: try (max(segments.lowerBound, boundary - CaseShiftTest.window)..<boundary).map { try caseValues($0) },
            after: try (boundary..<min(segments.upperBound, boundary + CaseShiftTest.window)).map { try caseValues($0) })
        // A mean shift the cases do not show may be noise: it is reported, but nothing is named for it.
        let culprit = caseShift.map { $0 <= CaseShiftTest.significance } ?? true ? ranking.culprit : nil
        let remaining = ranking.probabilities.filter { $0 >= 0.01 }.count
        let outside = zip(ranking.entries, ranking.probabilities).filter { $0.0.commit == nil }.map(\.1).reduce(0, +)
        return MetricRegression(
            before: shift.before, after: shift.after, change: shift.change, pValue: shift.pValue, lowConfidence: shift.isLowConfidence,
            lastGood: points[boundary - 1].commit.hex, firstBad: points[boundary].commit.hex, boundaryShift: boundary - shift.index,
            pairedCases: try caseValues(boundary - 1).paired(with: caseValues(boundary)), caseShiftPValue: caseShift,
            recordChanges: intervals[chosen].recordChanges, candidates: candidates, outsideProbability: outside,
            ambiguous: remaining >= 2 && ranking.probabilities.allSatisfy { $0 < CandidateRanking.decisive },
            culprit: culprit, evaluateNext: ranking.evaluateNext)
    }

    /// The window around `center` and its boundaries' log-likelihoods.
    private mutating func weigh(around center: Int, shift: LevelShift) throws -> (ChangeWindow, [Double]) {
        let window = ChangeWindow(index: center, lower: shift.segments.lowerBound, upper: shift.segments.upperBound)
        var evidence = [Int: Double]()
        for point in window.doubtful { evidence[point] = try self.evidence(for: point, window: window, shift: shift) }
        return (window, window.logLikelihoods(evidence))
    }

    /// D for the doubtful point `point`: per case when the cases allow, else from means.
    private mutating func evidence(for point: Int, window: ChangeWindow, shift: LevelShift) throws -> Double {
        let boundary = BoundaryEvidence(before: try window.before.map { try caseValues($0) }, after: try window.after.map { try caseValues($0) })
        if let value = boundary.perCase(try caseValues(point)) { return value }
        return meanEvidence(points[point].value, window: window, shift: shift)
    }

    /// D of a value from the window's reference means.
    private func meanEvidence(_ value: Double, window: ChangeWindow, shift: LevelShift) -> Double {
        let variance = (shift.before.standardDeviation * shift.before.standardDeviation + shift.after.standardDeviation * shift.after.standardDeviation) / 2
        return BoundaryEvidence.fromMeans(
            value, before: window.before.map { points[$0].value }, after: window.after.map { points[$0].value }, fallbackVariance: variance)
    }

    /// The per-case values of the point at `offset`, read once.
    private mutating func caseValues(_ offset: Int) throws -> CaseValues {
        if let known = caseCache[offset] { return known }
        let values = try caseValues(of: records(offset))
        caseCache[offset] = values
        return values
    }

    /// The records of the point at `offset`, read once.
    private mutating func records(_ offset: Int) throws -> [EvalRecord] {
        if let known = recordCache[offset] { return known }
        let records = try points[offset].recordIDs.map(store.record)
        recordCache[offset] = records
        return records
    }

    private func caseValues(of records: [EvalRecord]) throws -> CaseValues {
        CaseValues(CaseTable(try records.flatMap(store.cases)), metric: metric)
    }

    /// The explanations between the evaluated points `good` and `bad`.
    private mutating func examine(good: Int, bad: Int, boundaryOffset: Int, window: ChangeWindow) throws -> Interval {
        let examiner = CandidateExaminer(repository: repository, config: config)
        var interval = Interval()
        var branches = [ObjectID: [ObjectID]]()
        let links = position[points[bad].commit]!..<position[points[good].commit]!
        for link in links {
            let (commit, path, _) = chain[link]
            let order = (chain.count - link) * 10_000
            let parentPath = chain.indices.contains(link + 1) ? chain[link + 1].path : nil
            let candidate = try examiner.candidate(commit, path: path, parentPath: parentPath)
            let branch = try examiner.branchCommits(of: commit)
            branches[commit] = branch
            let branchCandidates = try branch.enumerated().compactMap { offset, id in
                try examiner.candidate(id, path: path, parentPath: path).map { (candidate: $0, order: order - 1 - offset) }
            }
            let explaining = try narrow(branchCandidates, branch: branch, path: path, window: window)
            if let candidate { interval.candidates.append(candidate) }
            if explaining.isEmpty {
                if candidate != nil { interval.entries.append(.init(commit: commit.hex, boundary: boundaryOffset, order: order, merge: nil)) }
            } else {
                for (branchCandidate, branchOrder) in explaining {
                    var listed = branchCandidate
                    listed.merge = commit.hex
                    interval.candidates.append(listed)
                    interval.entries.append(.init(commit: listed.commit, boundary: boundaryOffset, order: branchOrder, merge: commit.hex))
                }
            }
        }
        let badRecords = try records(bad)
        for difference in try RecordChange.differences(from: records(good), to: badRecords, in: repository) {
            let added = Set(difference.after).subtracting(difference.before)
            let needles = badRecords.filter { added.contains(RecordChange.value(of: difference.field, in: $0)) }
                .flatMap { RecordChange.needles(of: difference.field, in: $0) }
            let kind = RecordChange.kind(of: difference.field)
            var origin: (commit: ObjectID, lines: [IncludedFileChange])?
            search: for link in links {
                let commit = chain[link].commit
                let lines = try examiner.settingLines(commit, needles: needles)
                guard !lines.isEmpty else { continue }
                origin = (commit, lines)
                for branchCommit in branches[commit] ?? [] {
                    let branchLines = try examiner.settingLines(branchCommit, needles: needles)
                    if !branchLines.isEmpty {
                        origin = (branchCommit, branchLines)
                        break
                    }
                }
                break search
            }
            interval.recordChanges.append(RecordChange(
                field: difference.field, kind: kind, before: difference.before, after: difference.after, commit: origin?.commit.hex))
            guard let origin else {
                interval.entries.append(.init(commit: nil, boundary: boundaryOffset, order: Int.max, merge: nil))
                continue
            }
            try attach(kind, lines: origin.lines, to: origin.commit, in: &interval, branches: branches, boundaryOffset: boundaryOffset, examiner: examiner)
            // The value the records name may be the last of several this interval set: every commit that
            // changed the same setting made part of the difference, and is a candidate of its kind too.
            let sites = CandidateExaminer.sites(of: origin.lines, needles: needles)
            for link in links {
                let commit = chain[link].commit
                var setters = [(commit: ObjectID, lines: [IncludedFileChange])]()
                for branchCommit in branches[commit] ?? [] {
                    let lines = try examiner.siteLines(branchCommit, sites: sites)
                    if !lines.isEmpty { setters.append((branchCommit, lines)) }
                }
                if setters.isEmpty {
                    let lines = try examiner.siteLines(commit, sites: sites)
                    if !lines.isEmpty { setters.append((commit, lines)) }
                }
                for setter in setters where setter.commit != origin.commit {
                    try attach(kind, lines: setter.lines, to: setter.commit, in: &interval, branches: branches, boundaryOffset: boundaryOffset, examiner: examiner)
                }
            }
        }
        return interval
    }

    /// Adds `kind` and the setting `lines` to `commit`'s candidate in `interval`, listing it (with the
    /// merge that brought it, for a branch commit) when it is not yet.
    private func attach(
        _ kind: RegressionCandidate.Kind, lines: [IncludedFileChange], to commit: ObjectID, in interval: inout Interval,
        branches: [ObjectID: [ObjectID]], boundaryOffset: Int, examiner: CandidateExaminer
    ) throws {
        if let existing = interval.candidates.firstIndex(where: { $0.commit == commit.hex }) {
            interval.candidates[existing].insert(kind)
            interval.candidates[existing].settings += lines.filter { !interval.candidates[existing].settings.contains($0) }
            return
        }
        var candidate = try examiner.candidate(commit, kinds: [kind])
        candidate.settings = lines
        let merge = branches.first { $0.value.contains(commit) }?.key
        candidate.merge = merge?.hex
        let link = position[merge ?? commit]!
        let order = (chain.count - link) * 10_000 - (merge.map { branches[$0]!.firstIndex(of: commit)! + 1 } ?? 0)
        interval.candidates.append(candidate)
        interval.entries.append(.init(commit: candidate.commit, boundary: boundaryOffset, order: order, merge: candidate.merge))
    }

    /// The branch candidates that can still explain the change: when branch commits have records, only
    /// those after the last one at the old level and up to the first one at the new level.
    private mutating func narrow(
        _ candidates: [(candidate: RegressionCandidate, order: Int)], branch: [ObjectID], path: String, window: ChangeWindow
    ) throws -> [(candidate: RegressionCandidate, order: Int)] {
        guard !candidates.isEmpty else { return [] }
        let reference = BoundaryEvidence(before: try window.before.map { try caseValues($0) }, after: try window.after.map { try caseValues($0) })
        // Oldest first: false at the old level, true at the new, nil when not evaluated.
        var verdicts = [(commit: String, isBad: Bool?)]()
        for commit in branch.reversed() {
            let records = try index.recordIDs(forCommit: commit).map(store.record).filter {
                $0.prompt == path && (suite == nil || $0.suite == suite) && $0.metrics[metric] != nil
            }
            guard !records.isEmpty else {
                verdicts.append((commit.hex, nil))
                continue
            }
            let value = records.compactMap { $0.metrics[metric] }.reduce(0, +) / Double(records.count)
            let score = try reference.perCase(caseValues(of: records))
                ?? BoundaryEvidence.fromMeans(value, before: window.before.map { points[$0].value }, after: window.after.map { points[$0].value }, fallbackVariance: 0)
            verdicts.append((commit.hex, score > 0))
        }
        let firstBad = verdicts.firstIndex { $0.isBad == true } ?? verdicts.count
        let lastGood = verdicts[..<firstBad].lastIndex { $0.isBad == false } ?? -1
        let open = Set(verdicts[(lastGood + 1)..<min(firstBad + 1, verdicts.count)].map(\.commit))
        return candidates.filter { open.contains($0.candidate.commit) }
    }
}
