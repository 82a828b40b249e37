import ArgumentParser
import QuillKit

extension ResultFormat: ExpressibleByArgument {}

struct EvalRecordCommand: ParsableCommand, JSONOutputCommand {
    static let configuration = CommandConfiguration(
        commandName: "record",
        abstract: "Import result files and store them as evaluation records of a prompt version.",
        usage: """
            quill eval record <files> ... [--prompt <prompt>] [--commit <commit>]
                  [--suite <suite>] [--model <model>] [--manifest <manifest>]
                  [--format <format>] [--case-id <field>] [--allow-dirty]
                  [--output <output>]
            """,
        discussion: HelpText.discussion(
            """
                Reads Quill JSON, promptfoo results (JSON or JSONL), 'gh models eval --json' output, \
                lm-evaluation-harness results and samples, Inspect AI logs (.json, .eval), DeepEval test runs, \
                LangSmith exports, RAGAS and MLflow tables (JSON or CSV), JSON Lines or CSV of cases, or \
                DVC-style metrics files (JSON, YAML, TOML); docs/eval-import.md lists each format and its case ids. \
                The prompt version is read from the evaluated commit's tree; for HEAD, a prompt that differs in the \
                work tree is refused unless --allow-dirty.
                """,
            "Here --format names the input format; --output chooses how the report is printed.",
            examples: ["quill eval record results.json --prompt prompts/support.prompt", "quill eval record runs.jsonl --format jsonl --case-id case --output json"]))

    static let schemas: [OutputSchema] = [.evalRecord]

    @Argument(help: "Result files.")
    var files: [String]

    @Option(help: "The prompt the results are for (default: the path the file names).")
    var prompt: String?

    @Option(help: "The evaluated commit (default: the file's, else HEAD).")
    var commit: String?

    @Option(help: "The suite name (default: the file's, else 'default').")
    var suite: String?

    @Option(help: "The model (default: the file's).")
    var model: String?

    @Option(help: "The vector-store manifest the evaluation ran against: its id, or latest:NAME for the newest recorded under NAME.")
    var manifest: String?

    @Option(help: "Input format: \(ResultFormat.allCases.map(\.rawValue).joined(separator: ", ")).")
    var format: ResultFormat = .auto

    @Option(name: .customLong("case-id"), help: ArgumentHelp(
        "The field holding each case's id in rows of cases: JSON Lines, CSV, LangSmith, RAGAS, MLflow (default: per format, e.g. id; lm-eval samples: doc_id; LangSmith: example_id).",
        valueName: "field"))
    var caseID: String?

    @Flag(help: "Record against HEAD even when the prompt differs in the work tree.")
    var allowDirty = false

    @Option(help: OutputOptions.help)
    var output: OutputFormat = .text

    func validate() throws {
        guard !files.isEmpty else { throw ValidationError("missing result FILE; quill eval record needs at least one") }
    }

    func run() throws {
        let context = try CommandContext.open()
        let request = RecordRequest(
            files: files, prompt: prompt, commit: commit, suite: suite, model: model, manifest: manifest,
            format: format, caseID: caseID, allowDirty: allowDirty)
        try context.print(try context.workspace.recordEvaluations(request), format: output)
    }
}

extension RecordReport: TextRenderable {
    static let schema = OutputSchema.evalRecord

    func renderText(_ terminal: Terminal) -> String {
        let stored = records.filter { $0.isNew == true }.count
        var lines = records.map { $0.renderLine(terminal) }
        lines.append(stored == records.count
            ? "Recorded \(stored) evaluation\(stored == 1 ? "" : "s") on refs/quill/evals"
            : "Recorded \(stored) new evaluation\(stored == 1 ? "" : "s"); \(records.count - stored) already stored")
        return lines.joined(separator: "\n")
    }
}

extension RecordSummary {
    /// `1a2b3c4  prompts/x.prompt @ 5d6e7f8  [suite, model]  accuracy=0.91 …  (12 cases, 1 error not scored)`
    func renderLine(_ terminal: Terminal) -> String {
        let label = [suite, model].compactMap { $0 }.joined(separator: ", ")
        let values = metrics.keys.sorted().map { "\($0)=\(ScoreFormat.short(metrics[$0]!))" }.joined(separator: " ")
        let errorText = errors.map { ", \($0) error\($0 == 1 ? "" : "s") not scored" } ?? ""
        let caseText = cases > 0 ? "  (\(cases) case\(cases == 1 ? "" : "s")\(errorText))" : ""
        return "\(terminal.paint(String(id.prefix(7)), .yellow))  \(prompt) @ \(commit.prefix(7))  [\(label)]  \(values)\(caseText)"
    }
}
