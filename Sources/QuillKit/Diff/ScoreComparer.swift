import Foundation

/// Compares the records of a prompt's two versions: grouped by suite and model, metric by metric,
/// with paired statistics where both sides have per-case results.
struct ScoreComparer {
    /// The metrics `quill.yaml` declares, for their order and direction.
    let metrics: [MetricSpec]
    /// Reads the bytes of a record's per-case blob (nil when it has none).
    let caseBlob: (EvalRecord) throws -> Data?
    /// Bootstrap resamples per metric.
    var resamples = PairedBootstrap.defaultResamples

    /// Records are compared only within the same suite and model.
    private struct Group: Hashable, Comparable {
        let suite: String
        let model: String?

        static func < (lhs: Group, rhs: Group) -> Bool { (lhs.suite, lhs.model ?? "") < (rhs.suite, rhs.model ?? "") }
    }

    /// The comparison of the records at A with those at B.
    func compare(from: [EvalRecord], to: [EvalRecord]) throws -> ScoreComparison {
        let before = Dictionary(grouping: from) { Group(suite: $0.suite, model: $0.model) }
        let after = Dictionary(grouping: to) { Group(suite: $0.suite, model: $0.model) }
        var groups = [ScoreGroup]()
        var unpaired = [UnpairedScores]()
        for group in Set(before.keys).union(after.keys).sorted() {
            switch (before[group], after[group]) {
            case let (old?, new?):
                groups.append(try compare(group, old, new))
            case let (old?, nil):
                unpaired.append(UnpairedScores(side: .from, suite: group.suite, model: group.model, records: old.count, metrics: summaries(old)))
            case let (nil, new?):
                unpaired.append(UnpairedScores(side: .to, suite: group.suite, model: group.model, records: new.count, metrics: summaries(new)))
            case (nil, nil):
                continue
            }
        }
        return ScoreComparison(groups: groups, unpaired: unpaired)
    }

    private func compare(_ group: Group, _ old: [EvalRecord], _ new: [EvalRecord]) throws -> ScoreGroup {
        let tables = try CaseTable.tables(of: [old.compactMap(caseBlob), new.compactMap(caseBlob)])
        let (oldCases, newCases) = (tables[0], tables[1])
        let paired = !oldCases.isEmpty && !newCases.isEmpty
        let shared = paired ? CaseTable.ordered(oldCases.rows.keys.filter { newCases.rows[$0] != nil }) : []  // ids in both
        let oldValues = values(old)
        let newValues = values(new)
        let names = ordered(Set(oldValues.keys).union(newValues.keys))
        let pairs = shared.compactMap { id in oldCases.rows[id].flatMap { old in newCases.rows[id].map { (old, $0) } } }
        let differences = names.map { name in
            paired ? pairedDifferences((oldCases, oldCases.column(name)), (newCases, newCases.column(name)), pairs) : []
        }
        let intervals = bootstrap(differences, complete: shared.count)
        let rows = names.indices.map { index in
            row(names[index], SampleSummary(oldValues[names[index]] ?? []), SampleSummary(newValues[names[index]] ?? []),
                differences: differences[index], interval: intervals[index])
        }
        return ScoreGroup(
            suite: group.suite, model: group.model, fromRecords: old.count, toRecords: new.count, metrics: rows,
            cases: paired ? caseComparison(ids: shared, (oldCases, newCases), pairs, onlyFrom: oldCases.rows.count - shared.count, onlyTo: newCases.rows.count - shared.count) : nil)
    }

    /// B − A of one metric for each shared case (a row in each table) that has it on both sides.
    private func pairedDifferences(
        _ old: (table: CaseTable, column: CaseTable.Column), _ new: (table: CaseTable, column: CaseTable.Column), _ pairs: [(Int, Int)]
    ) -> [Double] {
        var differences = [Double]()
        differences.reserveCapacity(pairs.count)
        for (before, after) in pairs {
            if let oldValue = old.table.value(old.column, row: before), let newValue = new.table.value(new.column, row: after) {
                differences.append(newValue - oldValue)
            }
        }
        return differences
    }

