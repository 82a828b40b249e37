/// Compares the records of a prompt's two versions: grouped by suite and model, metric by metric,
/// with paired statistics where both sides have per-case results.
struct ScoreComparer {
    /// The metrics `quill.yaml` declares, for their order and direction.
    let metrics: [MetricSpec]
    /// Reads a record's per-case results.
    let cases: (EvalRecord) throws -> [EvalCase]
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
        let oldCases = CaseTable(try old.flatMap(cases))
        let newCases = CaseTable(try new.flatMap(cases))
        let paired = !oldCases.isEmpty && !newCases.isEmpty
        let shared = paired ? CaseTable.ordered(oldCases.entries.keys.filter { newCases.entries[$0] != nil }) : []
        let oldValues = values(old)
        let newValues = values(new)
        let rows = ordered(Set(oldValues.keys).union(newValues.keys)).map { name in
            row(name, SampleSummary(oldValues[name] ?? []), SampleSummary(newValues[name] ?? []),
                paired: paired ? (oldCases, newCases, shared) : nil)
        }
        return ScoreGroup(
            suite: group.suite, model: group.model, fromRecords: old.count, toRecords: new.count, metrics: rows,
            cases: paired ? caseComparison(oldCases, newCases, shared: shared) : nil)
    }

    private func row(_ name: String, _ from: SampleSummary?, _ to: SampleSummary?, paired: (CaseTable, CaseTable, [String])?) -> MetricComparison {
        let direction = metrics.first { $0.name == name }?.direction ?? (name == CaseTable.passRate ? .higher : nil)
        let delta = from.flatMap { from in to.map { $0.mean - from.mean } }
        let noise = [from?.standardDeviation, to?.standardDeviation].compactMap { $0 }.max()
        var differences = [Double]()
        if let (old, new, shared) = paired {
            differences.reserveCapacity(shared.count)
            for id in shared {
                if let before = old.entries[id]?.value(of: name), let after = new.entries[id]?.value(of: name) {
                    differences.append(after - before)
                }
            }
        }
        let interval = PairedBootstrap.interval(of: differences, resamples: resamples)
        return MetricComparison(
            name: name, direction: direction, from: from, to: to, delta: delta,
            relativeDelta: delta.flatMap { delta in from.flatMap { $0.mean == 0 ? nil : delta / abs($0.mean) } },
            verdict: delta.map { Verdict.of(delta: $0, scale: from?.mean ?? 0, direction: direction) },
            noise: noise, pairedCases: interval == nil ? nil : differences.count,
            pairedDelta: interval == nil ? nil : differences.reduce(0, +) / Double(differences.count),
            interval: interval, significant: interval?.excludesZero)
    }

    private func caseComparison(_ old: CaseTable, _ new: CaseTable, shared: [String]) -> CaseComparison {
        var table = (bothPass: 0, bothFail: 0, passToFail: 0, failToPass: 0)
        var losses = [CaseFlip]()
        var gains = [CaseFlip]()
        for id in shared {
            guard let before = old.entries[id], let after = new.entries[id], let passedBefore = before.passed, let passedAfter = after.passed else { continue }
            switch (passedBefore, passedAfter) {
            case (true, true): table.bothPass += 1
            case (false, false): table.bothFail += 1
            case (true, false):
                table.passToFail += 1
                losses.append(CaseFlip(id: id, direction: .passToFail, fromOutput: before.output, toOutput: after.output))
            case (false, true):
                table.failToPass += 1
                gains.append(CaseFlip(id: id, direction: .failToPass, fromOutput: before.output, toOutput: after.output))
            }
        }
        let judged = table.bothPass + table.bothFail + table.passToFail + table.failToPass
        return CaseComparison(
            shared: shared.count, onlyFrom: old.entries.count - shared.count, onlyTo: new.entries.count - shared.count,
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
