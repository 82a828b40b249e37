/// Judges one compared metric by the base side's gates: regressed, worse, improved, within noise.
struct ReviewGate {
    /// The metrics declared in the base side's `quill.yaml`.
    let policy: [MetricSpec]

    /// The review of every metric with a direction of a changed prompt; none for a deleted one.
    func review(_ prompt: PromptDiff) -> [MetricReview] {
        guard prompt.change != .deleted else { return [] }
        return prompt.scores.groups.flatMap(review) + prompt.scores.unpaired.flatMap { unpaired($0, isNew: prompt.fromBlob == nil) }
    }

    /// The review of every metric with a direction in `group`, in the group's order.
    private func review(_ group: ScoreGroup) -> [MetricReview] {
        group.metrics.compactMap { metric in
            let spec = policy.first { $0.name == metric.name }
            guard let direction = spec?.direction ?? metric.direction else { return nil }
            let judged = judge(metric, direction: direction, spec: spec)
            return MetricReview(
                suite: group.suite, model: group.model, metric: metric.name, direction: direction, min: spec?.min, maxDrop: spec?.maxDrop,
                base: metric.from, head: metric.to, delta: metric.delta, interval: metric.interval,
                verdict: judged.verdict, reason: judged.reason)
        }
    }

    /// Metrics only one side has: not evaluated, with the side named; a new prompt's are checked
    /// against `min` alone, having no baseline.
    private func unpaired(_ scores: UnpairedScores, isNew: Bool) -> [MetricReview] {
        let side = scores.side == .from ? "the head" : "the merge base"
        return scores.metrics.keys.sorted().compactMap { name in
            let spec = policy.first { $0.name == name }
            guard let direction = spec?.direction ?? (name == CaseTable.passRate ? .higher : nil) else { return nil }
            let value = scores.metrics[name]
            let verdict = isNew && scores.side == .to ? newPrompt(value, direction: direction, min: spec?.min)
                : (ReviewVerdict.notEvaluated, "\(side) has no records of this suite and model")
            return MetricReview(
                suite: scores.suite, model: scores.model, metric: name, direction: direction, min: spec?.min, maxDrop: spec?.maxDrop,
                base: scores.side == .from ? value : nil, head: scores.side == .to ? value : nil, delta: nil, interval: nil,
                verdict: verdict.0, reason: verdict.1)
        }
    }

    /// A new prompt's value has no baseline: it regresses only when past `min`.
    private func newPrompt(_ value: SampleSummary?, direction: MetricDirection, min: Double?) -> (ReviewVerdict, String) {
        guard let value else { return (.notEvaluated, "the head has no value of this metric") }
        let sign = direction == .higher ? 1.0 : -1.0
        if let min, sign * (value.mean - min) < 0 {
            return (.regressed, "new prompt at \(ScoreFormat.short(value.mean)): past min \(ScoreFormat.short(min))")
        }
        return (.withinNoise, "new prompt at \(ScoreFormat.short(value.mean)): no baseline to compare with")
    }

    private func judge(_ metric: MetricComparison, direction: MetricDirection, spec: MetricSpec?) -> (verdict: ReviewVerdict, reason: String) {
        guard let base = metric.from, let head = metric.to, let delta = metric.delta else {
            return (.notEvaluated, metric.from == nil ? "the merge base has no value of this metric" : "the head has no value of this metric")
        }
        let sign = direction == .higher ? 1.0 : -1.0
        let worsening = -sign * delta
        // The interval of the difference, turned so that positive is worse.
        let worseBounds = metric.interval.map { (lower: -sign * $0.upper, upper: -sign * $0.lower) }
        let change = "\(ScoreFormat.short(base.mean)) → \(ScoreFormat.short(head.mean)) (\(ScoreFormat.signed(delta)))"
        var breaches = [String]()
        if worsening > 1e-12 {
            if let maxDrop = spec?.maxDrop, worsening > maxDrop + 1e-12 {
                breaches.append("worse by \(ScoreFormat.short(worsening)), more than max_drop \(ScoreFormat.short(maxDrop))")
            }
            if let min = spec?.min, sign * (head.mean - min) < 0 {
                breaches.append("past min \(ScoreFormat.short(min))")
            }
        }
        if !breaches.isEmpty {
            if let worseBounds, worseBounds.lower <= 0 {
                return (.withinNoise, "\(change): \(breaches.joined(separator: " and ")), but the 95% interval \(interval(metric)) includes zero")
            }
            let evidence = worseBounds == nil ? " (aggregates only, no per-case interval)" : ", 95% interval \(interval(metric))"
            return (.regressed, "\(change): \(breaches.joined(separator: " and "))\(evidence)")
        }
        let noise = metric.noise ?? 0
        if let worseBounds {
            if worseBounds.lower > 0 { return (.worse, "\(change): worse, 95% interval \(interval(metric)) excludes zero, within the gates") }
            if worseBounds.upper < 0 { return (.improved, "\(change): better, 95% interval \(interval(metric)) excludes zero") }
            return (.withinNoise, "\(change): 95% interval \(interval(metric)) includes zero")
        }
        if abs(delta) <= max(noise, 1e-12 * Swift.max(1, abs(base.mean))) {
            return (.withinNoise, noise > 0 ? "\(change): within the run-to-run spread \(ScoreFormat.short(noise))" : "\(change): unchanged")
        }
        if worsening > 0 { return (.worse, "\(change): worse, within the gates (aggregates only)") }
        return (.improved, "\(change): better (aggregates only, no significance claimed)")
    }

    private func interval(_ metric: MetricComparison) -> String {
        guard let interval = metric.interval else { return "—" }
        return "[\(ScoreFormat.signed(interval.lower)), \(ScoreFormat.signed(interval.upper))]"
    }
}
