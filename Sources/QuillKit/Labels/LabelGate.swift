import GitKit

/// Enforces `quill.yaml`'s `labels:` policy: a label moves only to a version whose records pass the
/// required metrics' `min`, in every suite and model that evaluated it.
struct LabelGate {
    let workspace: Workspace

    /// Throws a failed check naming the metric when `blob`, the version of `prompt`, may not carry `label`.
    func check(label: String, prompt: String, blob: ObjectID) throws {
        guard let policy = workspace.config.labels.first(where: { $0.label == label }) else { return }
        var scores = try LabelScores(workspace: workspace)
        let version = try scores.of(blob: blob)
        for metric in policy.require {
            guard let spec = workspace.config.metrics.first(where: { $0.name == metric }), let min = spec.min else { continue }
            let relation = spec.direction == .higher ? ">=" : "<="
            let rule = "label '\(label)' requires '\(metric)' \(relation) \(ScoreFormat.short(min))"
            let measured = version.compactMap { score in score.metrics[metric].map { (score, $0.mean) } }
            guard !measured.isEmpty else {
                throw QuillError(.checkFailed, "\(rule); version \(blob.abbreviated()) of '\(prompt)' has no record of '\(metric)'; run 'quill eval record' first")
            }
            for (score, mean) in measured where spec.direction == .higher ? mean < min : mean > min {
                let group = "suite '\(score.suite)'" + (score.model.map { ", model '\($0)'" } ?? "")
                throw QuillError(.checkFailed, "\(rule); version \(blob.abbreviated()) of '\(prompt)' has \(ScoreFormat.short(mean)) (\(group))")
            }
        }
    }
}
