import QuillKit

extension MetricRegression {
    /// One sentence a user can act on: the culprit to look at, or the commit to evaluate to decide
    /// between the candidates, or where else to look. `code` formats a commit or a command.
    func advice(metric: String, prompt: String, code: (String) -> String) -> String {
        func short(_ commit: String) -> String { code(String(commit.prefix(8))) }
        let kinds = { (commit: String) in
            candidates.first { $0.commit == commit }.map { $0.kinds.map(\.rawValue).joined(separator: "+") } ?? "change"
        }
        let confidence = lowConfidence ? " (few evaluated points: low confidence)" : ""
        if let p = caseShiftPValue, !isConfirmedByCases {
            let count = "\(candidates.count) candidate\(candidates.count == 1 ? "" : "s")"
            return "The mean fell, but no case changed consistently across \(short(firstBad)) (per-case test p = \(ScoreFormat.short(p)))\(confidence): it may be noise; evaluate \(short(firstBad)) again before reviewing its \(count)."
        }
        let others = candidates.filter { $0.merge == culprit && culprit != nil }
        if let culprit, !ambiguous {
            return "\(short(culprit)) (\(kinds(culprit)), probability \(ScoreFormat.short(candidates.first { $0.commit == culprit }?.probability ?? 1))) caused this regression\(confidence); review or revert its change."
        }
        if let culprit, !others.isEmpty {
            let next = evaluateNext.map { "; evaluate \(short($0)) to decide between its \(others.count) branch commits" } ?? ""
            return "Merge \(short(culprit)) brought this regression in from its branch\(confidence)\(next)."
        }
        if let next = evaluateNext {
            let listed = candidates.prefix(4).map { "\(short($0.commit)) \(ScoreFormat.short($0.probability))" }.joined(separator: ", ")
            return "Ambiguous\(confidence): \(candidates.count) candidates (\(listed)\(candidates.count > 4 ? ", …" : "")); evaluate \(short(next)) next, or run \(code("quill blame \(prompt) --metric \(metric) --bisect --run CMD")) to decide."
        }
        if outsideProbability >= 0.5, let change = recordChanges.first(where: { $0.commit == nil }) {
            return "No commit changed what the evaluation depends on, but the records' \(change.field.rawValue) changed outside the repository (\(change.before.joined(separator: ", ")) → \(change.after.joined(separator: ", ")))\(confidence); check that change."
        }
        return "No commit between \(short(lastGood)) and \(short(firstBad)) changed the prompt, its includes, model, data, dataset or suite\(confidence); the cause is outside what Quill tracks (code, the evaluator, the service)."
    }
}
