// TEMPORARY until the importer lands.
import Foundation
public enum ResultFormat: String, CaseIterable, Sendable, Codable { case auto, quill, promptfoo, jsonl, dvc, ghModels = "gh-models" }
public struct ResultFileError: Error, Sendable, Equatable, CustomStringConvertible { public var file: String; public var line: Int?; public var column: Int?; public var message: String; public var description: String { "\(file): \(message)" } }
public struct ImportedResults: Sendable, Equatable { public var format: ResultFormat; public var evaluations: [ImportedEvaluation] }
public enum ResultImporter {
    public static func read(_ data: Data, path: String, format: ResultFormat) throws(ResultFileError) -> ImportedResults {
        guard let value = try? JSONDecoder().decode([String: Double].self, from: data) else { throw ResultFileError(file: path, message: "bad") }
        return ImportedResults(format: .dvc, evaluations: [ImportedEvaluation(metrics: value)])
    }
}
