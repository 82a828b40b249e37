import Foundation

/// Reads evaluation result files — Quill's JSON, promptfoo's JSON and JSON Lines, `gh models eval --json`,
/// JSON Lines of cases and DVC metrics files — into `ImportedEvaluation`s (docs/eval-import.md).
public enum ResultImporter {
    /// Reads one results file; `format: .auto` detects it by shape (and extension for DVC YAML/TOML).
    ///
    /// Complexity: O(n) in the file's size, plus O(r log r) to order promptfoo's r rows.
    public static func read(_ data: Data, path: String, format: ResultFormat) throws(InputFileError) -> ImportedResults {
        let source: SourceText
        do {
            source = try SourceText(checking: data)
        } catch {
            throw InputFileError(file: path, issue: error)
        }
        guard source.bytes.contains(where: { !SourceText.isSpace($0) }) else {
            throw InputFileError(file: path, message: "empty file; expected \(format.expectation)")
        }
        do {
            return try read(source, path: path, format: format)
        } catch {
            throw InputFileError(file: path, issue: error)
        }
    }

    private static func read(_ source: SourceText, path: String, format: ResultFormat) throws(SourceIssue) -> ImportedResults {
        let fileExtension = DVCMetricsReader.fileExtension(path)
        switch format {
        case .auto:
            return try detect(source, fileExtension: fileExtension, path: path)
        case .dvc:
            return ImportedResults(format: .dvc, evaluations: try DVCMetricsReader.read(DVCMetricsReader.tree(of: source, path: path)))
        case .jsonl:
            return ImportedResults(format: .jsonl, evaluations: try CaseLinesReader.read(JSONLines.documents(source)))
        case .quill:
            return ImportedResults(format: .quill, evaluations: try QuillResultsReader.read(JSONDocument.parse(source)))
        case .ghModels:
            return ImportedResults(format: .ghModels, evaluations: try GitHubModelsResultsReader.read(JSONDocument.parse(source)))
        case .promptfoo:
            guard !JSONLines.startsAsLines(source) else { return try lines(source) }
            let document = try JSONDocument.parse(source)
            let evaluations = PromptfooRow.isRow(document.root)
                ? try PromptfooResultsReader.read(lines: [document])
                : try PromptfooResultsReader.read(document)
            return ImportedResults(format: .promptfoo, evaluations: evaluations)
        }
    }

    /// Picks the format by extension (DVC YAML and TOML, JSON Lines), then by the JSON's shape.
    private static func detect(_ source: SourceText, fileExtension: String, path: String) throws(SourceIssue) -> ImportedResults {
        if ["yaml", "yml", "toml"].contains(fileExtension) { return try read(source, path: path, format: .dvc) }
        if ["jsonl", "ndjson"].contains(fileExtension) || JSONLines.startsAsLines(source) { return try lines(source) }
        let document = try JSONDocument.parse(source)
        let root = document.root
        if case .object = root.value {
            if root["quill"] != nil { return ImportedResults(format: .quill, evaluations: try QuillResultsReader.read(document)) }
            if PromptfooResultsReader.isResultsFile(root) {
                return ImportedResults(format: .promptfoo, evaluations: try PromptfooResultsReader.read(document))
            }
            if root["testResults"] != nil {
                return ImportedResults(format: .ghModels, evaluations: try GitHubModelsResultsReader.read(document))
            }
            if PromptfooRow.isRow(root) {
                return ImportedResults(format: .promptfoo, evaluations: try PromptfooResultsReader.read(lines: [document]))
            }
            let tree = document.value(root)
            if tree.containsNumber { return ImportedResults(format: .dvc, evaluations: try DVCMetricsReader.read(tree)) }
        }
        throw document.issue(root, "unrecognised results file; expected \(ResultFormat.auto.expectation)")
    }

    /// A JSON Lines file: promptfoo's rows when its first line is one, otherwise cases.
    private static func lines(_ source: SourceText) throws(SourceIssue) -> ImportedResults {
        let documents = try JSONLines.documents(source)
        guard PromptfooRow.isRow(documents[0].root) else {
            return ImportedResults(format: .jsonl, evaluations: try CaseLinesReader.read(documents))
        }
        return ImportedResults(format: .promptfoo, evaluations: try PromptfooResultsReader.read(lines: documents))
    }
}
