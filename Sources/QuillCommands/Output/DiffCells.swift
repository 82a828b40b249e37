import Foundation
import QuillKit

/// The short texts `quill diff` puts in its tables, shared by the text and markdown forms.
enum DiffCells {
    /// `0.8 ± 0.02 (n=2)` for repeated runs, `0.85` for one, `—` for none.
    static func summary(_ summary: SampleSummary?) -> String {
        guard let summary else { return "—" }
        guard summary.count > 1 else { return ScoreFormat.short(summary.mean) }
        let spread = summary.standardDeviation.map { " ± " + ScoreFormat.short($0) } ?? ""
        return "\(ScoreFormat.short(summary.mean))\(spread) (n=\(summary.count))"
    }

    /// `+0.05`, `-172`, `—`.
    static func delta(_ value: Double?) -> String {
        value.map(ScoreFormat.signed) ?? "—"
    }

    /// `+6.3%`, `—`.
    static func relative(_ value: Double?) -> String {
        guard let value else { return "—" }
        return (value >= 0 ? "+" : "") + String(format: "%.1f%%", value * 100)
    }

    /// `[+0.01, +0.09]`, `—`.
    static func interval(_ interval: ConfidenceInterval?) -> String {
        guard let interval else { return "—" }
        return "[\(ScoreFormat.signed(interval.lower)), \(ScoreFormat.signed(interval.upper))]"
    }

    /// The verdict with what the evidence allows one to say about it.
    static func verdict(_ metric: MetricComparison) -> String {
        guard let verdict = metric.verdict else { return metric.from == nil ? "new metric" : "metric gone" }
        if verdict == .unchanged { return verdict.rawValue }
        switch metric.significant {
        case true?: return "\(verdict.rawValue) (significant)"
        case false?: return "\(verdict.rawValue) (not significant)"
        case nil:
            if let noise = metric.noise, let delta = metric.delta, abs(delta) <= noise { return "\(verdict.rawValue) (within run noise)" }
            return verdict.rawValue
        }
    }

    /// `1 pass→fail, 2 fail→pass, 28 both pass, 0 both fail; McNemar exact p = 1 (9 cases without a clear verdict left out)`.
    static func passFail(_ test: McNemarTest, shared: Int) -> String {
        let unjudged = shared - test.judged
        return "\(test.passToFail) pass→fail, \(test.failToPass) fail→pass, \(test.bothPass) both pass, \(test.bothFail) both fail; "
            + "McNemar exact \(pValue(test.pValue))" + (unjudged > 0 ? " (\(count(unjudged, "case")) without a clear verdict left out)" : "")
    }

    /// `p = 0.0313`.
    static func pValue(_ value: Double) -> String {
        value < 0.0001 ? "p < 0.0001" : "p = " + String(format: "%.4g", value)
    }

    /// A front-matter value on one line: scalars as written, lists and mappings as compact JSON.
    static func value(_ value: YAMLValue?) -> String {
        switch value {
        case nil: "—"
        case .null?: "null"
        case .bool(let flag)?: String(flag)
        case .int(let number)?: String(number)
        case .double(let number)?: ScoreFormat.short(number)
        case .string(let text)?: text.contains("\n") ? String(reflecting: text) : text
        case let value?:
            (try? JSONEncoder().encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "?"
        }
    }

    /// `HEAD~3 (1a2b3c4)`, or `work tree`.
    static func side(_ side: DiffReport.Side) -> String {
        side.commit.map { "\(side.label) (\($0.prefix(7)))" } ?? side.label
    }

    /// `smoke · gpt-4o-mini`.
    static func group(suite: String, model: String?) -> String {
        model.map { "\(suite) · \($0)" } ?? suite
    }

    /// `2 runs`, `1 run`.
    static func count(_ number: Int, _ noun: String) -> String {
        "\(number) \(noun)\(number == 1 ? "" : "s")"
    }

    /// The vector-store data change between the two sides' records:
    /// `manifest 1a2b3c4 → 5d6e7f8: 2 added, 1 removed, 3 changed documents; settings embedding.model`.
    static func data(_ change: ManifestChange) -> String {
        func ids(_ side: [String]) -> String { side.isEmpty ? "none" : side.map { String($0.prefix(7)) }.joined(separator: ", ") }
        let sides = "manifest \(ids(change.from)) → \(ids(change.to))"
        guard change.differs else { return sides + ": same data" }
        guard let summary = change.summary else { return sides + ": data changed" }
        var text = sides + ": \(summary.added) added, \(summary.removed) removed, \(summary.changed) changed documents"
        if summary.chunksReembedded > 0 { text += ", \(count(summary.chunksReembedded, "chunk")) re-embedded" }
        if !summary.settings.isEmpty { text += "; settings " + summary.settings.joined(separator: ", ") }
        return text
    }

    /// What happened to the file: `modified`, `renamed from prompts/a.md (92% similar)`,
    /// `copied from prompts/a.md (100% similar)`.
    static func change(_ prompt: PromptDiff) -> String {
        guard let oldPath = prompt.oldPath else { return prompt.change.rawValue }
        return "\(prompt.change.rawValue) from \(oldPath)" + (prompt.similarity.map { " (\($0)% similar)" } ?? "")
    }
}