    /// One interval per metric. Metrics paired on every shared case share their resampled case sets
    /// (one bootstrap for all of them, identical samples computed once); the others get their own.
    private func bootstrap(_ samples: [[Double]], complete: Int) -> [ConfidenceInterval?] {
        var unique = [[Double]]()
        var position = [Int?](repeating: nil, count: samples.count)
        for (index, sample) in samples.enumerated() where complete > 0 && sample.count == complete {
            if let known = unique.firstIndex(of: sample) {
                position[index] = known
            } else {
                position[index] = unique.count
                unique.append(sample)
            }
        }
        let shared = PairedBootstrap.intervals(of: unique, resamples: resamples)
        return samples.indices.map { index in
            position[index].map { shared[$0] } ?? PairedBootstrap.interval(of: samples[index], resamples: resamples)
        }
    }

    private func row(_ name: String, _ from: SampleSummary?, _ to: SampleSummary?, differences: [Double], interval: ConfidenceInterval?) -> MetricComparison {
        let direction = metrics.first { $0.name == name }?.direction ?? (name == CaseTable.passRate ? .higher : nil)
        let delta = from.flatMap { from in to.map { $0.mean - from.mean } }
        let noise = [from?.standardDeviation, to?.standardDeviation].compactMap { $0 }.max()
        return MetricComparison(
            name: name, direction: direction, from: from, to: to, delta: delta,
            relativeDelta: delta.flatMap { delta in from.flatMap { $0.mean == 0 ? nil : delta / abs($0.mean) } },
            verdict: delta.map { Verdict.of(delta: $0, scale: from?.mean ?? 0, direction: direction) },
            noise: noise, pairedCases: interval == nil ? nil : differences.count,
            pairedDelta: interval == nil ? nil : differences.reduce(0, +) / Double(differences.count),
            interval: interval, significant: interval?.excludesZero)
    }

    private func caseComparison(ids: [String], _ tables: (old: CaseTable, new: CaseTable), _ pairs: [(Int, Int)], onlyFrom: Int, onlyTo: Int) -> CaseComparison {
        var table = (bothPass: 0, bothFail: 0, passToFail: 0, failToPass: 0)
        var losses = [CaseFlip]()
        var gains = [CaseFlip]()
        for (id, (before, after)) in zip(ids, pairs) {
            guard let passedBefore = tables.old.passed(row: before), let passedAfter = tables.new.passed(row: after) else { continue }
            switch (passedBefore, passedAfter) {
            case (true, true): table.bothPass += 1
            case (false, false): table.bothFail += 1
            case (true, false):
                table.passToFail += 1
                losses.append(CaseFlip(id: id, direction: .passToFail, fromOutput: tables.old.output(row: before), toOutput: tables.new.output(row: after)))
            case (false, true):
                table.failToPass += 1
                gains.append(CaseFlip(id: id, direction: .failToPass, fromOutput: tables.old.output(row: before), toOutput: tables.new.output(row: after)))
            }
        }
        let judged = table.bothPass + table.bothFail + table.passToFail + table.failToPass
        return CaseComparison(
            shared: ids.count, onlyFrom: onlyFrom, onlyTo: onlyTo,
            passFail: judged == 0 ? nil : McNemarTest(
                bothPass: table.bothPass, bothFail: table.bothFail, passToFail: table.passToFail, failToPass: table.failToPass),
            flips: losses + gains)
    }

    /// Each metric's values, one per record that has it.
    private func values(_ records: [EvalRecord]) -> [String: [Double]] {
        var values = [String: [Double]]()
        for record in records {
            for (name, value) in record.metrics { values[name, default: []].append(value) }
        }
        return values
    }

    private func summaries(_ records: [EvalRecord]) -> [String: SampleSummary] {
        values(records).compactMapValues { SampleSummary($0) }
    }

    /// Declared metrics in `quill.yaml`'s order, then the rest by name.
    private func ordered(_ names: Set<String>) -> [String] {
        let declared = metrics.map(\.name).filter(names.contains)
        return declared + names.subtracting(declared).sorted()
    }
}
